package io.gplay.dsl.compile;

import io.gplay.dsl.DslException;

import java.nio.file.Path;
import java.util.List;

/**
 * A file of playbook code (a playbook, task file, role file or library) with the folder it is in, against
 * which the files it names are found. {@code display} names it in messages.
 */
public record SourceFile(String display, CodeFolder folder, String fileName, String text) {
    /** A playbook given as text, not read from a folder: the files it names are looked for in the current folder. */
    public static SourceFile text(String display, String fileName, String text) {
        return new SourceFile(display, CodeFolder.disk(Path.of("")), fileName, text);
    }

    public static SourceFile of(Path file) {
        return CodeFolder.disk(file.toAbsolutePath().getParent()).file(file.getFileName().toString())
                .orElseThrow(() -> new DslException(List.of(file + ": no such file")));
    }

    /** A file named relative to this one's folder. */
    public java.util.Optional<SourceFile> sibling(String rel) {
        return folder.file(rel);
    }
}
