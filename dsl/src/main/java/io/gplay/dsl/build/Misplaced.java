package io.gplay.dsl.build;

import io.gplay.engine.module.ModuleRegistry;

import java.util.Set;

/**
 * What a run ({@link TaskCollector}, {@link BuildContext}) and {@code --syntax-check} alike say of a call written
 * where it does not belong: a task outside a play, a block or a flush among a play's handlers or a gate's checks.
 */
public final class Misplaced {
    /** The calls that add to a play, besides module calls: a play, a role's or a task file's tasks hold them. */
    private static final Set<String> TASK_CALLS = Set.of("importTasks", "includeTasks", "role", "block", "flushHandlers", "rescue",
            "always");

    private Misplaced() {
    }

    /** Why a flushHandlers among {@code what} (handlers, a gate's checks) is refused. */
    public static String noFlush(String what) {
        return "flushHandlers: " + what + " cannot flush handlers; write it among the play's tasks";
    }

    /** Why an includeTasks among {@code what} (handlers, a gate's checks) is refused. */
    public static String noInclude(String what) {
        return "includeTasks: " + what + " are taken in when the plan is made; write importTasks there";
    }

    /** Why a block among {@code what} (handlers, a gate's checks) is refused. */
    public static String noBlock(String what) {
        return "block: " + what + " are tasks, not blocks; write the block among the play's tasks";
    }

    /** Whether a call by this name is a task's (a module's, a role's, a block...), which only a play takes. */
    public static boolean writtenInPlays(ModuleRegistry modules, String name) {
        return modules.find(name).isPresent() || TASK_CALLS.contains(name);
    }

    /**
     * What the plan and {@code --syntax-check} say of a call by a name nothing answers where it is written: in a
     * play or not ({@code inPlay}: a role's and a task file's tasks are in one).
     */
    public static String unanswered(ModuleRegistry modules, String name, boolean inPlay) {
        if (inPlay || !writtenInPlays(modules, name)) {
            return TaskCall.unknown(modules, name);
        }
        if (name.equals("rescue") || name.equals("always")) {
            return BlockOptions.alone(name);
        }
        return name + " belongs in a play: playbook('name') { play('name', hosts: 'all') { " + name + " ... } }";
    }
}
