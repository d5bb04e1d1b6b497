package io.gplay.cli;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.transform.ThreadInterrupt;
import io.gplay.dsl.DslException;
import io.gplay.dsl.PlaybookLoader;
import io.gplay.dsl.ReplScript;
import io.gplay.dsl.build.TaskCollector;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Step;
import io.gplay.engine.plan.Task;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.vault.SecretMask;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The interactive console: DSL module calls run at once on the current targets; other lines are Groovy,
 * whose variables (assigned without {@code def}) persist; {@code :commands} change targets and settings.
 * Ctrl-C while a line runs cancels it and the console goes on: a run on the hosts stops, commands running there
 * are sent SIGTERM and the connections close; Groovy code stops at its next loop, call or sleep. A second Ctrl-C
 * stops waiting for the hosts.
 */
final class Console {
    private final Session session;
    private final LineReader reader;
    private final Terminal terminal;
    private final PrintStream out;
    private final GroovyShell shell;
    private final Binding binding = new Binding();
    private Playbook loaded;
    /** Ctrl-C presses while the current line runs. */
    private volatile int cancels;
    /** True while a run on the hosts is under way. */
    private volatile boolean running;
    /** The current line's interruption was already told. */
    private boolean reported;
    /** True while a line runs; Ctrl-C handling and the end of a line take this object's lock. */
    private boolean lineRunning;

    Console(Session session, LineReader reader, Terminal terminal, PrintStream out) {
        this.session = session;
        this.reader = reader;
        this.terminal = terminal;
        this.out = out;
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(ReplScript.class.getName());
        // loops, closures and methods check the thread's interrupt flag, so Ctrl-C stops `while (true) {}`
        cc.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        this.shell = new GroovyShell(Console.class.getClassLoader(), binding, cc);
    }

    String prompt() {
        RunOptions o = session.options();
        return "gplay [" + session.pattern + " (" + session.targets().size() + " hosts)"
                + (o.check() ? " CHECK" : "") + (session.become ? " become" : "") + "]> ";
    }

    /** Reads and runs lines until :quit or Ctrl-D. */
    void loop() {
        out.println("gplay console: module calls run on the targets at once; :help lists the commands.");
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt clears the line
            } catch (EndOfFileException e) {
                return;
            }
            if (!handle(line.strip())) {
                return;
            }
        }
    }

    /** Runs one input; false when the console should end. Ctrl-C meanwhile cancels it, not the console. */
    boolean handle(String line) {
        if (line.isEmpty()) {
            return true;
        }
        Thread worker = Thread.currentThread();
        cancels = 0;
        reported = false;
        synchronized (this) {
            lineRunning = true;
        }
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> cancel(worker));
        try {
            if (Thread.interrupted()) {
                // Ctrl-C right after Enter, while the line reader's own handler was still in place
                cancel(worker);
                return true;
            }
            if (line.startsWith(":")) {
                return command(line);
            }
            evaluate(line);
        } catch (DslException e) {
            e.problems().forEach(p -> out.println(SecretMask.global().mask(p)));
        } catch (Exception | AssertionError | StackOverflowError e) {
            // Groovy rethrows checked exceptions as they are: an InterruptedException from Ctrl-C among them;
            // a failed assert typed at the prompt is the line's error, not the console's end
            if (cancels == 0) {
                String text = e.getMessage() == null ? e.toString() : e.getMessage();
                out.println("error: " + SecretMask.global().mask(text));
            }
        } finally {
            synchronized (this) {
                // a Ctrl-C still being handled finishes first, so it cannot interrupt the next prompt's read
                lineRunning = false;
                terminal.handle(Terminal.Signal.INT, previous);
                Thread.interrupted();
            }
            if (cancels > 0 && !reported) {
                out.println("interrupted");
            }
        }
        return true;
    }

    /**
     * Ctrl-C: a run on the hosts is told to stop (its connections close, so waiting on them ends at once);
     * Groovy code, or a run still going after a second Ctrl-C, is interrupted.
     */
    private synchronized void cancel(Thread worker) {
        if (!lineRunning) {
            return;
        }
        if (++cancels == 1) {
            out.println(); // after the ^C the terminal echoed
        }
        // read once: the run may end while its connections close, and the worker is then not to be interrupted
        boolean onHosts = running;
        if (onHosts) {
            session.interrupt();
        }
        if (!onHosts || cancels > 1) {
            worker.interrupt();
        }
    }

    private void evaluate(String code) {
        TaskCollector tasks = session.loader().console("console");
        binding.setVariable(ReplScript.COLLECTOR, tasks);
        Object value;
        try {
            value = shell.evaluate(code);
        } catch (MultipleCompilationErrorsException e) {
            out.println(e.getMessage().replaceFirst("(?s)^startup failed:\\s*", "").strip());
            return;
        }
        if (!tasks.problems().isEmpty()) {
            tasks.problems().forEach(out::println);
            return;
        }
        if (!tasks.steps().isEmpty()) {
            runNow(tasks.steps());
        } else if (value != null) {
            out.println("=> " + SecretMask.global().mask(String.valueOf(value)));
        }
    }

    /** Runs tasks on the targets now, then tells how long it took and how many connections it opened. */
    private void runNow(List<Step> tasks) {
        runNow(() -> session.run(tasks, "console"));
    }

    /** Runs on the hosts, then says how long it took and how many connections it opened. */
    private void runNow(Runnable work) {
        long t0 = System.nanoTime();
        int opened = session.connectionsOpened();
        if (!onHosts(work)) {
            return;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (cancels > 0) {
            reported = true;
            out.printf("interrupted after %d ms; the hosts' connections were closed, commands running there"
                    + " were sent SIGTERM%n", ms);
            return;
        }
        int fresh = session.connectionsOpened() - opened;
        out.printf("(%d ms, %s)%n", ms, fresh == 0 ? "no new connection" : fresh == 1 ? "1 new connection"
                : fresh + " new connections");
    }

    /** A run on the hosts, during which Ctrl-C stops the run rather than this thread; false if cancelled before. */
    private boolean onHosts(Runnable run) {
        if (cancels > 0) {
            return false;
        }
        running = true;
        try {
            run.run();
        } finally {
            running = false;
        }
        return true;
    }

    private boolean command(String line) {
        String[] parts = line.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        RunOptions o = session.options();
        switch (parts[0]) {
            case ":quit", ":exit", ":q" -> {
                return false;
            }
            case ":hosts" -> {
                if (!arg.isEmpty()) {
                    session.pattern = arg;
                }
                out.println(session.pattern + ": " + String.join(" ", session.targets().stream().map(Host::name).toList()));
            }
            case ":check" -> session.options(o.withCheck(on(arg, o.check())));
            case ":diff" -> session.options(o.withDiff(on(arg, o.diff())));
            case ":become" -> session.become = on(arg, session.become);
            case ":facts" -> facts(arg);
            case ":doc" -> {
                Optional<ModuleSpec> spec = session.modules.find(arg).map(Module::spec)
                        .or(() -> session.loader().role(Path.of(""), arg));
                if (spec.isEmpty()) {
                    out.println("no module or role '" + arg + "'; :modules lists them");
                } else {
                    DocCommand.print(spec.get(), out);
                }
            }
            case ":modules" -> {
                session.modules.all().values().forEach(m -> out.printf("%-16s %s%n", m.name(), m.spec().summary()));
                session.loader().roleNames(Path.of("")).forEach(r -> out.printf("%-16s role: %s%n", r,
                        session.loader().role(Path.of(""), r).orElseThrow().summary()));
            }
            case ":load" -> load(arg);
            case ":play", ":task" -> runPart(parts[0], arg);
            case ":help" -> ConsoleHelp.print(out);
            default -> out.println("unknown command " + parts[0] + "; :help lists them");
        }
        return true;
    }

    private static boolean on(String arg, boolean current) {
        return switch (arg) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> !current;
        };
    }

    private void facts(String host) {
        List<Host> hosts = host.isEmpty() ? session.targets() : session.select(host);
        List<Step> none = List.of();
        if (hosts.stream().anyMatch(h -> session.facts(h.name()).isEmpty())) {
            String saved = session.pattern;
            session.pattern = host.isEmpty() ? saved : host;
            onHosts(() -> session.run(none, "facts"));
            session.pattern = saved;
        }
        for (Host h : hosts) {
            out.println(h.name() + ":");
            new TreeMap<>(session.facts(h.name())).forEach((k, v) -> out.println("  " + k + ": " + v));
        }
    }

    private void load(String file) {
        PlaybookLoader loader = session.loader();
        loaded = loader.load(Path.of(file));
        out.println("loaded " + loaded.name() + ": " + loaded.plays().size() + " play(s); :play NAME or :task NAME runs part of it");
        for (Play p : loaded.plays()) {
            out.println("  play '" + p.name() + "': " + String.join(", ", p.allTasks().map(Task::title).toList()));
        }
    }

    /** Runs one play of the loaded playbook, or one task of it, on the current targets. */
    private void runPart(String what, String name) {
        if (loaded == null) {
            out.println("no playbook loaded; :load FILE first");
            return;
        }
        for (Play p : loaded.plays()) {
            if (what.equals(":play") && p.name().equals(name)) {
                runNow(() -> session.run(loaded, p, p.tasks()));
                return;
            }
            for (Task t : p.allTasks().toList()) {
                if (what.equals(":task") && t.title().equals(name)) {
                    runNow(() -> session.run(loaded, p, List.of(t)));
                    return;
                }
            }
        }
        out.println("no " + what.substring(1) + " named '" + name + "' in " + loaded.name());
    }

    List<String> hostsAndGroups() {
        List<String> names = new ArrayList<>(session.inventory.groupsWithAll().keySet());
        session.inventory.hosts().forEach(h -> names.add(h.name()));
        return names;
    }
}
