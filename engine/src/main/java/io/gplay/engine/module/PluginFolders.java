package io.gplay.engine.module;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where an operator puts jars of modules of their own: the folders of {@code GPLAY_PLUGINS} (a {@code :} list),
 * then the user's ({@code $XDG_DATA_HOME/gplay/plugins}, or {@code ~/.local/share/gplay/plugins}), then the
 * system's ({@code /usr/share/gplay/plugins}). A folder that does not exist is skipped.
 */
public final class PluginFolders {
    static final Path SYSTEM = Path.of("/usr/share/gplay/plugins");

    private PluginFolders() {
    }

    /** The folders, in the order above, from these environment variables and this home folder. */
    public static List<Path> folders(Map<String, String> env, String home) {
        List<Path> out = new ArrayList<>();
        String listed = env.getOrDefault("GPLAY_PLUGINS", "");
        for (String p : listed.split(":")) {
            if (!p.isEmpty()) {
                out.add(Path.of(p));
            }
        }
        String data = env.get("XDG_DATA_HOME");
        out.add((data != null && !data.isEmpty() ? Path.of(data) : Path.of(home, ".local", "share"))
                .resolve("gplay").resolve("plugins"));
        out.add(SYSTEM);
        return out;
    }

    /** The jars in these folders: each folder's {@code *.jar} in name order, the folders in order. */
    public static List<Path> jars(List<Path> folders) {
        List<Path> out = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
