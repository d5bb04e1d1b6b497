package io.gplay.cli;

import io.gplay.engine.module.Change;
import io.gplay.engine.module.Result;
import io.gplay.engine.report.Handled;

/**
 * Text the file reporters share: a result's changes with their diffs, what a rescued or ignored failure says, and
 * escaping for XML and HTML.
 */
final class ReportText {
    private ReportText() {
    }

    /** Each change's description, followed by its diff where it has one. */
    static String changes(Result r) {
        StringBuilder s = new StringBuilder();
        for (Change c : r.changes()) {
            s.append(s.length() == 0 ? "" : "\n").append(c.description());
            c.optionalDiff().ifPresent(d -> s.append("\n").append(d.unified()));
        }
        return s.toString();
    }

    /** What a failure a rescue or ignoreErrors took back says: {@code failed, ignored: MSG}. */
    static String handledFailure(Handled handled, Result r) {
        String how = handled == Handled.RESCUED ? "failed, rescued by its block" : "failed, " + handled.label();
        return r.msg() == null || r.msg().isEmpty() ? how : how + ": " + r.msg();
    }

    /** Escaped for XML and HTML text and attributes; control characters XML cannot hold are dropped. */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
    }
}
