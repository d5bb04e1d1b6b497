package io.gplay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code gplay}: run playbooks over SSH, audit drift, explore hosts. */
@Command(name = "gplay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs Groovy playbooks on many hosts over SSH, checked before any host is touched.",
        subcommands = {RunCommand.class, AuditCommand.class, ExecCommand.class, ReplCommand.class,
                DocCommand.class, ListCommand.class, LabCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("gplay: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        cl.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("gplay: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/gplay-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[]{"gplay " + p.getProperty("version", "unknown") + " (Java " + Runtime.version() + ")"};
        }
    }
}
