package io.gplay.cli;

import io.gplay.engine.report.LogFile;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Reporters;
import io.gplay.engine.report.RunLog;
import io.gplay.engine.report.TerminalText;
import io.gplay.engine.vault.SecretMask;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --log-path} and the run log it opens, for each command that runs tasks on hosts (run, audit, exec, the
 * console): one way to find the file, to open it and to take the libraries' warnings, whichever command runs.
 */
final class RunLogOption {
    @Option(names = "--log-path", paramLabel = "FILE", description = "append what is done (tasks, each host's"
            + " results, the commands sent to hosts, secrets masked) to FILE; default: log_path of ansible.cfg or"
            + " $ANSIBLE_LOG_PATH")
    Path logPath;

    /** The command this option is part of: its arguments head each run in the log. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The run log of --log-path or ansible.cfg's log_path, or null for none; the libraries' warnings go to it until
     * {@link #close}. One that cannot be opened is a warning and the command goes on without it, as Ansible does.
     */
    RunLog open(TargetOptions target) {
        Path file = logPath != null ? logPath : target.configured().logPath().orElse(null);
        if (file == null) {
            return null;
        }
        Consumer<String> warn = w -> System.err.println("[WARNING]: " + TerminalText.escaped(SecretMask.global().mask(w)));
        try {
            List<String> args = command.commandLine().getParseResult().originalArgs();
            RunLog log = new RunLog(LogFile.open(file, warn), SecretMask.global(), args,
                    String.join(",", target.sources()));
            LibraryLogger.to(log);
            return log;
        } catch (IOException e) {
            warn.accept("the run log " + file + " cannot be opened (" + Main.describe(e) + "); the run goes on without it");
            return null;
        }
    }

    /** {@code reporter}, and {@code log} beside it when there is one. */
    static Reporter with(Reporter reporter, RunLog log) {
        return log == null ? reporter : new Reporters(List.of(reporter, log));
    }

    /** Gives the libraries' warnings back to standard error, and writes out and closes {@code log} (null: none). */
    static void close(RunLog log) {
        LibraryLogger.to(null);
        if (log != null) {
            log.close();
        }
    }
}
