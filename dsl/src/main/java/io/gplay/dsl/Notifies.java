package io.gplay.dsl;

import io.gplay.engine.module.Names;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --syntax-check} knows of handlers without running the code: the handlers' literal titles and
 * {@code listen} topics anywhere in the tree, and each literal {@code notify}. A name no handler has is a
 * problem; a handler whose title is computed makes every name possible, so nothing is said then.
 */
final class Notifies {
    private final Set<String> handlers = new LinkedHashSet<>();
    private final Map<String, List<String>> uses = new LinkedHashMap<>();
    private boolean unknownHandler;

    /** A handler's title and listen topics, as written (one code computes is {@link TaskCall#COMPUTED}). */
    void handler(Object title, Object listen) {
        for (Object v : List.of(title == null ? List.of() : title, listen == null ? List.of() : listen)) {
            if (v == TaskCall.COMPUTED) {
                unknownHandler = true;
            } else if (v instanceof Collection<?> c) {
                c.forEach(x -> handlers.add(String.valueOf(x)));
            } else {
                handlers.add(String.valueOf(v));
            }
        }
    }

    /** A task's or block's {@code notify} at {@code FILE:LINE}: a name or a list of them, when literal. */
    void uses(String at, Object notify) {
        if (notify instanceof CharSequence n) {
            uses.computeIfAbsent(at, k -> new ArrayList<>()).add(n.toString());
        } else if (notify instanceof Collection<?> c) {
            c.forEach(n -> uses(at, n));
        }
    }

    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (unknownHandler) {
            return out;
        }
        uses.forEach((at, names) -> names.stream().filter(n -> !handlers.contains(n)).forEach(n ->
                out.add(at + ": notify '" + n + "': no such handler" + Names.didYouMean(n, handlers))));
        return out;
    }
}
