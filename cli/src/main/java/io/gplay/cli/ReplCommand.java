package io.gplay.cli;

import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.inventory.InventoryException;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.report.RunLog;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.vault.SecretMask;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code gplay repl -i INV [-l PATTERN]}: the interactive console over the inventory's hosts. */
@Command(name = "repl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"An interactive console over the inventory's hosts, in the playbook DSL (like ansible-console).",
                "History is kept in ~/.gplay_history, secrets masked; :help inside lists the commands."})
final class ReplCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = {"-C", "--check"}, description = "start in check mode")
    boolean check;

    @Mixin
    RunLogOption log;

    @Override
    public Integer call() throws Exception {
        // gplay's modules, the plugin jars' and the Groovy ones of modules/ here and of the module path
        ModuleRegistry modules = target.modules(Path.of(""));
        // -l limits every target the console is given (:hosts PATTERN selects within it), as in ansible-console
        RunOptions opts = target.runOptions().output(check, false, 0).build();
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintStream out = new PrintStream(terminal.output(), true);
            Session session;
            RunLog runLog;
            try {
                Inventory inventory = target.loadInventory(false);
                runLog = log.open(target);
                session = new Session(inventory, modules, opts, "all", RunLogOption.with(new CompactReporter(out,
                        !Terminal.TYPE_DUMB.equals(terminal.getType()) && System.getenv("NO_COLOR") == null, false), runLog));
            } catch (InventoryException e) {
                System.err.println("gplay: " + e.getMessage());
                return 1;
            }
            session.become = target.become();
            session.rolesPath = target.rolesPath();
            session.modulePath = target.modulePath();
            session.vault = target.vault.secrets();
            try (session) {
                Console[] console = new Console[1];
                LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("gplay")
                        .parser(new ReplParser())
                        .completer(new ReplCompleter(modules, () -> console[0].hostsAndGroups(), new ReplCompleter.Roles() {
                            @Override
                            public List<String> names() {
                                return session.loader().roleNames(Path.of(""));
                            }

                            @Override
                            public Optional<ModuleSpec> spec(String name) {
                                return session.loader().role(Path.of(""), name);
                            }
                        }))
                        .history(new MaskedHistory(SecretMask.global()))
                        .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".gplay_history"))
                        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "... ")
                        .build();
                console[0] = new Console(session, reader, terminal, out);
                console[0].loop();
            } finally {
                RunLogOption.close(runLog); // each line typed that ran tasks is a run in it
            }
        }
        return 0;
    }
}
