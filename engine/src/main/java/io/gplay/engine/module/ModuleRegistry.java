package io.gplay.engine.module;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The modules on the class path, by name, found through {@link ServiceLoader}. */
public final class ModuleRegistry {
    private final Map<String, Module> modules = new TreeMap<>();

    public ModuleRegistry(Iterable<Module> modules) {
        for (Module m : modules) {
            this.modules.put(m.name(), m);
        }
    }

    public static ModuleRegistry load() {
        return new ModuleRegistry(ServiceLoader.load(Module.class, ModuleRegistry.class.getClassLoader()));
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public Map<String, Module> all() {
        return modules;
    }

    /** The closest module name to a mistyped one, for "did you mean". */
    public String suggest(String name) {
        return Names.closest(name, modules.keySet());
    }
}
