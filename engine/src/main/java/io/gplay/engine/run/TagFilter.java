package io.gplay.engine.run;

import io.gplay.engine.plan.Task;

import java.util.List;

/** {@code --tags} and {@code --skip-tags} as in Ansible, with its special tags {@code always}, {@code never}, {@code all}. */
final class TagFilter {
    private TagFilter() {
    }

    static boolean selects(Task task, RunOptions opts) {
        List<String> tags = task.options().tags();
        if (tags.stream().anyMatch(opts.skipTags()::contains)) {
            return false;
        }
        if (opts.tags().isEmpty() || opts.tags().contains("all")) {
            return !tags.contains("never");
        }
        return tags.contains("always") || tags.stream().anyMatch(opts.tags()::contains);
    }
}
