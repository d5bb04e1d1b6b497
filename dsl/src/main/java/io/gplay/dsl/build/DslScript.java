package io.gplay.dsl.build;

import groovy.lang.Script;

/**
 * The base class of every file of a playbook's tree: playbooks, task files, roles' files and libraries. A call
 * that is no method of the file itself goes to the play, role or task file being built (a module call in a task
 * file, or in a method that adds tasks), else to a library's method.
 */
public abstract class DslScript extends Script {
    private BuildContext ctx;

    void init(BuildContext ctx) {
        this.ctx = ctx;
    }

    BuildContext context() {
        return ctx;
    }

    public Object methodMissing(String name, Object args) {
        return ctx.dispatch(this, name, (Object[]) args);
    }

    /** Quotes a value for a shell command line. */
    public String quote(Object value) {
        return TaskCollector.quote(value);
    }
}
