package io.gplay.dsl.check;

import io.gplay.dsl.DslException;
import io.gplay.dsl.build.IncludeNames;
import io.gplay.dsl.build.Notifies;
import io.gplay.dsl.build.TakingIn;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.dsl.reuse.Role;
import io.gplay.dsl.reuse.Roles;
import org.codehaus.groovy.ast.expr.MethodCallExpression;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a tree takes in, as {@code --syntax-check} reads it without running it: the task files and roles its files
 * name by a literal, each role's files and dependencies (their uses judged as the plan judges them, {@link
 * TakingIn}), the role each file belongs to (where its local files are), the files whose tasks are handlers, and
 * the cycles a run would refuse. Each file is to be checked once, in turn ({@link #takenIn()}).
 */
final class StaticTree {
    private final Roles roles;
    private final Notifies notifies;
    private final List<SourceFile> takenIn = new ArrayList<>();
    private final Set<String> rolesSeen = new HashSet<>();
    private final TakingInGraph graph = new TakingInGraph();
    private final Set<String> handlerFiles = new HashSet<>();
    /** The role each file belongs to, by its display name: a role's files, and the task files they import. */
    private final Map<String, Role> roleOf = new HashMap<>();

    /** What a role's first use takes in of its own code (its modules, its lib/): the problems found. */
    private final Function<Role, List<String>> roleCode;

    StaticTree(Roles roles, Notifies notifies, Function<Role, List<String>> roleCode) {
        this.roles = roles;
        this.notifies = notifies;
        this.roleCode = roleCode;
    }

    static String fileNode(SourceFile f) {
        return "task file " + f.display();
    }

    static String roleNode(String name) {
        return "role '" + name + "'";
    }

    /**
     * {@code importTasks what} (or {@code includeTasks}, the {@code call}) written in {@code from} at {@code at} ({@code FILE:LINE}), in the part {@code part}
     * of the tree (a play, or the file), among handlers or not; a problem goes to {@code problems}.
     */
    void importTasks(SourceFile from, String call, String what, String part, String at, boolean handlers,
                     Consumer<String> problems) {
        if (from.folder().escapes(what)) {
            problems.accept(call + ": " + from.folder().outside(what));
            return;
        }
        SourceFile f = from.sibling(what).orElse(null);
        if (f == null) {
            problems.accept(TakingIn.noTaskFile(from, what, call));
            return;
        }
        graph.edge(fileNode(from), fileNode(f), at);
        notifies.edge(part, fileNode(f));
        if (handlers) {
            handlerFiles.add(f.display()); // its tasks are handlers
        }
        Role role = roleOf.get(from.display());
        if (role != null) {
            roleOf.putIfAbsent(f.display(), role);
        }
        takenIn.add(f);
    }

    /**
     * An {@code includeTasks} written in {@code from} with no literal name ({@code named}: its {@code file:} as
     * written, if any): one whose file a closure chooses per host takes in each file the closure can pick, as the
     * plan does; one given no name at all is refused.
     */
    void includePerHost(SourceFile from, MethodCallExpression call, Object named, String part, String at,
                        boolean handlers, Consumer<String> problems) {
        List<Object> args = StaticValues.arguments(call);
        if (named == StaticValues.CLOSURE || args != null && args.contains(StaticValues.CLOSURE)) {
            IncludeNames names = IncludeNames.ofCall(call);
            String problem = TakingIn.noCandidates(from, names);
            if (problem != null) {
                problems.accept(problem);
                return;
            }
            names.files(from).forEach(n -> importTasks(from, "includeTasks", n, part, at, handlers, problems));
        } else if (named == null && args != null && !args.isEmpty() && args.stream().allMatch(a -> a instanceof Map)) {
            problems.accept(TakingIn.NO_FILE);
        }
    }

    /**
     * {@code role name} written in {@code from} at {@code at}: the role found, its parameters checked when they are
     * known ({@code params} null: code gives some), and, once, its files and dependencies taken in, each
     * dependency's use said at the role's meta file. {@code problems} are the use's; {@code raw} takes those said
     * elsewhere, as they are.
     */
    void role(SourceFile from, String name, Map<String, Object> params, String part, String at, boolean handlers,
              Consumer<String> problems, Consumer<String> raw) {
        graph.edge(fileNode(from), roleNode(name), at);
        notifies.edge(part, roleNode(name));
        role(name, params, handlers, problems, raw);
    }

    private void role(String name, Map<String, Object> params, boolean handlers, Consumer<String> problems,
                      Consumer<String> raw) {
        try {
            Role r = roles.find(name).orElse(null);
            if (r == null) {
                problems.accept(roles.missing(name));
                return;
            }
            if (params != null) {
                TakingIn.paramProblems(r, params).forEach(problems);
            }
            if (!rolesSeen.add(name)) {
                return;
            }
            roleCode.apply(r).forEach(raw);
            String meta = r.dir().display() + "/meta/main.yml";
            r.tasks().ifPresent(f -> takeIn(name, r, f, meta, handlers));
            r.handlers().ifPresent(f -> takeIn(name, r, f, meta, true));
            Consumer<String> atMeta = p -> raw.accept(meta + ": " + p);
            r.dependencies().forEach(d -> {
                graph.edge(roleNode(name), roleNode(d.role()), meta);
                notifies.edge(roleNode(name), roleNode(d.role()));
                Map<String, Object> given = new LinkedHashMap<>(d.params());
                TakingIn.use(given, "role", atMeta);
                role(d.role(), given, handlers, atMeta, raw);
            });
        } catch (DslException e) {
            e.problems().forEach(raw);
        }
    }

    /** A role's file; its tasks are handlers when it is the role's handlers, or the role is used among handlers. */
    private void takeIn(String name, Role r, SourceFile f, String meta, boolean handlers) {
        graph.edge(roleNode(name), fileNode(f), meta);
        notifies.edge(roleNode(name), fileNode(f));
        if (handlers) {
            handlerFiles.add(f.display());
        }
        roleOf.put(f.display(), r);
        takenIn.add(f);
    }

    /** The role a file belongs to, or null. */
    Role roleOf(SourceFile f) {
        return roleOf.get(f.display());
    }

    /** Whether a file's tasks are handlers: a role's handlers, or a file taken in among handlers. */
    boolean holdsHandlers(SourceFile f) {
        return handlerFiles.contains(f.display());
    }

    /** The task files and roles' files named by the files checked so far, to be checked in turn. */
    List<SourceFile> takenIn() {
        List<SourceFile> out = List.copyOf(takenIn);
        takenIn.clear();
        return out;
    }

    /**
     * A role use that takes itself in again, or a task file that imports itself through others, as a run refuses
     * them: each {@code FILE:LINE} of the use that closes the cycle, with the cycle.
     */
    List<String> cycles() {
        return graph.cycles();
    }
}
