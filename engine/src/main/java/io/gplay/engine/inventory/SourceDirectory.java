package io.gplay.engine.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * A directory given as an inventory source: each entry is a source of its own, read in the order of the names'
 * bytes, and a directory among them is read in the same way; hidden names, {@code group_vars},
 * {@code host_vars}, {@code vars_plugins} and the ignored extensions and patterns are skipped
 * (inventory/manager.py:47-51 and 256-270 of ansible-core 2.14).
 */
public final class SourceDirectory {
    /**
     * Ansible's INVENTORY_IGNORE_EXTS: REJECT_EXTS (constants.py:99) and {@code .orig .ini .cfg .retry}
     * (config/base.yml:1676-1678). A name ending in one of them is skipped.
     */
    public static final List<String> IGNORED_EXTENSIONS = List.of(".pyc", ".pyo", ".swp", ".bak", "~", ".rpm",
            ".md", ".txt", ".rst", ".orig", ".ini", ".cfg", ".retry");

    private SourceDirectory() {
    }

    /**
     * The names a directory skips: those Ansible always skips, those ending in one of {@code extensions}
     * (INVENTORY_IGNORE_EXTS) and those in which one of the regular expressions {@code patterns} is found
     * (INVENTORY_IGNORE_PATTERNS).
     */
    public static Pattern ignored(List<String> extensions, List<String> patterns) {
        List<String> any = new ArrayList<>(List.of("^\\.", "^host_vars$", "^group_vars$", "^vars_plugins$"));
        any.addAll(patterns);
        extensions.forEach(e -> any.add(Pattern.quote(e) + "$"));
        try {
            return Pattern.compile(String.join("|", any));
        } catch (PatternSyntaxException e) {
            throw new InventoryException("the inventory's ignore patterns " + patterns + ": " + e.getDescription());
        }
    }

    /** The entries of {@code dir} that are sources, in Ansible's order. */
    static List<Path> entries(Path dir, Pattern ignored) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !ignored.matcher(p.getFileName().toString()).find())
                    .sorted((a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Python sorts os.listdir's bytes, not characters. */
    private static byte[] bytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }
}
