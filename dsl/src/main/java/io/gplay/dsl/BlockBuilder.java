package io.gplay.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.gplay.engine.plan.Block;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Step;

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
 * {@code block('title', when: ..., tags: ...) { tasks } rescue { tasks } always { tasks }}: Ansible's block, a
 * Groovy command chain, so one statement. The block is among its collector's steps from its first call on;
 * {@code rescue} and {@code always} fill it in. Its keywords are given to each task inside, however deep
 * ({@link BlockKeywords}); its {@code vars} are variables of those tasks, as a task file's named values are.
 */
public final class BlockBuilder {
    /** The keywords a block takes: those a task inside can take from it. */
    static final Set<String> KEYWORDS = Set.of("when", "tags", "notify", "become", "ignoreErrors", "delegateTo",
            "runOnce", "noLog", "anyErrorsFatal", "vars", "name");

    private final TaskCollector owner;
    private final BlockKeywords given;
    private final Map<String, Object> vars;
    /** Where the block is among the owner's steps (steps are only ever added, so it stays there), or -1. */
    private final int index;
    private boolean rescueGiven;
    private boolean alwaysGiven;

    private BlockBuilder(TaskCollector owner, BlockKeywords given, Map<String, Object> vars, int index) {
        this.owner = owner;
        this.given = given;
        this.vars = vars;
        this.index = index;
    }

    static BlockBuilder start(TaskCollector owner, Map<String, Object> named, String title, Closure<?> body) {
        BuildContext ctx = owner.ctx;
        Source at = ctx.here();
        Given read = read(named, p -> ctx.problem(at, p));
        ctx.notified(at, Notifies.names(read.keywords().get("notify")));
        BlockKeywords given = owner.inBlocks.within(read.when(), read.keywords());
        List<Step> tasks = section(owner, given, read.vars(), body);
        String shown = title != null ? title : read.name() != null ? String.valueOf(read.name()) : "";
        owner.steps.add(new Block(shown, tasks, List.of(), List.of(), at));
        return new BlockBuilder(owner, given, read.vars(), owner.steps.size() - 1);
    }

    /** A block's named values read: its condition, its vars, its name, and the keywords it gives its tasks. */
    record Given(Deferred when, Map<String, Object> vars, Object name, Map<String, Object> keywords) {
    }

    /**
     * A block's named values as the plan and {@code --syntax-check} both read them. A name a block does not take,
     * and a keyword's value a task would refuse, is a problem of the block's, said once, and the keyword is not
     * given to its tasks, which would each say it again.
     */
    static Given read(Map<String, Object> named, Consumer<String> problems) {
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

    /** A block where none may be (among handlers): its sections are built and checked, and go nowhere. */
    static BlockBuilder refused(TaskCollector owner, Closure<?> body) {
        section(owner, BlockKeywords.NONE, Map.of(), body);
        return new BlockBuilder(owner, BlockKeywords.NONE, Map.of(), -1);
    }

    /** The tasks that run on the hosts that failed in the block; a host is rescued when they end without a failure. */
    public BlockBuilder rescue(@DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        if (rescueGiven) {
            owner.ctx.problem(owner.ctx.here(), again("rescue"));
        }
        rescueGiven = true;
        List<Step> steps = section(body);
        if (index >= 0) {
            owner.steps.set(index, ((Block) owner.steps.get(index)).withRescue(steps));
        }
        return this;
    }

    /** The tasks that run after the block (and its rescue) on every host that entered it, whatever happened. */
    public BlockBuilder always(@DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        if (alwaysGiven) {
            owner.ctx.problem(owner.ctx.here(), again("always"));
        }
        alwaysGiven = true;
        List<Step> steps = section(body);
        if (index >= 0) {
            owner.steps.set(index, ((Block) owner.steps.get(index)).withAlways(steps));
        }
        return this;
    }

    private List<Step> section(Closure<?> body) {
        return section(owner, given, vars, body);
    }

    /** A section's steps: its body run with the block's collector as delegate, the block's vars given to its tasks. */
    private static List<Step> section(TaskCollector owner, BlockKeywords given, Map<String, Object> vars,
                                      Closure<?> body) {
        TaskCollector into = owner.inBlock(given).giving(vars.keySet());
        body.setDelegate(into);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        owner.ctx.within(into, body);
        Map<String, Object> wrapped = TakingIn.wrapped(vars);
        return wrapped.isEmpty() ? into.steps
                : into.steps.stream().map(s -> s.mapTasks(t -> t.takenIn(null, wrapped, Map.of()))).toList();
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
    static String again(String section) {
        return section + ": this block has " + (section.equals("always") ? "an always" : "a rescue") + " already";
    }

    /** Why a {@code rescue} or {@code always} written on its own is refused, with the form that works. */
    static String alone(String section) {
        return section + " belongs to a block, after its closing brace on the same line: block('title') { ... } "
                + section + " { ... }";
    }
}
