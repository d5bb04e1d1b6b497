package io.gplay.engine.module;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginFoldersTest {
    @Test
    void gplayPluginsFirstThenTheUsersThenTheSystems() {
        assertEquals(List.of(Path.of("/a"), Path.of("/b"), Path.of("/home/u/.local/share/gplay/plugins"),
                        Path.of("/usr/share/gplay/plugins")),
                PluginFolders.folders(Map.of("GPLAY_PLUGINS", "/a::/b"), "/home/u"));
        assertEquals(Path.of("/data/gplay/plugins"),
                PluginFolders.folders(Map.of("XDG_DATA_HOME", "/data"), "/home/u").get(0));
    }

    @Test
    void theJarsOfEachFolderInNameOrderAndNothingElse(@TempDir Path dir) throws Exception {
        Path one = Files.createDirectories(dir.resolve("one"));
        Files.writeString(one.resolve("b.jar"), "");
        Files.writeString(one.resolve("a.jar"), "");
        Files.writeString(one.resolve("notes.txt"), "");
        Path two = Files.createDirectories(dir.resolve("two"));
        Files.writeString(two.resolve("0.jar"), "");
        assertEquals(List.of(one.resolve("a.jar"), one.resolve("b.jar"), two.resolve("0.jar")),
                PluginFolders.jars(List.of(one, dir.resolve("absent"), two)));
    }

    @Test
    void aModuleNamedAsAnotherIsRefused() {
        ModuleRegistry gplay = new ModuleRegistry(List.of(named("copy")));
        Module copy = named("copy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gplay.with(List.of(copy)));
        assertTrue(e.getMessage().startsWith("two modules are named 'copy'"), e.getMessage());
        assertEquals(List.of("copy", "mine"), List.copyOf(gplay.with(List.of(named("mine"))).all().keySet()));
        assertEquals(List.of("copy"), List.copyOf(gplay.all().keySet()));
    }

    private static Module named(String name) {
        return new Module() {
            public ModuleSpec spec() {
                return new ModuleSpec(name, "a module");
            }

            public void run(ModuleContext ctx) {
            }
        };
    }
}
