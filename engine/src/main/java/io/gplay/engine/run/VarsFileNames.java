package io.gplay.engine.run;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The names the vars files in some folders define: what an {@code includeVars} task may set, whichever file a host
 * picks, for {@link UndefinedVariables}. A file that cannot be read or parsed here defines nothing; the task says
 * why when it reads it.
 */
final class VarsFileNames {
    private VarsFileNames() {
    }

    static Set<String> in(List<?> folders) {
        Set<String> names = new LinkedHashSet<>();
        for (Object folder : folders) {
            Path dir = Path.of(String.valueOf(folder));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                        .filter(Files::isRegularFile).forEach(f -> names.addAll(keys(f)));
            } catch (IOException e) {
                // a folder that cannot be listed gives no names
            }
        }
        return names;
    }

    private static Set<String> keys(Path f) {
        try {
            String text = Files.readString(f);
            if (text.startsWith("$ANSIBLE_VAULT")) {
                return Set.of();
            }
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            Set<String> out = new LinkedHashSet<>();
            if (doc instanceof java.util.Map<?, ?> m) {
                m.keySet().forEach(k -> out.add(String.valueOf(k)));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
