package io.gplay.dsl;

import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Source;

import java.util.ArrayList;
import java.util.List;

/** What building a plan needs: the modules to validate against, the script's name for line numbers, the problems found. */
final class BuildContext {
    final ModuleRegistry modules;
    final String displayName;
    final String classFileName;
    final List<String> problems = new ArrayList<>();
    private groovy.lang.Script script;

    BuildContext(ModuleRegistry modules, String displayName, String classFileName) {
        this.modules = modules;
        this.displayName = displayName;
        this.classFileName = classFileName;
    }

    void script(groovy.lang.Script s) {
        this.script = s;
    }

    /** Whether the playbook script itself has this method (a helper it defines, println, ...). */
    boolean scriptResponds(String name, Object[] args) {
        return script != null && !script.getMetaClass().respondsTo(script, name, args).isEmpty();
    }

    /** The line of the playbook being executed now, found on the call stack. */
    Source here() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (classFileName.equals(e.getFileName()) && e.getLineNumber() > 0) {
                return new Source(displayName, e.getLineNumber());
            }
        }
        return new Source(displayName, 0);
    }

    Source sourceOf(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (classFileName.equals(e.getFileName()) && e.getLineNumber() > 0) {
                return new Source(displayName, e.getLineNumber());
            }
        }
        return new Source(displayName, 0);
    }

    void problem(Source at, String message) {
        problems.add(at + ": " + message);
    }
}
