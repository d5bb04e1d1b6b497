package io.gplay.dsl;

import java.nio.file.Path;
import java.util.List;

/**
 * A file of playbook code (a playbook, task file, role file or library) with the folder it is in, against
 * which the files it names are found. {@code display} names it in messages.
 */
record SourceFile(String display, CodeFolder folder, String fileName, String text) {
    /** A playbook given as text, not read from a folder: the files it names are looked for in the current folder. */
    static SourceFile text(String display, String fileName, String text) {
        return new SourceFile(display, CodeFolder.disk(Path.of("")), fileName, text);
    }

    static SourceFile of(Path file) {
        return CodeFolder.disk(file.toAbsolutePath().getParent()).file(file.getFileName().toString())
                .orElseThrow(() -> new DslException(List.of(file + ": no such file")));
    }

    /** A file named relative to this one's folder. */
    java.util.Optional<SourceFile> sibling(String rel) {
        return folder.file(rel);
    }
}
