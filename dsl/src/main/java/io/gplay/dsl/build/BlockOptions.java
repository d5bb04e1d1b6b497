package io.gplay.dsl.build;

import io.gplay.engine.plan.Deferred;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A block's named values and its sections, checked alike by a run ({@link BlockBuilder}) and by
 * {@code --syntax-check}.
 */
public final class BlockOptions {
    /** The keywords a block takes: those a task inside can take from it. */
    static final Set<String> KEYWORDS = Set.of("when", "tags", "notify", "become", "ignoreErrors", "delegateTo",
            "runOnce", "noLog", "anyErrorsFatal", "vars", "name");

    /** A block's named values read: its condition, its vars, its name, and the keywords it gives its tasks. */
    public record Given(Deferred when, Map<String, Object> vars, Object name, Map<String, Object> keywords) {
    }

    /**
     * A block's named values as the plan and {@code --syntax-check} both read them. A name a block does not take,
     * and a keyword's value a task would refuse, is a problem of the block's, said once, and the keyword is not
     * given to its tasks, which would each say it again.
     */
    public static Given read(Map<String, Object> named, Consumer<String> problems) {
        Map<String, Object> k = new LinkedHashMap<>(named);
        keywordProblems(k.keySet()).forEach(problems);
        k.keySet().retainAll(KEYWORDS);
        Object name = k.remove("name");
        Map<String, Object> vars = vars(k.remove("vars"), problems);
        for (String key : List.copyOf(k.keySet())) {
            List<String> wrong = new ArrayList<>();
            new TaskKeywords(wrong::add).options(Collections.singletonMap(key, k.get(key)));
            if (!wrong.isEmpty()) {
                wrong.forEach(problems);
                k.remove(key);
            }
        }
        return new Given(new TaskKeywords(problems).condition(k.remove("when"), "when"), vars, name, k);
    }

    private static Map<String, Object> vars(Object v, Consumer<String> problems) {
        if (v == null || v instanceof Deferred) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), x));
            return out;
        }
        problems.accept("block: vars must be a map of names to values, got " + TaskKeywords.describe(v));
        return Map.of();
    }

    /** What is wrong with a block's keyword names: a task's keyword that a block does not take, or an unknown name. */
    static List<String> keywordProblems(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String k : names) {
            if (KEYWORDS.contains(k)) {
                continue;
            }
            out.add(TaskKeywords.NAMES.contains(k)
                    ? "block: '" + k + "' is a keyword of a task, not of a block (which takes " + new TreeSet<>(KEYWORDS)
                    + "); give it to the tasks inside"
                    : "block: unknown keyword '" + k + "'" + AnsibleHabits.hint(k, KEYWORDS));
        }
        return out;
    }

    /** Why a second {@code rescue} or {@code always} of a block is refused. */
    public static String again(String section) {
        return section + ": this block has " + (section.equals("always") ? "an always" : "a rescue") + " already";
    }

    /** Why a {@code rescue} or {@code always} written on its own is refused, with the form that works. */
    public static String alone(String section) {
        return section + " belongs to a block, after its closing brace on the same line: block('title') { ... } "
                + section + " { ... }";
    }

    private BlockOptions() {
    }
}
