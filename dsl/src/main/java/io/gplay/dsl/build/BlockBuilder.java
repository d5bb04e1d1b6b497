package io.gplay.dsl.build;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.gplay.engine.plan.Block;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Step;

import java.util.List;
import java.util.Map;

/**
 * {@code block('title', when: ..., tags: ...) { tasks } rescue { tasks } always { tasks }}: Ansible's block, a
 * Groovy command chain, so one statement. The block is among its collector's steps from its first call on;
 * {@code rescue} and {@code always} fill it in. Its keywords are given to each task inside, however deep
 * ({@link BlockKeywords}); its {@code vars} are variables of those tasks, as a task file's named values are.
 */
public final class BlockBuilder {
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
        BlockOptions.Given read = BlockOptions.read(named, p -> ctx.problem(at, p));
        ctx.notified(at, Notifies.names(read.keywords().get("notify")));
        BlockKeywords given = owner.inBlocks.within(read.when(), read.keywords());
        List<Step> tasks = section(owner, given, read.vars(), body);
        String shown = title != null ? title : read.name() != null ? String.valueOf(read.name()) : "";
        owner.steps.add(new Block(shown, tasks, List.of(), List.of(), at));
        return new BlockBuilder(owner, given, read.vars(), owner.steps.size() - 1);
    }

    /** A block where none may be (among handlers): its sections are built and checked, and go nowhere. */
    static BlockBuilder refused(TaskCollector owner, Closure<?> body) {
        section(owner, BlockKeywords.NONE, Map.of(), body);
        return new BlockBuilder(owner, BlockKeywords.NONE, Map.of(), -1);
    }

    /** The tasks that run on the hosts that failed in the block; a host is rescued when they end without a failure. */
    public BlockBuilder rescue(@DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        if (rescueGiven) {
            owner.ctx.problem(owner.ctx.here(), BlockOptions.again("rescue"));
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
            owner.ctx.problem(owner.ctx.here(), BlockOptions.again("always"));
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

}
