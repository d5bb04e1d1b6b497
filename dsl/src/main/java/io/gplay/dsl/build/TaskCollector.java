package io.gplay.dsl.build;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingMethodException;
import io.gplay.dsl.DslException;
import io.gplay.dsl.reuse.LocalFiles;
import io.gplay.dsl.reuse.Role;
import io.gplay.engine.module.Module;
import io.gplay.engine.plan.FlushHandlers;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Step;
import io.gplay.engine.plan.Task;

import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns module calls in a play (or its handlers block, or a block) into the play's steps:
 * {@code service 'glusterd', state: 'started'} is the module {@code service}, titled 'glusterd', whose primary
 * parameter (name) the title fills, by the one rule for a call that {@code --syntax-check} applies too
 * ({@link TaskCall}), under the keywords of the blocks around ({@link BlockKeywords}). Everything that can be
 * checked before a host is touched is checked here.
 */
public class TaskCollector extends GroovyObjectSupport {
    final BuildContext ctx;
    final List<Step> steps = new ArrayList<>();
    /** The collector this one's steps go into (for a role's, task file's or block's), or null for a play's. */
    private final TaskCollector parent;
    /**
     * The role whose tasks this collects, or null: its files/ and templates/ are where copy and template look first
     * ({@link LocalFiles}).
     */
    private final Role role;
    /** What the blocks this collector is in give each of its tasks. */
    final BlockKeywords inBlocks;
    /** What this collects when it takes tasks only, no block, no flush ("handlers", "a gate's checks"), or null. */
    private final String tasksOnly;
    /** The variables the role uses and blocks around this collector give its tasks, by name. */
    final Set<String> varsAround = new HashSet<>();

    TaskCollector(BuildContext ctx) {
        this(ctx, null, null, BlockKeywords.NONE, null);
    }

    private TaskCollector(BuildContext ctx, TaskCollector parent, Role role, BlockKeywords inBlocks, String tasksOnly) {
        this.ctx = ctx;
        this.parent = parent;
        this.role = role != null ? role : parent != null ? parent.role : null;
        this.inBlocks = inBlocks;
        this.tasksOnly = tasksOnly;
        if (parent != null) {
            varsAround.addAll(parent.varsAround);
        }
    }

    /** This collector, its tasks also given variables of these names (a block's vars, a role's values). */
    TaskCollector giving(Set<String> names) {
        varsAround.addAll(names);
        return this;
    }

    /** A play's handlers. */
    static TaskCollector forHandlers(BuildContext ctx) {
        return new TaskCollector(ctx, null, null, BlockKeywords.NONE, "handlers");
    }

    /** A gate's checks. */
    static TaskCollector forGate(BuildContext ctx) {
        return new TaskCollector(ctx, null, null, BlockKeywords.NONE, "a gate's checks");
    }

    /** The steps of a role or task file taken in here: within the same blocks, handlers if these are. */
    TaskCollector takingIn(Role r) {
        return new TaskCollector(ctx, this, r, inBlocks, tasksOnly);
    }

    /** A role's handlers, taken in here: the play's handlers, outside any block. */
    TaskCollector handlersOf(Role r) {
        return new TaskCollector(ctx, this, r, BlockKeywords.NONE, "handlers");
    }

    /** The steps of a block written here, with what the block gives its tasks. */
    TaskCollector inBlock(BlockKeywords given) {
        return new TaskCollector(ctx, this, role, given, null);
    }

    /** A collector outside any playbook file, for the console and ad-hoc commands; problems are named {@code where}. */
    public static TaskCollector standalone(io.gplay.engine.module.ModuleRegistry modules, String where) {
        return new TaskCollector(BuildContext.standalone(modules, where));
    }

    /** The role whose tasks this collects, or null. */
    Role owningRole() {
        return role;
    }

    /** Where a role's handlers go: the play's handlers. */
    TaskCollector handlerCollector() {
        return parent != null ? parent.handlerCollector() : this;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Every task collected, those in blocks too, in the order written. */
    List<Task> allTasks() {
        return steps.stream().flatMap(Step::tasksWithin).toList();
    }

    public List<String> problems() {
        return ctx.problems();
    }

    /** A task from a module name, an optional title and named parameters (the ad-hoc command's -m and -a). */
    public Task task(String module, String title, Map<String, Object> named) {
        Module m = ctx.modules().find(module).orElse(null);
        if (m == null) {
            throw new DslException(List.of(ctx.displayName() + ": unknown module '" + module + "'"
                    + ctx.modules().didYouMean(module)));
        }
        Task t = task(m, title == null ? List.of(named) : List.of(title, named), new Source(ctx.displayName(), 0));
        if (!ctx.problems().isEmpty()) {
            throw new DslException(ctx.problems());
        }
        return t;
    }

    /** Any call that is not a DSL method is a module call. */
    public Object methodMissing(String name, Object argsObj) {
        Module module = ctx.modules().find(name).orElse(null);
        if (!ctx.building()) {
            // a per-host closure runs after the plan was made: its calls are the playbook's methods, never tasks
            if (module != null) {
                throw new IllegalStateException(name + " is a task: a value computed on a host cannot add one"
                        + " (write it as a task of the play)");
            }
            throw new MissingMethodException(name, getClass(), (Object[]) argsObj); // Groovy then asks the script
        }
        if (module == null) {
            if (ctx.scriptResponds(name, (Object[]) argsObj)) {
                throw new MissingMethodException(name, getClass(), (Object[]) argsObj); // Groovy then asks the script
            }
            ctx.problem(ctx.here(), TaskCall.unknown(ctx.modules(), name));
            return null;
        }
        steps.add(task(module, Arrays.asList((Object[]) argsObj), ctx.here()));
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
     * Takes in the tasks of another file on each host when the run reaches them: {@code includeTasks
     * 'tasks/legacy.groovy', when: { legacy }, loop: [...]}. Its {@code when} and {@code loop} are asked once per host
     * there, not before each task inside as an importTasks' {@code when} is; the file is built and checked with the
     * plan all the same; {@code item} is each value of its loop in the closures of the tasks inside.
     */
    public void includeTasks(Map<String, Object> named, String path) {
        new TakingIn(this).includeTasks(new LinkedHashMap<>(named), path, ctx.here(), tasksOnly);
    }

    public void includeTasks(String path) {
        includeTasks(Map.of(), path);
    }

    /**
     * An include whose file is chosen on each host when the run reaches it: {@code includeTasks {
     * "${facts.osFamily}.groovy" }}, the closure seeing what its {@code when} sees. Every file it can pick
     * ({@link IncludeNames}) is built and checked with the plan (D53).
     */
    public void includeTasks(Map<String, Object> named, Closure<?> file) {
        new TakingIn(this).includeTasks(new LinkedHashMap<>(named), file, ctx.here(), tasksOnly);
    }

    public void includeTasks(Closure<?> file) {
        includeTasks(Map.of(), file);
    }

    /** Ansible's spelling, the file named among the keywords: {@code includeTasks file: 'x.groovy'} or {@code file: { ... }}. */
    public void includeTasks(Map<String, Object> named) {
        Map<String, Object> rest = new LinkedHashMap<>(named);
        Object file = rest.remove("file");
        if (file instanceof Closure<?> c) {
            includeTasks(rest, c);
        } else if (file instanceof CharSequence path) {
            includeTasks(rest, path.toString());
        } else {
            new TakingIn(this).includeTasks(rest, null, ctx.here(), tasksOnly);
        }
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
        if (tasksOnly != null) {
            ctx.problem(ctx.here(), Misplaced.noFlush(tasksOnly));
            return;
        }
        steps.add(new FlushHandlers(ctx.here()));
    }

    /**
     * Tasks that run as Ansible's block, with a rescue for the hosts that fail in them and tasks that always run
     * after: {@code block('title', when: ..., tags: ...) { tasks } rescue { tasks } always { tasks }}.
     */
    public BlockBuilder block(Map<String, Object> named, String title,
                              @DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        if (tasksOnly != null) {
            ctx.problem(ctx.here(), Misplaced.noBlock(tasksOnly));
            return BlockBuilder.refused(this, body);
        }
        return BlockBuilder.start(this, new LinkedHashMap<>(named), title, body);
    }

    public BlockBuilder block(String title,
                              @DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return block(Map.of(), title, body);
    }

    public BlockBuilder block(Map<String, Object> named, Closure<?> body) {
        return block(named, null, body);
    }

    public BlockBuilder block(Closure<?> body) {
        return block(Map.of(), null, body);
    }

    /** A rescue written on its own: it belongs after a block's closing brace. */
    public void rescue(Closure<?> body) {
        ctx.problem(ctx.here(), BlockOptions.alone("rescue"));
    }

    /** An always written on its own: it belongs after a block's closing brace. */
    public void always(Closure<?> body) {
        ctx.problem(ctx.here(), BlockOptions.alone("always"));
    }

    /** The module that reads vars files, given the folders to look in when its task names none. */
    private static final String VARS_MODULE = "includeVars";

    /** A task of a call of {@code module}, by the one rule for a call ({@link TaskCall}); its local files checked. */
    Task task(Module module, List<?> args, Source at) {
        TaskCall call = TaskCall.of(module.spec(), args, inBlocks, p -> ctx.problem(at, p));
        ctx.notified(at, Notifies.names(call.keywords().get("notify")));
        Map<String, Object> params = new LinkedHashMap<>(call.params());
        LocalFiles.find(module.spec(), params, LocalFiles.folders(role, ctx.fileOf(at)),
                p -> ctx.problem(at, p)).forEach((param, file) -> {
                    if (role != null || file.getFileSystem() != FileSystems.getDefault()) {
                        // the module looks beside the playbook only; a bundled file is named by its URI in gplay's jar
                        params.put(param, file.getFileSystem() == FileSystems.getDefault()
                                ? file.toAbsolutePath().toString() : file.toUri().toString());
                    }
                });
        if (module.name().equals(VARS_MODULE) && !params.containsKey("paths")) {
            params.put("paths", LocalFiles.varsFolders(role, ctx.playbookFile()));
        }
        return new Task(call.title(), module.name(), params, call.options(), at);
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
