package io.gplay.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --limit @FILE}: the hosts of a file, one a line (a retry file), as ansible-playbook reads them; a term of
 * a pattern like any other ({@code web,@failed.retry}). Blank lines are skipped; a file naming no host is refused,
 * as a limit that leaves no host is.
 */
final class LimitFile {
    private LimitFile() {
    }

    /** The limit with each {@code @FILE} term replaced by the file's host names. */
    static String expand(String limit) throws IOException {
        if (limit == null || !limit.contains("@")) {
            return limit;
        }
        List<String> terms = new ArrayList<>();
        for (String term : limit.split(",")) {
            String t = term.strip();
            if (!t.startsWith("@")) {
                terms.add(t);
                continue;
            }
            Path file = Path.of(t.substring(1));
            List<String> hosts = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("--limit " + t + ": the file names no host");
            }
            terms.addAll(hosts);
        }
        return String.join(",", terms);
    }
}
