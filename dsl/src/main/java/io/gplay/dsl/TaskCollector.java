package io.gplay.dsl;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingMethodException;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns module calls in a play (or its handlers block) into tasks: {@code service 'glusterd', state: 'started'}
 * is the module {@code service}, titled 'glusterd', whose primary parameter (name) the title fills. Task
 * keywords are taken out of the same map; closures become per-host values. Everything that can be checked
 * before a host is touched is checked here.
 */
public class TaskCollector extends GroovyObjectSupport {
    /** DSL names that differ from module names: {@code package} and {@code assert} are Groovy keywords. */
    static final Set<String> KEYWORDS = Set.of("when", "loop", "register", "notify", "tags", "runOnce", "delegateTo",
            "ignoreErrors", "changedWhen", "failedWhen", "retries", "until", "delay", "become", "noLog", "check", "name",
            "listen");

    final BuildContext ctx;
    final List<Task> tasks = new ArrayList<>();
    /** The collector this one's tasks go into (for a role's or task file's), or null for a play's. */
    private final TaskCollector parent;
    /** The role whose tasks this collects, or null: its files/ and templates/ are where copy and template look first. */
    private final Role role;

    TaskCollector(BuildContext ctx) {
        this(ctx, null, null);
    }

    TaskCollector(BuildContext ctx, TaskCollector parent, Role role) {
        this.ctx = ctx;
        this.parent = parent;
        this.role = role != null ? role : parent != null ? parent.role : null;
    }

    /** A collector outside any playbook file, for the console and ad-hoc commands; problems are named {@code where}. */
    public static TaskCollector standalone(io.gplay.engine.module.ModuleRegistry modules, String where) {
        return new TaskCollector(BuildContext.standalone(modules, where));
    }

    /** Where a role's handlers go: the play's handlers. */
    TaskCollector handlerCollector() {
        return parent != null ? parent.handlerCollector() : this;
    }

    public List<Task> tasks() {
        return List.copyOf(tasks);
    }

    public List<String> problems() {
        return List.copyOf(ctx.problems);
    }

    /** A task from a module name, an optional title and named parameters (the ad-hoc command's -m and -a). */
    public Task task(String module, String title, Map<String, Object> named) {
        Module m = ctx.modules.find(module).orElse(null);
        if (m == null) {
            throw new DslException(List.of(ctx.displayName + ": unknown module '" + module + "'"
                    + ctx.modules.didYouMean(module)));
        }
        Task t = task(m, title, named, new Source(ctx.displayName, 0));
        if (!ctx.problems.isEmpty()) {
            throw new DslException(ctx.problems);
        }
        return t;
    }

    /** Any call that is not a DSL method is a module call. */
    public Object methodMissing(String name, Object argsObj) {
        Module module = ctx.modules.find(name).orElse(null);
        if (module == null) {
            if (ctx.scriptResponds(name, (Object[]) argsObj)) {
                throw new MissingMethodException(name, getClass(), (Object[]) argsObj); // Groovy then asks the script
            }
            ctx.problem(ctx.here(), "unknown module '" + name + "'" + ctx.modules.didYouMean(name));
            return null;
        }
        Object[] args = (Object[]) argsObj;
        Source at = ctx.here();
        Map<String, Object> named = new LinkedHashMap<>();
        String title = null;
        for (Object a : args) {
            if (a instanceof Map<?, ?> m) {
                m.forEach((k, v) -> named.put(String.valueOf(k), v));
            } else if (a instanceof CharSequence s && title == null) {
                title = s.toString();
            } else {
                ctx.problem(at, name + ": unexpected argument " + a + " (give a title and named parameters)");
            }
        }
        tasks.add(task(module, title, named, at));
        return null;
    }

    /**
     * Takes in the tasks of another file, when the plan is made: {@code importTasks 'tasks/firewall.groovy',
     * port: 80}. The path is relative to the file that says it; the named values are variables of those tasks
     * (and names in the file's code); {@code when} and {@code tags} apply to each of them.
     */
    public void importTasks(Map<String, Object> named, String path) {
        new TakingIn(this).importTasks(new LinkedHashMap<>(named), path, ctx.here());
    }

    public void importTasks(String path) {
        importTasks(Map.of(), path);
    }

    /**
     * The tasks of a role, here (its dependencies' first), its handlers among the play's: {@code role 'ctdb',
     * sharedDir: '/mnt/lock'}. A role that declares its parameters has them checked as a module's.
     */
    public void role(Map<String, Object> named, String name) {
        new TakingIn(this).role(name, new LinkedHashMap<>(named), ctx.here());
    }

    public void role(String name) {
        role(Map.of(), name);
    }

    /** Runs the handlers notified so far, here, instead of at the end of the play. */
    public void flushHandlers() {
        tasks.add(Task.flushHandlers(ctx.here()));
    }

    /**
     * Where a named value of a call of this module goes: null for a task keyword (a module's own {@code name}
     * parameter wins over the keyword), the gathering parameter for a name that is no parameter of a module that
     * gathers ({@code setFact 'ports', http: 80} sets {@code facts.http}), else the parameter of that name. The
     * plan and {@code --syntax-check} ({@link StaticCheck}) both ask here.
     */
    static String paramFor(ModuleSpec spec, String name) {
        boolean isParam = spec.param(name).isPresent();
        if (KEYWORDS.contains(name) && !(isParam && name.equals("name"))) {
            return null;
        }
        return isParam ? name : spec.gathered().orElse(name);
    }

    Task task(Module module, String title, Map<String, Object> named, Source at) {
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> keywords = new LinkedHashMap<>();
        named.forEach((k, v) -> {
            String param = paramFor(module.spec(), k);
            if (param == null) {
                keywords.put(k, v);
            } else if (!param.equals(k)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> into = (Map<String, Object>) params.computeIfAbsent(param, g -> new LinkedHashMap<>());
                into.put(k, ClosureValue.wrap(v));
            } else {
                params.put(k, ClosureValue.wrap(v));
            }
        });
        if (keywords.containsKey("check")) {
            // Ansible's check_mode: false runs a task for real in a check run; here a check run changes nothing
            ctx.problem(at, "check: a check run changes nothing on any host, so no task runs for real in one;"
                    + " a command that only reads runs in check runs too when it says so: readOnly: true");
        }
        if (keywords.containsKey("name")) {
            title = String.valueOf(keywords.remove("name"));
        }
        String primary = module.spec().primary().orElse(null);
        if (primary != null && title != null && !params.containsKey(primary)) {
            params.put(primary, title);
        }
        if (title == null) {
            Object p = primary == null ? null : params.get(primary);
            title = module.name() + (p == null || p instanceof ClosureValue ? "" : " " + p);
        }
        Set<String> deferred = new HashSet<>();
        params.forEach((k, v) -> {
            if (ClosureValue.holdsOne(v)) {
                deferred.add(k);
            }
        });
        if (keywords.containsKey("loop")) {
            deferred.addAll(params.keySet());
        }
        for (String problem : ParamValidator.problems(module.spec(), params, deferred)) {
            ctx.problem(at, problem);
        }
        checkLocalFiles(module, params, deferred, at);
        return new Task(title, module.name(), params, options(keywords, at), at);
    }

    private TaskOptions options(Map<String, Object> k, Source at) {
        return new TaskOptions(
                condition(k.get("when"), "when", at),
                ClosureValue.wrap(k.get("loop")),
                register(k.get("register"), at),
                strings(k.get("notify")),
                strings(k.get("tags")),
                bool(k.get("runOnce"), "runOnce", at),
                ClosureValue.wrap(k.get("delegateTo")),
                bool(k.get("ignoreErrors"), "ignoreErrors", at),
                condition(k.get("changedWhen"), "changedWhen", at),
                condition(k.get("failedWhen"), "failedWhen", at),
                k.get("retries") == null ? (k.get("until") != null ? 3 : 0) : number(k.get("retries"), "retries", at).intValue(),
                condition(k.get("until"), "until", at),
                k.get("delay") == null ? 5 : number(k.get("delay"), "delay", at).doubleValue(),
                k.get("become") == null ? null : bool(k.get("become"), "become", at),
                bool(k.get("noLog"), "noLog", at),
                strings(k.get("listen")));
    }

    /**
     * Names a per-host value reads as gplay's own: a result registered under one would be hidden by it. Not
     * {@code item} and {@code result}: outside a loop and an until, they read a result registered so.
     */
    private static final Set<String> SCOPE_NAMES = HostScope.NAMES.stream()
            .filter(n -> !n.equals("item") && !n.equals("result")).collect(Collectors.toUnmodifiableSet());

    private String register(Object v, Source at) {
        String name = str(v);
        if (name != null && SCOPE_NAMES.contains(name)) {
            ctx.problem(at, "register: '" + name + "' is a name gplay gives every per-host value (" + SCOPE_NAMES
                    .stream().sorted().toList() + "), so the result could not be read; choose another name");
        }
        return name;
    }

    private static String str(Object v) {
        return v == null ? null : v.toString();
    }

    static List<String> strings(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(v.toString());
    }

    private boolean bool(Object v, String what, Source at) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        ctx.problem(at, what + " must be true or false, got '" + v + "'");
        return false;
    }

    /**
     * Local files named by a known value must be there now, not only when the task runs: beside the file the task
     * is written in, or for a role's task first in the role's {@code files/}, {@code templates/} and own folder.
     * A file found so is given to the module by its full path.
     */
    private void checkLocalFiles(Module module, Map<String, Object> params, Set<String> deferred, Source at) {
        List<Path> folders = new ArrayList<>();
        if (role != null && !role.dir.isBundled()) {
            folders.add(role.dir.dir().resolve("files"));
            folders.add(role.dir.dir().resolve("templates"));
            folders.add(role.dir.dir());
        }
        at.folder().ifPresent(folders::add);
        if (folders.isEmpty()) {
            return; // a bundled playbook, or one given as text: its folder is not known
        }
        for (var p : module.spec().params()) {
            if (p.type() == ParamType.LOCAL_FILE && params.get(p.name()) instanceof CharSequence name
                    && !deferred.contains(p.name())) {
                Path file = folders.stream().map(f -> f.resolve(name.toString())).filter(Files::isRegularFile)
                        .findFirst().orElse(null);
                if (file == null) {
                    ctx.problem(at, module.name() + ": " + p.name() + " '" + name + "' is no file (looked for "
                            + String.join(", ", folders.stream().map(f -> f.resolve(name.toString()).toString()).toList())
                            + ")");
                } else if (role != null) {
                    params.put(p.name(), file.toAbsolutePath().toString());
                }
            }
        }
    }

    /**
     * A condition: a closure computed on each host, or a constant true or false. Anything else is refused, a
     * string above all: {@code when: 'x == 1'} (Ansible's form) would otherwise count as true, being non-empty.
     */
    Deferred condition(Object v, String what, Source at) {
        if (v == null || v instanceof Closure<?> || v instanceof Boolean) {
            return ClosureValue.condition(v);
        }
        ctx.problem(at, what + " must be a closure or true/false, got " + (v instanceof CharSequence ? "the string '"
                + v + "' (write it as a closure: " + what + ": " + AnsibleCondition.asClosure(v.toString()) + ")"
                : "'" + v + "'"));
        return null;
    }

    private Number number(Object v, String what, Source at) {
        if (v instanceof Number n) {
            return n;
        }
        ctx.problem(at, what + " must be a number, got '" + v + "'");
        return 0;
    }

    /** Quotes a value for a shell command line, for per-host values put into {@code shell}; null is refused. */
    public static String quote(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("quote(null): the value is not set (a variable that is not set?"
                    + " vars.x ?: 'default' gives one a default)");
        }
        return io.gplay.engine.shell.Cmd.quote(value);
    }
}
