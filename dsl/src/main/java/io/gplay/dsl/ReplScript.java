package io.gplay.dsl;

import groovy.lang.Script;
import io.gplay.dsl.build.TaskCollector;

/**
 * The base class of each line typed in the console: module calls (and blocks, roles, task files) go to the
 * collector the console put in the binding as {@code __tasks}, and run once the line has been evaluated;
 * everything else is plain Groovy, and variables assigned without {@code def} persist between lines.
 */
public abstract class ReplScript extends Script {
    public static final String COLLECTOR = "__tasks";

    public Object methodMissing(String name, Object args) {
        // the collector's own methods (block, role, importTasks) first; any other name is a module's
        return ((TaskCollector) getBinding().getVariable(COLLECTOR)).invokeMethod(name, args);
    }

    /** Quotes a value for a shell command line. */
    public String quote(Object value) {
        return TaskCollector.quote(value);
    }
}
