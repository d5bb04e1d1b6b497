package io.gplay.dsl.build;

import io.gplay.engine.plan.Deferred;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the blocks around a task give it, as Ansible's blocks do: their conditions, asked before the task's
 * own; their {@code tags} and {@code notify}, added to the task's; their other keywords ({@code become},
 * {@code ignoreErrors}, {@code delegateTo}, {@code runOnce}, {@code noLog}, {@code anyErrorsFatal}) where the task
 * gives none, an inner block's over an outer one's. Roles and task files taken in inside a block are given them too.
 *
 * <p>Public for {@code --syntax-check}, which reads each call outside any block ({@link #NONE}).
 */
public record BlockKeywords(Deferred when, Map<String, Object> keywords) {
    public static final BlockKeywords NONE = new BlockKeywords(null, Map.of());
    /** The keywords whose values add up rather than override. */
    private static final Set<String> JOINED = Set.of("tags", "notify");

    /** What a block inside gives: its condition after these, its keywords over (or added to) these. */
    BlockKeywords within(Deferred innerWhen, Map<String, Object> inner) {
        Deferred both = when == null ? innerWhen : innerWhen == null ? when : Deferred.both(when, innerWhen);
        return new BlockKeywords(both, under(inner));
    }

    /** A call's own keywords over (or added to) these; its {@code when} is its own, these asked before it. */
    Map<String, Object> under(Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(keywords);
        own.forEach((k, v) -> {
            if (JOINED.contains(k) && out.containsKey(k)) {
                List<String> joined = new ArrayList<>(TaskKeywords.strings(out.get(k)));
                TaskKeywords.strings(v).stream().filter(x -> !joined.contains(x)).forEach(joined::add);
                out.put(k, joined);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
