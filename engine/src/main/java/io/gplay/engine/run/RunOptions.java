package io.gplay.engine.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How to run a playbook: the command line's choices. */
public record RunOptions(boolean check, boolean diff, int forks, String limit, List<String> tags,
                         List<String> skipTags, String startAtTask, boolean forceHandlers,
                         Map<String, Object> extraVars, boolean acceptNewHostKeys, Path knownHosts, int verbosity) {
    public RunOptions {
        tags = tags == null ? List.of() : List.copyOf(tags);
        skipTags = skipTags == null ? List.of() : List.copyOf(skipTags);
        // a variable may be null (`-e '{"x": null}'`): Map.copyOf refuses that
        extraVars = extraVars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
    }

    public static RunOptions defaults() {
        return new RunOptions(false, false, 10, null, List.of(), List.of(), null, false, Map.of(), false, null, 0);
    }

    public RunOptions withCheck(boolean c) {
        return new RunOptions(c, diff, forks, limit, tags, skipTags, startAtTask, forceHandlers, extraVars,
                acceptNewHostKeys, knownHosts, verbosity);
    }

    public RunOptions withDiff(boolean d) {
        return new RunOptions(check, d, forks, limit, tags, skipTags, startAtTask, forceHandlers, extraVars,
                acceptNewHostKeys, knownHosts, verbosity);
    }
}
