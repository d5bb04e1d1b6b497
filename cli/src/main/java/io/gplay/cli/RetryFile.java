package io.gplay.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The hosts to retry after a run with failures, written as ansible-playbook writes them: one host name a line, in
 * name order, nothing else (no variable, no secret). The file is {@code --retry-file FILE}, else, when
 * ansible.cfg's {@code retry_files_enabled} is on, {@code PLAYBOOK.retry} in its {@code retry_files_save_path} or
 * beside the playbook (in the home folder for a bundled one).
 */
final class RetryFile {
    private RetryFile() {
    }

    /** Where the hosts to retry go, if anywhere. */
    static Optional<Path> where(Path given, boolean enabled, Optional<Path> saveFolder, String playbook,
                                boolean bundled) {
        if (given != null) {
            return Optional.of(given);
        }
        if (!enabled) {
            return Optional.empty();
        }
        Path file = Path.of(playbook).toAbsolutePath();
        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".retry";
        Path folder = saveFolder.orElse(bundled ? Path.of(System.getProperty("user.home")) : file.getParent());
        return Optional.of(folder.resolve(name));
    }

    /** Writes the hosts, the file's folder made if need be. */
    static void write(Path file, List<String> hosts) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Files.write(file, hosts);
    }
}
