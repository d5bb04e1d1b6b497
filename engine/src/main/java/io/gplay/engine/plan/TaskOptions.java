package io.gplay.engine.plan;

import java.util.List;

/**
 * A task's keywords, as in Ansible: {@code when}, {@code loop}, {@code register}, {@code notify}, {@code tags},
 * {@code runOnce}, {@code delegateTo}, {@code ignoreErrors}, {@code changedWhen}, {@code failedWhen},
 * {@code retries}/{@code until}/{@code delay}, {@code become}, {@code noLog} (Ansible's {@code no_log}: what the
 * task did is shown nowhere, only its status; as in Ansible, a literal argument still is on the host's command
 * line, where {@code ps} shows it: a secret goes on {@code stdin:}) and, for a handler, {@code listen} (topics a notify may name instead
 * of its title); {@code anyErrorsFatal}, given by the task or a block around it, over the play's (null: the play's
 * {@link Rollout}). {@code loop} and {@code delegateTo} are a plain value or a {@link Deferred}. {@code role}: the
 * role the task came from (the innermost), null for the playbook's own; {@code --start-at-task 'ROLE : TITLE'}
 * names a task by it, as Ansible's headers do. Made with {@link #builder()}.
 */
public record TaskOptions(Deferred when, Object loop, String register, List<String> handlers, List<String> tags,
                          boolean runOnce, Object delegateTo, boolean ignoreErrors, Deferred changedWhen,
                          Deferred failedWhen, int retries, Deferred until, double delay, Boolean become,
                          boolean noLog, List<String> listen, Boolean anyErrorsFatal, String role) {
    public TaskOptions {
        handlers = handlers == null ? List.of() : List.copyOf(handlers);
        tags = tags == null ? List.of() : List.copyOf(tags);
        listen = listen == null ? List.of() : List.copyOf(listen);
    }

    public static TaskOptions none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().when(when).loop(loop).register(register).handlers(handlers).tags(tags).runOnce(runOnce)
                .delegateTo(delegateTo).ignoreErrors(ignoreErrors).changedWhen(changedWhen).failedWhen(failedWhen)
                .retries(retries).until(until).delay(delay).become(become).noLog(noLog).listen(listen)
                .anyErrorsFatal(anyErrorsFatal).role(role);
    }

    /** These options as of a task of {@code name}'s, unless a role nearer the task has them already. */
    public TaskOptions inRole(String name) {
        return role != null ? this : toBuilder().role(name).build();
    }

    public TaskOptions withTags(List<String> newTags) {
        return toBuilder().tags(newTags).build();
    }

    /** These options with {@code condition} asked too, before the task's own {@code when}; null adds nothing. */
    public TaskOptions withCondition(Deferred condition) {
        if (condition == null) {
            return this;
        }
        return toBuilder().when(when == null ? condition : Deferred.both(condition, when)).build();
    }

    /**
     * One setter a keyword; what is not set is a task without the keyword: no condition, loop or register, no
     * notify, tags or listen, no retries with a 5 s delay, {@code become} and {@code anyErrorsFatal} the play's.
     */
    public static final class Builder {
        private Deferred when;
        private Object loop;
        private String register;
        private List<String> handlers = List.of();
        private List<String> tags = List.of();
        private boolean runOnce;
        private Object delegateTo;
        private boolean ignoreErrors;
        private Deferred changedWhen;
        private Deferred failedWhen;
        private int retries;
        private Deferred until;
        private double delay = 5;
        private Boolean become;
        private boolean noLog;
        private List<String> listen = List.of();
        private Boolean anyErrorsFatal;
        private String role;

        private Builder() {
        }

        public Builder when(Deferred condition) {
            when = condition;
            return this;
        }

        public Builder loop(Object items) {
            loop = items;
            return this;
        }

        public Builder register(String name) {
            register = name;
            return this;
        }

        /** {@code notify}: the handlers (titles or {@code listen} topics) a change notifies. */
        public Builder handlers(List<String> notified) {
            handlers = notified;
            return this;
        }

        public Builder tags(List<String> taskTags) {
            tags = taskTags;
            return this;
        }

        public Builder runOnce(boolean once) {
            runOnce = once;
            return this;
        }

        public Builder delegateTo(Object host) {
            delegateTo = host;
            return this;
        }

        public Builder ignoreErrors(boolean ignore) {
            ignoreErrors = ignore;
            return this;
        }

        public Builder changedWhen(Deferred condition) {
            changedWhen = condition;
            return this;
        }

        public Builder failedWhen(Deferred condition) {
            failedWhen = condition;
            return this;
        }

        public Builder retries(int times) {
            retries = times;
            return this;
        }

        public Builder until(Deferred condition) {
            until = condition;
            return this;
        }

        public Builder delay(double seconds) {
            delay = seconds;
            return this;
        }

        public Builder become(Boolean sudo) {
            become = sudo;
            return this;
        }

        public Builder noLog(boolean hidden) {
            noLog = hidden;
            return this;
        }

        public Builder listen(List<String> topics) {
            listen = topics;
            return this;
        }

        public Builder anyErrorsFatal(Boolean fatal) {
            anyErrorsFatal = fatal;
            return this;
        }

        public Builder role(String name) {
            role = name;
            return this;
        }

        public TaskOptions build() {
            return new TaskOptions(when, loop, register, handlers, tags, runOnce, delegateTo, ignoreErrors, changedWhen,
                    failedWhen, retries, until, delay, become, noLog, listen, anyErrorsFatal, role);
        }
    }
}
