package io.gplay.engine.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where something was written in a playbook, for messages of the form {@code FILE:LINE: message}. */
public record Source(String file, int line) {
    /**
     * The folder of the playbook file, against which its local files are read; empty when the playbook is no
     * file on disk (a bundled one, or one given as text).
     */
    public Optional<Path> folder() {
        Path path = Path.of(file).toAbsolutePath();
        return Files.isRegularFile(path) ? Optional.of(path.getParent()) : Optional.empty();
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
