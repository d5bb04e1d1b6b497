package io.gplay.engine.module;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** The modules on the class path, by name and by the name a playbook calls them by, found through {@link ServiceLoader}. */
public final class ModuleRegistry {
    private final Map<String, Module> modules = new TreeMap<>();
    private final Map<String, Module> byDslName = new TreeMap<>();

    public ModuleRegistry(Iterable<Module> modules) {
        for (Module m : modules) {
            this.modules.put(m.name(), m);
            this.byDslName.put(m.spec().dslName(), m);
        }
    }

    public static ModuleRegistry load() {
        return new ModuleRegistry(ServiceLoader.load(Module.class, ModuleRegistry.class.getClassLoader()));
    }

    /** The module of this name, or of this name in a playbook ({@code packages} is {@code package}). */
    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.getOrDefault(name, byDslName.get(name)));
    }

    public Map<String, Module> all() {
        return modules;
    }

    /** The modules by the names a playbook calls them. */
    public Map<String, Module> byDslName() {
        return byDslName;
    }

    /** {@code " (did you mean 'x'?)"} for a mistyped module name, or an empty text. */
    public String didYouMean(String name) {
        TreeSet<String> names = new TreeSet<>(modules.keySet());
        names.addAll(byDslName.keySet());
        return Names.didYouMean(name, names);
    }
}
