package io.gplay.dsl.build;

import io.gplay.dsl.DslException;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.dsl.reuse.Role;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.Include;
import io.gplay.engine.plan.RoleArguments;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Step;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A task file or a role taken into a play (or a role, or another task file) when the plan is made: its file run
 * with the values it was given, and its tasks added to the collector that took it in, each with that use's
 * variables, condition and tags.
 *
 * <p>Public for {@code --syntax-check}, which reads a use by the same rules ({@link #use}, {@link #paramProblems},
 * {@link #noTaskFile}).
 */
public final class TakingIn {
    /** The title of an include whose file is chosen per host. */
    public static final String PER_HOST_TITLE = "includeTasks (a file per host)";
    /** Said of an includeTasks that names no file. */
    public static final String NO_FILE = "includeTasks: name its file, as 'tasks/x.groovy', or as a closure computed on"
            + " each host, as { \"${facts.osFamily}.groovy\" }";
    private final TaskCollector into;
    private final BuildContext ctx;

    TakingIn(TaskCollector into) {
        this.into = into;
        this.ctx = into.ctx;
    }

    void importTasks(Map<String, Object> named, String path, Source at) {
        SourceFile file = taskFile(path, at, "importTasks");
        if (file == null) {
            return;
        }
        Use use = use(named, "importTasks", p -> ctx.problem(at, p));
        adopt(taskFileSteps(file, named, at), use, wrapped(named), Map.of());
    }

    /**
     * An {@code includeTasks}: the file's steps built and checked now, as an import's, and taken in by the runner on
     * each host when it reaches them ({@link Include}): the include's {@code when} and {@code loop} asked once
     * there, its tags on the include alone, its named values variables of the header and of the tasks inside.
     * {@code path} is a literal name or a closure computed per host (null: none given), which may pick any of the files
     * {@link IncludeNames} reads from it: each of them is built and checked now.
     */
    void includeTasks(Map<String, Object> named, Object path, Source at, String tasksOnly) {
        if (tasksOnly != null) {
            ctx.problem(at, Misplaced.noInclude(tasksOnly));
            return;
        }
        Map<String, SourceFile> files = new LinkedHashMap<>();
        String picks = null;
        if (path == null) {
            ctx.problem(at, NO_FILE);
            return;
        } else if (path instanceof String literal) {
            SourceFile file = taskFile(literal, at, "includeTasks");
            if (file == null) {
                return;
            }
            files.put(literal, file);
        } else if (ctx.compiler() == null) {
            ctx.problem(at, "includeTasks works in a playbook file, not here");
            return;
        } else {
            SourceFile from = ctx.fileOf(at);
            IncludeNames names = IncludeNames.at(from, at.line());
            String problem = noCandidates(from, names);
            if (problem != null) {
                ctx.problem(at, problem);
                return;
            }
            names.files(from).forEach(n -> from.sibling(n).ifPresent(f -> files.put(n, f)));
            picks = names.describe(from);
        }
        Use use = use(named, "includeTasks", p -> ctx.problem(at, p));
        Map<String, Object> vars = wrapped(named);
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        files.forEach((n, f) -> steps.put(n, taskFileSteps(f, named, at).stream()
                .map(s -> s.mapTasks(t -> t.takenIn(null, vars, Map.of()))).toList()));
        Deferred around = into.inBlocks.when();
        TaskOptions options = TaskOptions.builder()
                .when(around == null ? use.when() : use.when() == null ? around : Deferred.both(around, use.when()))
                .loop(use.loop()).tags(TaskKeywords.strings(into.inBlocks.keywords().get("tags"))).build();
        Task header = new Task(path instanceof String ? "includeTasks " + path : PER_HOST_TITLE, Include.MODULE,
                picks == null ? Map.of("file", path) : Map.of("file", ClosureValue.wrap(path), "picks", picks), options,
                at).withTags(use.tags()).takenIn(null, vars, Map.of());
        into.steps.add(new Include(header, steps));
    }

    /** The task file a path written at {@code at} names, or null when there is none (a problem said). */
    private SourceFile taskFile(String path, Source at, String what) {
        if (ctx.compiler() == null) {
            ctx.problem(at, what + " works in a playbook file, not here");
            return null;
        }
        if (ctx.fileOf(at).folder().escapes(path)) {
            ctx.problem(at, what + ": " + ctx.fileOf(at).folder().outside(path));
            return null;
        }
        SourceFile file = ctx.fileOf(at).sibling(path).orElse(null);
        if (file == null) {
            ctx.problem(at, noTaskFile(ctx.fileOf(at), path, what));
        }
        return file;
    }

    /** The steps of a task file, its file run now with the named values. */
    private List<Step> taskFileSteps(SourceFile file, Map<String, Object> named, Source at) {
        TaskCollector inner = into.takingIn(null).giving(named.keySet());
        ctx.using(new BuildContext.Use("task file " + file.display(), at), () -> ctx.run(file, named, inner));
        return inner.steps;
    }

    void role(String name, Map<String, Object> params, Source at) {
        if (ctx.roles() == null) {
            ctx.problem(at, "role works in a playbook file, not here");
            return;
        }
        Role r;
        try {
            r = ctx.roles().find(name).orElse(null);
        } catch (DslException e) {
            ctx.problems(e.problems());
            return;
        }
        if (r == null) {
            ctx.problem(at, ctx.roles().missing(name));
            return;
        }
        try {
            if (r.dir().isBundled()) {
                ctx.library().addBundled();
            }
            // the role's own code, before its files are compiled and run: its modules and its lib/
            ctx.treeModules().use(r, ctx.compiler());
            ctx.library().addRole(r);
        } catch (DslException e) {
            ctx.problems(e.problems());
            return;
        }
        Use use = use(params, "role", p -> ctx.problem(at, p));
        ctx.using(new BuildContext.Use("role '" + name + "'", at), () -> {
            try {
                takeInRole(r, params, use, at);
            } catch (DslException e) {
                ctx.problems(e.problems());
            }
        });
    }

    /** The role's dependencies, tasks and handlers, within its use. */
    private void takeInRole(Role r, Map<String, Object> params, Use use, Source at) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        paramProblems(r, params).forEach(p -> ctx.problem(at, p));
        r.spec().ifPresent(spec -> spec.params().stream().filter(p -> p.defaultValue() != null)
                .forEach(p -> defaults.put(p.name(), p.defaultValue())));
        defaults.putAll(r.defaults());
        Map<String, Object> vars = new LinkedHashMap<>(r.vars());
        vars.putAll(params);
        TaskCollector inner = into.takingIn(r).giving(vars.keySet());
        // the values the use does not give are the preflight's to check, from the extra vars, play and inventory
        r.spec().ifPresent(spec -> ctx.roleUsed(new RoleArguments(r.name(), at, spec, inner.varsAround)));
        Source meta = new Source(r.dir().display() + "/meta/main.yml", 0);
        for (Role.Dependency d : r.dependencies()) {
            new TakingIn(inner).role(d.role(), new LinkedHashMap<>(d.params()), meta);
        }
        Map<String, Object> binding = new LinkedHashMap<>(defaults);
        binding.putAll(vars);
        r.tasks().ifPresent(f -> ctx.run(f, binding, inner));
        TaskCollector handlers = into.handlersOf(r);
        r.handlers().ifPresent(f -> ctx.run(f, binding, handlers));
        adopt(inner.steps.stream().map(s -> s.mapTasks(t -> t.inRole(r.name()))).toList(), use, wrapped(vars),
                wrapped(defaults));
        TaskCollector sink = into.handlerCollector();
        for (Task h : handlers.allTasks()) {
            // a role used twice has its handlers once, with its first use's variables
            if (sink.allTasks().stream().noneMatch(t -> t.title().equals(h.title()))) {
                sink.steps.add(h.takenIn(null, wrapped(vars), wrapped(defaults)));
            }
        }
    }

    /**
     * What a role's or task file's use applies to each of its tasks: a condition and tags; an include's, to
     * itself, with its loop (null for any other use).
     */
    public record Use(Deferred when, List<String> tags, Object loop) {
    }

    /**
     * Takes the keywords out of a role's or task file's named values, leaving its variables: the plan and
     * {@code --syntax-check} both read a use so.
     */
    public static Use use(Map<String, Object> named, String what, Consumer<String> problems) {
        Object when = named.remove("when");
        Object tags = named.remove("tags");
        Object loop = what.equals("includeTasks") ? named.remove("loop") : null;
        for (String k : List.copyOf(named.keySet())) {
            String problem = keywordProblem(what, k);
            if (problem != null) {
                problems.accept(problem);
                named.remove(k);
            }
        }
        TaskKeywords check = new TaskKeywords(problems);
        return new Use(check.condition(when, "when"), check.names(tags, "tags"), check.loop(loop));
    }

    /**
     * Why a name given to a role or task file is refused: a task's keyword (gplay's, or Ansible's way of writing
     * one), which would otherwise quietly be a variable of its tasks; null for a variable.
     */
    private static String keywordProblem(String what, String name) {
        String gplay = AnsibleHabits.gplayName(name, TaskKeywords.NAMES);
        String which = TaskKeywords.NAMES.contains(name) && !name.equals("name") ? "a keyword of a task"
                : AnsibleHabits.isAnsibleKeyword(name, TaskKeywords.NAMES)
                ? "Ansible's keyword of a task" + (gplay == null ? "" : " (gplay's '" + gplay + "')") : null;
        return which == null ? null : what + ": '" + name + "' is " + which + ", not of " + what
                + (what.equals("includeTasks") ? " (which takes when, loop and tags)" : " (which takes when and tags)")
                + "; give it to the tasks inside";
    }

    /** What is wrong with a role's parameters, when it declares them, as a module's are checked. */
    public static List<String> paramProblems(Role r, Map<String, Object> params) {
        return r.spec().map(spec -> {
            Set<String> deferred = new HashSet<>();
            params.forEach((k, v) -> {
                if (ClosureValue.holdsOne(ClosureValue.wrap(v))) {
                    deferred.add(k);
                }
            });
            return ParamValidator.problems(spec, params, deferred).stream().map(p -> "role " + p).toList();
        }).orElse(List.of());
    }

    /**
     * Why an include whose file is chosen per host, written in {@code from}, can take nothing in: the folder its
     * name starts in is outside the tree, or it holds no file the name can pick; null when it has some.
     */
    public static String noCandidates(SourceFile from, IncludeNames names) {
        if (!names.folder().isEmpty() && from.folder().escapes(names.folder())) {
            return "includeTasks: " + from.folder().outside(names.folder());
        }
        if (!names.files(from).isEmpty()) {
            return null;
        }
        return "includeTasks: a file chosen per host is one of " + names.describe(from)
                + ", and there is none; write the task files it picks there";
    }

    /** Why a task file named by importTasks or includeTasks ({@code what}) is not taken in: it is not there. */
    public static String noTaskFile(SourceFile from, String path, String what) {
        return what + ": no task file '" + path + "' (looked for " + from.folder().display()
                + (from.folder().display().isEmpty() ? "" : "/") + path + ")";
    }

    private void adopt(List<Step> taken, Use use, Map<String, Object> vars, Map<String, Object> defaults) {
        for (Step s : taken) {
            into.steps.add(s.mapTasks(t -> t.takenIn(use.when(), vars, defaults).withTags(use.tags())));
        }
    }

    /** Values as a task's variables hold them: closures as per-host values. */
    static Map<String, Object> wrapped(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, ClosureValue.wrap(v)));
        return out;
    }
}
