package io.gplay.engine.plan;

import java.util.List;

/**
 * A task's keywords, as in Ansible: {@code when}, {@code loop}, {@code register}, {@code notify}, {@code tags},
 * {@code runOnce}, {@code delegateTo}, {@code ignoreErrors}, {@code changedWhen}, {@code failedWhen},
 * {@code retries}/{@code until}/{@code delay}, {@code become}, {@code noLog} (Ansible's {@code no_log}: what the
 * task did is shown nowhere, only its status; as in Ansible, a literal argument still is on the host's command
 * line, where {@code ps} shows it: a secret goes on {@code stdin:}) and, for a handler, {@code listen} (topics a notify may name instead
 * of its title); {@code anyErrorsFatal}, given by the task or a block around it, over the play's (null: the play's
 * {@link Rollout}). {@code loop} and {@code delegateTo} are a plain value or a {@link Deferred}.
 */
public record TaskOptions(Deferred when, Object loop, String register, List<String> handlers, List<String> tags,
                          boolean runOnce, Object delegateTo, boolean ignoreErrors, Deferred changedWhen,
                          Deferred failedWhen, int retries, Deferred until, double delay, Boolean become,
                          boolean noLog, List<String> listen, Boolean anyErrorsFatal) {
    public TaskOptions {
        handlers = handlers == null ? List.of() : List.copyOf(handlers);
        tags = tags == null ? List.of() : List.copyOf(tags);
        listen = listen == null ? List.of() : List.copyOf(listen);
    }

    public TaskOptions withTags(List<String> newTags) {
        return new TaskOptions(when, loop, register, handlers, newTags, runOnce, delegateTo, ignoreErrors, changedWhen,
                failedWhen, retries, until, delay, become, noLog, listen, anyErrorsFatal);
    }

    /** These options with {@code condition} asked too, before the task's own {@code when}; null adds nothing. */
    public TaskOptions withCondition(Deferred condition) {
        if (condition == null) {
            return this;
        }
        Deferred both = when == null ? condition : Deferred.both(condition, when);
        return new TaskOptions(both, loop, register, handlers, tags, runOnce, delegateTo, ignoreErrors, changedWhen,
                failedWhen, retries, until, delay, become, noLog, listen, anyErrorsFatal);
    }

    public static TaskOptions none() {
        return new TaskOptions(null, null, null, List.of(), List.of(), false, null, false, null, null, 0, null, 5,
                null, false, List.of(), null);
    }
}
