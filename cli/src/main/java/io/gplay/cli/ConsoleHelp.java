package io.gplay.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The console's {@code :help}: what can be typed at its prompt. */
final class ConsoleHelp {
    private ConsoleHelp() {
    }

    static void print(PrintStream out) {
        Map<String, String> help = new LinkedHashMap<>();
        help.put("MODULE 'title', k: v, ...", "run a module on the targets now (e.g. service 'glusterd', state: 'started')");
        help.put("x = expr", "Groovy; variables assigned without def persist between lines");
        help.put(":hosts [PATTERN]", "show or change the targets (a group, host or pattern)");
        help.put(":check on|off", "check mode: predict, change nothing");
        help.put(":diff on|off", "show diffs");
        help.put(":become on|off", "run through sudo");
        help.put(":facts [HOST]", "show the facts of the targets or of HOST");
        help.put(":doc MODULE", "a module's documentation");
        help.put(":modules", "list the modules");
        help.put(":load FILE", "load a playbook; then :play NAME or :task NAME runs part of it on the targets");
        help.put(":quit", "leave (or Ctrl-D); Ctrl-C cancels a running command");
        help.forEach((k, v) -> out.printf("  %-28s %s%n", k, v));
    }
}
