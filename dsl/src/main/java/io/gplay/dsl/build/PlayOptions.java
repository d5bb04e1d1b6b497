package io.gplay.dsl.build;

import io.gplay.dsl.compile.SourceFile;
import io.gplay.engine.plan.Deferred;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A play's options and its {@code varsFiles}, checked alike by a run ({@link PlaybookBuilder}) and by
 * {@code --syntax-check}; its serial and failure limits are {@link RolloutOptions}'.
 */
public final class PlayOptions {
    static final Set<String> PLAY_OPTIONS = Set.of("hosts", "vars", "serial", "maxFailPercentage",
            "anyErrorsFatal", "become", "becomeUser", "gatherFacts", "name", "tags", "varsFiles");

    /**
     * What is wrong with a play's options, as the plan and {@code --syntax-check} both read them (its serial and
     * failure limits are {@link RolloutOptions}'); a value --syntax-check does not know is not judged.
     */
    public static void optionProblems(String name, Map<String, ?> options, Consumer<String> problems) {
        for (String k : options.keySet()) {
            if (!PLAY_OPTIONS.contains(k)) {
                problems.accept("play '" + name + "': unknown option '" + k + "'" + AnsibleHabits.hint(k, PLAY_OPTIONS));
            }
        }
        if (options.get("hosts") == null) {
            problems.accept("play '" + name + "': missing hosts (a group, host or pattern)");
        }
        for (String k : List.of("become", "gatherFacts")) {
            Object v = options.get(k);
            if (v != null && !(v instanceof Boolean) && !(v instanceof Deferred)) {
                problems.accept(k + " must be true or false, got " + TaskKeywords.describe(v));
            }
        }
        Object vars = options.get("vars");
        if (vars != null && !(vars instanceof Map<?, ?>) && !(vars instanceof Deferred)) {
            problems.accept("play '" + name + "': vars must be a map of names to values, got " + TaskKeywords.describe(vars));
        }
    }

    /** The files a play's {@code varsFiles} names: one, or a list; those code computes left out. */
    public static List<String> varsFiles(Object v) {
        List<?> names = v == null ? List.of() : v instanceof List<?> l ? l : List.of(v);
        return names.stream().filter(n -> !(n instanceof Deferred)).map(String::valueOf).toList();
    }

    /** A {@code varsFiles} file as the plan and --syntax-check find it: beside {@code from}, inside its tree. */
    public static Optional<SourceFile> varsFile(SourceFile from, String path, Consumer<String> problems) {
        if (from.folder().escapes(path)) {
            problems.accept("varsFiles: " + from.folder().outside(path));
            return Optional.empty();
        }
        Optional<SourceFile> file = from.sibling(path);
        if (file.isEmpty()) {
            problems.accept("varsFiles: no file '" + path + "' beside " + from.display());
        }
        return file;
    }

    private PlayOptions() {
    }
}
