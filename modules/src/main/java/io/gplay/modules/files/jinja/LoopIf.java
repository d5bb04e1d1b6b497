package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The items of a loop that pass its filter ({@code for m in mounts if m.mount.startswith('/home')}): the condition
 * evaluated for each item with the loop's names bound, as Jinja2 does before the loop counts ({@code loop.index}).
 */
final class LoopIf implements AdvancedFilter {
    static final String NAME = "__gplay_loop_if";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        String[] targets = Py.str(args[0]).split("\\s*,\\s*");
        String condition = TestOperands.group(Py.str(args[1]));
        List<Object> kept = new ArrayList<>();
        for (Object item : Py.list(var)) {
            interpreter.enterScope();
            try {
                List<Object> values = targets.length == 1 ? java.util.Collections.singletonList(item) : Py.list(item);
                for (int i = 0; i < targets.length; i++) {
                    interpreter.getContext().put(targets[i], values.get(i));
                }
                if (Py.truth(interpreter.resolveELExpression(condition, interpreter.getLineNumber()))) {
                    kept.add(item);
                }
            } finally {
                interpreter.leaveScope();
            }
        }
        return kept;
    }
}
