package io.gplay.engine.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How to run a playbook: the command line's choices. Made with {@link #builder()}. */
public record RunOptions(boolean check, boolean diff, int forks, String limit, List<String> tags,
                         List<String> skipTags, String startAtTask, boolean forceHandlers,
                         Map<String, Object> extraVars, boolean acceptNewHostKeys, Path knownHosts, int verbosity,
                         Slice slice) {
    public RunOptions {
        tags = tags == null ? List.of() : List.copyOf(tags);
        skipTags = skipTags == null ? List.of() : List.copyOf(skipTags);
        // a variable may be null (`-e '{"x": null}'`): Map.copyOf refuses that
        extraVars = extraVars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
    }

    public static RunOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().output(check, diff, verbosity).hosts(forks, limit, extraVars, acceptNewHostKeys, knownHosts)
                .tasks(tags, skipTags, startAtTask, forceHandlers).slice(slice);
    }

    public RunOptions withCheck(boolean c) {
        return toBuilder().output(c, diff, verbosity).build();
    }

    public RunOptions withDiff(boolean d) {
        return toBuilder().output(check, d, verbosity).build();
    }

    /**
     * Run options in three groups and the slice; what is not set is as ansible-playbook has it (10 forks, no limit,
     * all tags), and no slice.
     */
    public static final class Builder {
        private boolean check;
        private boolean diff;
        private int verbosity;
        private int forks = 10;
        private String limit;
        private Map<String, Object> extraVars = Map.of();
        private boolean acceptNewHostKeys;
        private Path knownHosts;
        private List<String> tags = List.of();
        private List<String> skipTags = List.of();
        private String startAtTask;
        private boolean forceHandlers;
        private Slice slice;

        private Builder() {
        }

        /** What a run shows and whether it changes anything. */
        public Builder output(boolean checkRun, boolean showDiff, int verbose) {
            check = checkRun;
            diff = showDiff;
            verbosity = verbose;
            return this;
        }

        /** Which hosts, how many at once, with which extra variables and host keys. */
        public Builder hosts(int forksAtOnce, String limitPattern, Map<String, Object> extra, boolean acceptNewKeys,
                             Path knownHostsFile) {
            forks = forksAtOnce;
            limit = limitPattern;
            extraVars = extra;
            acceptNewHostKeys = acceptNewKeys;
            knownHosts = knownHostsFile;
            return this;
        }

        /** Which tasks: {@code --tags}, {@code --skip-tags}, {@code --start-at-task}, {@code --force-handlers}. */
        public Builder tasks(List<String> only, List<String> skip, String startAt, boolean handlersOnFailedHosts) {
            tags = only;
            skipTags = skip;
            startAtTask = startAt;
            forceHandlers = handlersOnFailedHosts;
            return this;
        }

        /** {@code --slice K/N}: only the hosts of this slice; null for all. */
        public Builder slice(Slice part) {
            slice = part;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(check, diff, forks, limit, tags, skipTags, startAtTask, forceHandlers, extraVars,
                    acceptNewHostKeys, knownHosts, verbosity, slice);
        }
    }
}
