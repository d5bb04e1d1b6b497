package io.gplay.dsl.check;

import io.gplay.dsl.build.Misplaced;
import io.gplay.engine.module.ModuleRegistry;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Where in a file a call is written, as {@code --syntax-check} reads the source: in which of the DSL's blocks
 * ({@code playbook}, {@code play}, {@code handlers}, {@code gate}, {@code block}...) it stands, to say what the plan says of a
 * call written where nothing answers it: a task outside any play, a {@code play} outside the playbook's block,
 * {@code handlers} outside a play. Code elsewhere (a method, a closure given to other code) may run anywhere,
 * so nothing is said of it.
 */
final class CallPlace {
    private static final Set<String> BLOCKS = Set.of("playbook", "play", "handlers", "gate", "block", "rescue", "always");

    private final boolean playbookFile;
    /** The calls being read, innermost first; those of code other than a file's own ("x.each {}") as "". */
    private final Deque<String> calls = new ArrayDeque<>();
    /** The calls whose closures the code being read is in, outermost first. */
    private final List<String> owners = new ArrayList<>();
    /** Closures that only stand for their code where they are ({@code { ... }.call()}, {@code LargeBlocks}'). */
    private final Set<ClosureExpression> inPlace = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean scriptBody;

    CallPlace(boolean playbookFile) {
        this.playbookFile = playbookFile;
    }

    void enterMethod(MethodNode m) {
        scriptBody = m.isScriptBody();
    }

    void enterCall(MethodCallExpression call) {
        if (!call.isImplicitThis() && "call".equals(call.getMethodAsString())
                && call.getObjectExpression() instanceof ClosureExpression c) {
            inPlace.add(c);
        }
        boolean own = call.isImplicitThis() || "rescue".equals(call.getMethodAsString())
                || "always".equals(call.getMethodAsString());
        calls.push(own && call.getMethodAsString() != null ? call.getMethodAsString() : "");
    }

    void exitCall() {
        calls.pop();
    }

    /** Whether the closure is one whose code stands where it is; entering one that is not, its call owns it. */
    boolean enterClosure(ClosureExpression c) {
        if (inPlace.contains(c)) {
            return false;
        }
        owners.add(calls.isEmpty() ? "" : calls.peek());
        return true;
    }

    void exitClosure() {
        owners.remove(owners.size() - 1);
    }

    /** What the plan says of a call by {@code name} written here; null when something answers it, or may. */
    String problem(String name, ModuleRegistry modules) {
        if (!scriptBody || !BLOCKS.containsAll(owners)) {
            return null;
        }
        String last = owners.isEmpty() ? "" : owners.get(owners.size() - 1);
        boolean answered = switch (name) {
            case "playbook" -> true; // a second one is the plan's own problem (PlaybookScript)
            case "play", "requires" -> playbookFile && owners.equals(List.of("playbook"));
            case "handlers", "gate" -> playbookFile && last.equals("play");
            default -> !playbookFile || owners.contains("play") || !Misplaced.writtenInPlays(modules, name);
        };
        return answered ? null : Misplaced.unanswered(modules, name, !playbookFile || owners.contains("play"));
    }
}
