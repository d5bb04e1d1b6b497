package io.gplay.engine.plan;

import java.util.List;

/**
 * A task's keywords, as in Ansible: {@code when}, {@code loop}, {@code register}, {@code notify}, {@code tags},
 * {@code runOnce}, {@code delegateTo}, {@code ignoreErrors}, {@code changedWhen}, {@code failedWhen},
 * {@code retries}/{@code until}/{@code delay}, {@code become} and {@code noLog} (Ansible's {@code no_log}: what the
 * task did is shown nowhere, only its status). {@code loop} and {@code delegateTo} are a plain value or a {@link Deferred}.
 */
public record TaskOptions(Deferred when, Object loop, String register, List<String> handlers, List<String> tags,
                          boolean runOnce, Object delegateTo, boolean ignoreErrors, Deferred changedWhen,
                          Deferred failedWhen, int retries, Deferred until, double delay, Boolean become,
                          boolean noLog) {
    public TaskOptions {
        handlers = handlers == null ? List.of() : List.copyOf(handlers);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public TaskOptions withTags(List<String> newTags) {
        return new TaskOptions(when, loop, register, handlers, newTags, runOnce, delegateTo, ignoreErrors, changedWhen,
                failedWhen, retries, until, delay, become, noLog);
    }

    public static TaskOptions none() {
        return new TaskOptions(null, null, null, List.of(), List.of(), false, null, false, null, null, 0, null, 5,
                null, false);
    }
}
