package io.gplay.cli;

import io.gplay.engine.report.RunLog;
import io.gplay.engine.report.TerminalText;
import io.gplay.engine.vault.SecretMask;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintStream;

/** One library logger of {@link LibraryLogging}: a warning or error to the run log, or to standard error. */
final class LibraryLogger extends LegacyAbstractLogger {
    /** The run's log while a run writes one. */
    private static volatile RunLog runLog;
    /**
     * Standard error, as it was when this class was loaded (the console may replace System.err later), or the
     * client's while the daemon serves one.
     */
    private static volatile PrintStream stderr = System.err;

    LibraryLogger(String name) {
        this.name = name;
    }

    /** Where library warnings go when no run log takes them; returns where they went before. */
    static PrintStream stderr(PrintStream to) {
        PrintStream before = stderr;
        stderr = to;
        return before;
    }

    /** Sends library warnings to {@code log} from now on; null sends them to standard error again. */
    static void to(RunLog log) {
        runLog = log;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable thrown) {
        String text = MessageFormatter.basicArrayFormat(pattern, args) + (thrown == null ? "" : ": " + thrown);
        RunLog log = runLog;
        if (log != null) {
            log.library(name, level.name(), text);
        } else {
            stderr.println("[" + (level == Level.ERROR ? "ERROR" : "WARNING") + "]: " + name.replaceFirst(".*\\.", "")
                    + ": " + TerminalText.escaped(SecretMask.global().mask(text)));
        }
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
