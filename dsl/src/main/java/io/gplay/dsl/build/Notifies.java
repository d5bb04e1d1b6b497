package io.gplay.dsl.build;

import io.gplay.dsl.check.StaticCheck;
import io.gplay.engine.module.Names;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether each {@code notify} names a handler of its play, by its title or a {@code listen} topic: a name none has
 * is a problem at the line the notify is written (a task's, or a block's), once however often that line is taken
 * in. The plan says it of what each play's making ran ({@link #problems(String, Collection, Set)}); {@code
 * --syntax-check} of what each play reaches in the source, through the task files and roles it takes in (an
 * instance, fed by {@link io.gplay.dsl.check.StaticCheck}): a play whose name, or one of whose handlers' names,
 * code computes is not judged there.
 */
public final class Notifies {
    /** A notify written at {@code at} ({@code FILE:LINE}), naming these handlers. */
    record Use(String at, List<String> names) {
    }

    /** The names a notify's value gives, as the task keywords read it; none that is not a name. */
    static List<String> names(Object notify) {
        return new TaskKeywords(p -> { }).names(notify, "notify");
    }

    /** Each name used in the play that none of its handlers has. */
    static List<String> problems(String play, Collection<Use> uses, Set<String> handlers) {
        Set<String> out = new LinkedHashSet<>();
        for (Use u : uses) {
            u.names().stream().filter(n -> !handlers.contains(n)).forEach(n -> out.add(u.at() + ": notify '" + n
                    + "': no such handler in play '" + play + "'" + Names.didYouMean(n, handlers)));
        }
        return List.copyOf(out);
    }

    /** What is written in a part of the tree: a play, a task file, a role. */
    private static final class Part {
        final List<Use> uses = new ArrayList<>();
        final Set<String> handlers = new LinkedHashSet<>();
        final Set<String> takesIn = new LinkedHashSet<>();
        boolean unknownHandler;
    }

    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final Map<String, String> plays = new LinkedHashMap<>();

    private Part part(String node) {
        return parts.computeIfAbsent(node, k -> new Part());
    }

    /** A play, its part named {@code node}; {@code name} null when code computes it. */
    public void play(String node, String name) {
        plays.put(node, name);
    }

    /** {@code from} takes in {@code to}: a task file, a role, a role's files. */
    public void edge(String from, String to) {
        part(from).takesIn.add(to);
    }

    /** A task's or block's {@code notify} at {@code FILE:LINE}, as written. */
    public void uses(String node, String at, Object notify) {
        List<String> names = names(notify);
        if (!names.isEmpty()) {
            part(node).uses.add(new Use(at, names));
        }
    }

    /** A handler's title and listen topics, as written; a title null (or topics) when code computes it. */
    public void handler(String node, String title, Object listen) {
        Part p = part(node);
        if (title == null || ClosureValue.holdsOne(listen)) {
            p.unknownHandler = true;
            return;
        }
        p.handlers.add(title);
        p.handlers.addAll(new TaskKeywords(x -> { }).names(listen, "listen"));
    }

    /** The problems of each play whose name and handlers' names are known. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        plays.forEach((node, name) -> {
            List<Use> uses = new ArrayList<>();
            Set<String> handlers = new LinkedHashSet<>();
            boolean unknown = name == null;
            for (String reached : reached(node)) {
                Part p = part(reached);
                uses.addAll(p.uses);
                handlers.addAll(p.handlers);
                unknown |= p.unknownHandler;
            }
            if (!unknown) {
                out.addAll(problems(name, uses, handlers));
            }
        });
        return out;
    }

    private Set<String> reached(String from) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(part(n).takesIn);
            }
        }
        return seen;
    }
}
