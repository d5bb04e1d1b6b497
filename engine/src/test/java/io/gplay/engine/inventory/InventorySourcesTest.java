package io.gplay.engine.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Directories and several sources beyond what the compatibility suite compares with ansible-inventory
 * ({@code dir-sources/}, {@code multi.sources}): the configured names to skip, the order of names, links.
 */
class InventorySourcesTest {
    @TempDir
    Path dir;

    private static List<String> names(Inventory inv) {
        return inv.hosts().stream().map(Host::name).toList();
    }

    @Test
    void theExtensionsAndPatternsToSkipCanBeConfiguredAsInAnsible() throws Exception {
        Files.writeString(dir.resolve("hosts.ini"), "[web]\nw1\n");
        Files.writeString(dir.resolve("old.off"), "[web]\nw2\n");
        Files.writeString(dir.resolve("draft-db"), "[db]\nd1\n");
        Files.writeString(dir.resolve(".hidden"), "[db]\nd2\n");
        LoadOptions opts = LoadOptions.defaults().ignored(SourceDirectory.ignored(List.of(".off"), List.of("^draft-")));
        assertEquals(List.of("w1"), names(InventoryLoader.load(List.of(dir.toString()), opts)));
        assertEquals(List.of("d1", "w2"), names(InventoryLoader.load(dir.toString())), "by default .ini is skipped");
        InventoryException e = assertThrows(InventoryException.class,
                () -> SourceDirectory.ignored(List.of(), List.of("([")));
        assertEquals("the inventory's ignore patterns [([]: Unclosed character class", e.getMessage());
    }

    @Test
    void filesAreReadInTheOrderOfTheirNamesBytesAsPythonSortsThem() throws Exception {
        // U+FF21 is EF BC A1 in UTF-8, U+1F600 F0 9F 98 80; in UTF-16, which Java compares, the order is reversed
        Files.writeString(dir.resolve("\uFF21"), "h v=fullwidth\n");
        Files.writeString(dir.resolve("\uD83D\uDE00"), "h v=emoji\n");
        assertEquals("emoji", InventoryLoader.load(dir.toString()).host("h").var("v"));
    }

    @Test
    void aLinkLeadingBackIntoTheDirectoryIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("inv/sub"));
        Files.createSymbolicLink(dir.resolve("inv/sub/loop"), dir.resolve("inv"));
        Path inv = dir.resolve("inv");
        assertEquals("inventory " + inv.resolve("sub/loop") + ": a link leads back to a directory it is in",
                assertThrows(InventoryException.class, () -> InventoryLoader.load(inv.toString())).getMessage());
    }

    @Test
    void aSourceThatDoesNotExistIsRefusedAmongOthers() throws Exception {
        Files.writeString(dir.resolve("a"), "h1\n");
        Path missing = dir.resolve("b");
        assertEquals("inventory " + missing + ": no such file", assertThrows(InventoryException.class,
                () -> InventoryLoader.load(List.of(dir.resolve("a").toString(), missing.toString()),
                        LoadOptions.defaults())).getMessage());
    }
}
