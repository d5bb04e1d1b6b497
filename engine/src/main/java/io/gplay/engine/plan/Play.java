package io.gplay.engine.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts, the variables every task sees, and the tasks and handlers that run on them. {@code serial} of 0
 * means all hosts in one batch.
 */
public record Play(String name, String hosts, Map<String, Object> vars, int serial, boolean become,
                   String becomeUser, boolean gatherFacts, List<Task> tasks, List<Task> handlers, Source source) {
    public Play {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        tasks = List.copyOf(tasks);
        handlers = List.copyOf(handlers);
    }
}
