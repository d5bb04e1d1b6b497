package io.gplay.cli;

import io.gplay.engine.report.Reporter;

import java.io.IOException;
import java.nio.file.Path;

/** {@code --report KIND=FILE}: the reporters that write files. */
final class ReportFiles {
    private ReportFiles() {
    }

    static Reporter open(String spec) throws IOException {
        int eq = spec.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("--report " + spec + ": expected KIND=FILE, e.g. json=run.jsonl");
        }
        String kind = spec.substring(0, eq);
        Path file = Path.of(spec.substring(eq + 1));
        return switch (kind) {
            case "json" -> new JsonReporter(file);
            case "junit" -> new JunitReporter(file);
            case "html" -> new HtmlReporter(file);
            default -> throw new IllegalArgumentException("--report " + kind + ": unknown kind (json, junit, html)");
        };
    }
}
