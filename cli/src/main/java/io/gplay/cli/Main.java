package io.gplay.cli;

import io.gplay.engine.vault.SecretMask;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/** {@code gplay}: run playbooks over SSH, audit drift, explore hosts. */
@Command(name = "gplay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs Groovy playbooks on many hosts over SSH, checked before any host is touched.")
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Integer served = DaemonClient.serve(args);
        System.exit(served != null ? served : execute(args));
    }

    /** Subcommands by name, in the order help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("run", RunCommand::new);
        SUBCOMMANDS.put("audit", AuditCommand::new);
        SUBCOMMANDS.put("exec", ExecCommand::new);
        SUBCOMMANDS.put("repl", ReplCommand::new);
        SUBCOMMANDS.put("doc", DocCommand::new);
        SUBCOMMANDS.put("ide", IdeCommand::new);
        SUBCOMMANDS.put("list", ListCommand::new);
        SUBCOMMANDS.put("vault", VaultCommand::new);
        SUBCOMMANDS.put("inventory", InventoryCommand::new);
        SUBCOMMANDS.put("report", ReportCommand::new);
        SUBCOMMANDS.put("lab", LabCommand::new);
        SUBCOMMANDS.put("daemon", DaemonCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    public static int execute(String... args) {
        boolean version = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        if (version) {
            // Answered without picocli: building even its smallest model loads ~180 classes that the
            // class-data-sharing archive cannot hold (picocli is compiled for Java 5, and JDK 17's dynamic
            // archive skips such classes), which was most of the cost of `gplay --version`.
            try {
                for (String line : new Version().getVersion()) {
                    System.out.println(line);
                }
                return 0;
            } catch (IOException e) {
                System.err.println("gplay: " + SecretMask.global().mask(e.getMessage()));
                return 1;
            }
        }
        // picocli's default factory loads and initialises groovy.lang.Closure when Groovy is on the class path
        // (for closures in annotations, which gplay does not use); initialising it starts Groovy's whole
        // meta-class registry, ~150 ms of CPU before `gplay help` or `gplay doc` can print. Commands that run
        // Groovy still initialise it, when they first need it.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        CommandLine cl = new CommandLine(new Main());
        // "-e @vars.yml" is an extra-vars file, as in Ansible, not one of picocli's argument files
        cl.setExpandAtFiles(false);
        // Building picocli's model of a command costs ~30 ms each: add only the one that runs, unless help
        // needs them all. This keeps every command's start-up short.
        boolean one = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help");
        SUBCOMMANDS.forEach((name, make) -> {
            if (!one || name.equals(args[0])) {
                cl.addSubcommand(name, make.get());
            }
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("gplay: " + SecretMask.global().mask(describe(e)));
            if (isBug(e)) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        cl.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("gplay: " + SecretMask.global().mask(e.getMessage()));
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (StackOverflowError e) {
            // picocli passes Errors on; the readers of gplay's inputs are meant to refuse what is too deep or
            // long before this, with FILE:LINE: this is the last resort, naming the reader instead of a JVM trace
            System.err.println("gplay: " + overflow(e));
            return 1;
        }
    }

    /** What ran out of stack: the input too long or too deeply nested for gplay's code that was reading it. */
    static String overflow(StackOverflowError e) {
        String where = java.util.Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().startsWith("io.gplay.") || f.getClassName().startsWith("gplay$"))
                .findFirst().map(f -> " in " + f.getClassName().replaceFirst(".*\\.", "") + "." + f.getMethodName()
                        + (f.getFileName() != null && f.getFileName().startsWith("gplay$") ? ""
                        : " (" + f.getFileName() + ":" + f.getLineNumber() + ")"))
                .orElse("");
        return "an input is too long or too deeply nested to read: the stack ran out" + where
                + " (a very long value, name or pattern, or code that calls itself without end?)";
    }

    /** A file that cannot be read says which and why; anything else by its message. */
    static String describe(Throwable e) {
        Throwable cause = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof java.nio.file.NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (cause instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (cause instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        if (isBug(e)) {
            return "internal error (a bug in gplay; the trace below helps to fix it): " + e;
        }
        return e.getMessage();
    }

    private static boolean isBug(Throwable e) {
        return e.getMessage() == null || e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException;
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
