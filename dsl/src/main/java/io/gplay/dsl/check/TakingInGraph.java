package io.gplay.dsl.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What takes in what in a tree, as {@code --syntax-check} reads it without running it: a file imports a task file
 * or uses a role, a role has its task files and its dependencies. A cycle in it is what a run refuses as "takes
 * itself in again".
 */
final class TakingInGraph {
    private record Edge(String to, String where) {
    }

    private final Map<String, List<Edge>> edges = new LinkedHashMap<>();

    /** {@code from} takes in {@code to}, as said at {@code where} ({@code FILE:LINE}, or the role's meta file). */
    void edge(String from, String to, String where) {
        List<Edge> out = edges.computeIfAbsent(from, k -> new ArrayList<>());
        if (out.stream().noneMatch(e -> e.to().equals(to))) {
            out.add(new Edge(to, where));
        }
    }

    /** Each cycle once: where the use that closes it is written, what takes itself in, and the path. */
    List<String> cycles() {
        List<String> out = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1: on the current path, 2: done
        for (String start : edges.keySet()) {
            visit(start, new ArrayList<>(), state, out);
        }
        return out;
    }

    private void visit(String node, List<String> path, Map<String, Integer> state, List<String> out) {
        if (state.getOrDefault(node, 0) != 0) {
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (Edge e : edges.getOrDefault(node, List.of())) {
            if (state.getOrDefault(e.to(), 0) == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(e.to()), path.size()));
                cycle.add(e.to());
                out.add(e.where() + ": " + e.to() + " takes itself in again (" + String.join(" -> ", cycle) + ")");
            } else {
                visit(e.to(), path, state, out);
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }
}
