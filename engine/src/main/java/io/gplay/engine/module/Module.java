package io.gplay.engine.module;

/**
 * An idempotent operation on one host. {@link #run} reads the host's state through the context, compares it
 * with the parameters, and wraps every change in {@link ModuleContext#converge}: the same code decides in a
 * real run and in check mode, where the converge blocks are reported but not executed.
 * Modules are found through {@link java.util.ServiceLoader}, gplay's and those of plugin jars
 * ({@link PluginFolders}), and a playbook's own are Groovy classes implementing this in {@code modules/NAME.groovy}
 * (see {@link ModuleRegistry}, and docs/writing-a-module.md).
 */
public interface Module {
    ModuleSpec spec();

    void run(ModuleContext ctx) throws Exception;

    default String name() {
        return spec().name();
    }
}
