package io.gplay.engine.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step of a play: a module with its parameters (plain values or {@link Deferred}s) and keywords.
 * {@code flushHandlers} is a task with no module.
 */
public record Task(String title, String module, Map<String, Object> params, TaskOptions options, Source source) {
    public static final String FLUSH_HANDLERS = "flushHandlers";

    public Task {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Task flushHandlers(Source source) {
        return new Task("flush handlers", FLUSH_HANDLERS, Map.of(), TaskOptions.none(), source);
    }

    public boolean isFlush() {
        return FLUSH_HANDLERS.equals(module);
    }

    /** The same task with these tags added to its own (a play's tags, say). */
    public Task withTags(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<String> tags = new LinkedHashSet<>(options.tags());
        tags.addAll(more);
        return new Task(title, module, params, options.withTags(List.copyOf(tags)), source);
    }
}
