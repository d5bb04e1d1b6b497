package io.gplay.engine.module;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The modules of a run, by name and by the name a playbook calls them by: gplay's own and those of the jars in
 * the {@link PluginFolders}, found through {@link ServiceLoader}, and a playbook's own Groovy modules layered over
 * them ({@link #with}). Two modules of one name are refused: a playbook's {@code copy} always means gplay's.
 */
public final class ModuleRegistry {
    private final Map<String, Module> modules = new TreeMap<>();
    private final Map<String, Module> byDslName = new TreeMap<>();

    public ModuleRegistry(Iterable<Module> modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    private void add(Module m) {
        Module other = find(m.name()).or(() -> find(m.spec().dslName())).orElse(null);
        if (other != null) {
            throw new IllegalArgumentException("two modules are named '" + m.name() + "': " + origin(other) + " and "
                    + origin(m) + "; rename the one of your own");
        }
        this.modules.put(m.name(), m);
        this.byDslName.put(m.spec().dslName(), m);
    }

    /** gplay's modules and those of the plugin jars that the process's environment names. */
    public static ModuleRegistry load() {
        return load(PluginFolders.folders(System.getenv(), System.getProperty("user.home")));
    }

    /** gplay's modules and those of the jars in these folders (see {@link PluginFolders}). */
    public static ModuleRegistry load(List<Path> pluginFolders) {
        ClassLoader loader = ModuleRegistry.class.getClassLoader();
        List<Path> jars = PluginFolders.jars(pluginFolders);
        if (!jars.isEmpty()) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : jars) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(jar + ": " + e.getMessage(), e);
                }
            }
            loader = new URLClassLoader(urls.toArray(URL[]::new), loader);
        }
        return new ModuleRegistry(ServiceLoader.load(Module.class, loader));
    }

    /** These modules over this registry's: a new registry, this one unchanged. */
    public ModuleRegistry with(List<Module> more) {
        ModuleRegistry out = new ModuleRegistry(modules.values());
        more.forEach(out::add);
        return out;
    }

    /** Where a module comes from, for a message: its jar or folder of classes, or its class. */
    private static String origin(Module m) {
        var source = m.getClass().getProtectionDomain().getCodeSource();
        String where = source == null || source.getLocation() == null ? "" : " in " + source.getLocation().getPath();
        return m.getClass().getName() + where;
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
