package io.gplay.modules;

import io.gplay.engine.module.ModuleContext;

/**
 * A playbook's value that a program would read as an option when it starts with {@code -}: quoting keeps the
 * shell from it, not the program. Where the program takes {@code --}, modules put it before their operands;
 * where it does not (service, gluster, a program's own name), the value is refused here.
 */
public final class Operand {
    private Operand() {
    }

    /** The value, or a task failure naming the parameter when it starts with a dash. */
    public static String of(ModuleContext ctx, String param, Object value) {
        String s = String.valueOf(value);
        if (s.startsWith("-")) {
            ctx.fail(param + " '" + s + "' starts with '-' and would be read as an option, not as a name or path");
        }
        return s;
    }
}
