package io.gplay.cli;

import sun.misc.Signal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * With {@code GPLAY_DAEMON=1}, hands {@code gplay run} and {@code gplay audit} to a warm gplay process of the
 * user's, as Gradle's and Kotlin's clients do ({@link DaemonServer}): the same output, bytes as they come, and
 * the same exit code; Ctrl-C is sent on to it. When there is none for this context ({@link DaemonPlace}) one is
 * started for the next run and this run is made here, as when the daemon is busy with another run, refuses, or
 * does not answer within {@link #ANSWER_MILLIS}. A command that asks for a password on the terminal, or reads
 * standard input, always runs here: the daemon has neither.
 */
final class DaemonClient {
    static final String ENV = "GPLAY_DAEMON";
    static final int ANSWER_MILLIS = 5000;
    private static final Set<String> ASKING = Set.of("--ask-pass", "--ask-become-pass", "--ask-vault-pass",
            "--ask-vault-password");
    private static final Set<String> PASSWORD_FILES = Set.of("--vault-password-file", "--vault-pass-file", "--vault-id");

    private DaemonClient() {
    }

    /** The command's exit code as the daemon ran it, or null when this process is to run it. */
    static Integer serve(String[] args) {
        Map<String, String> env = System.getenv();
        if (!on(env.get(ENV)) || !eligible(args, env)) {
            return null;
        }
        Launch launch = Launch.current();
        if (launch == null) {
            return null;
        }
        String context = DaemonPlace.context(System.getProperty("user.dir"), env);
        DaemonPlace place;
        try {
            place = new DaemonPlace(DaemonPlace.folder(env), DaemonPlace.key(launch.options(), launch.jar(), context));
        } catch (IOException e) {
            System.err.println("gplay: no daemon (" + e.getMessage() + "); running in this process");
            return null;
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(place.socket()));
        } catch (IOException none) {
            launch.startDaemon(place);
            return null;
        }
        try (ch) {
            return talk(ch, context, args);
        } catch (IOException e) {
            System.err.println("gplay: the daemon's socket failed (" + e.getMessage() + "; its log: " + place.log() + ")");
            return 1;
        }
    }

    static boolean on(String value) {
        return value != null && Set.of("1", "true", "yes", "on").contains(value); // as bin/gplay reads it
    }

    /**
     * Whether the daemon may run the command: {@code run} or {@code audit}, asking for no password and reading
     * nothing from standard input or a script (a vault password script might ask on the terminal).
     */
    static boolean eligible(String[] args, Map<String, String> env) {
        if (args.length == 0 || !(args[0].equals("run") || args[0].equals("audit"))) {
            return false;
        }
        List<String> files = new ArrayList<>();
        String vaultEnv = env.get("ANSIBLE_VAULT_PASSWORD_FILE");
        if (vaultEnv != null) {
            files.add(vaultEnv);
        }
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (ASKING.contains(option) || a.matches("-[A-Za-z]*[kKJ][A-Za-z]*") || a.equals("-") || a.endsWith("@-")
                    || a.endsWith("=-") || a.contains("/dev/stdin") || a.contains("/dev/fd/") || a.contains("/proc/self/")) {
                return false;
            }
            if (PASSWORD_FILES.contains(option)) {
                files.add(a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : "");
            }
        }
        return files.stream().map(f -> f.replaceFirst("^[^/@]*@", "")).noneMatch(f -> Files.isExecutable(Path.of(f))
                && !Files.isDirectory(Path.of(f)));
    }

    /** The run's exit code, or null when the daemon did not take the run. */
    private static Integer talk(SocketChannel ch, String context, String[] args) throws IOException {
        Object lock = new Object();
        boolean terminal = System.console() != null;
        DaemonFrames.write(ch, lock, DaemonFrames.HELLO,
                new DaemonFrames.Hello(DaemonFrames.VERSION, context, terminal, Arrays.asList(args)).bytes());
        DaemonFrames.Frame first = firstAnswer(ch);
        if (first == null || first.type() != DaemonFrames.ACCEPTED) {
            return null;
        }
        forwardSignals(ch, lock);
        Sink out = new Sink(new FileOutputStream(FileDescriptor.out));
        Sink err = new Sink(new FileOutputStream(FileDescriptor.err));
        for (DaemonFrames.Frame f = DaemonFrames.read(ch); f != null; f = DaemonFrames.read(ch)) {
            switch (f.type()) {
                case DaemonFrames.STDOUT -> out.write(f.body());
                case DaemonFrames.STDERR -> err.write(f.body());
                case DaemonFrames.EXIT -> {
                    return ByteBuffer.wrap(f.body()).getInt();
                }
                default -> throw new IOException("the daemon sent a frame of unknown type " + f.type());
            }
        }
        throw new IOException("the daemon closed the socket before the run's end");
    }

    /**
     * Where a stream of the run's output goes: once writing fails (a closed pipe: {@code gplay run ... | head}),
     * the rest is dropped and the run goes on, as a run of its own goes on past a PrintStream's failed write.
     */
    private static final class Sink {
        private final OutputStream to;
        private boolean failed;

        Sink(OutputStream to) {
            this.to = to;
        }

        void write(byte[] b) {
            if (!failed) {
                try {
                    to.write(b);
                } catch (IOException e) {
                    failed = true;
                }
            }
        }
    }

    /** The daemon's first answer, or null when it gives none within ANSWER_MILLIS (the socket is then closed). */
    private static DaemonFrames.Frame firstAnswer(SocketChannel ch) throws IOException {
        AtomicBoolean answered = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(ANSWER_MILLIS);
                if (!answered.get()) {
                    ch.close();
                }
            } catch (InterruptedException | IOException done) {
                // answered in time, or closing failed: the read below ends either way
            }
        }, "gplay-daemon-answer");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            DaemonFrames.Frame f = DaemonFrames.read(ch);
            answered.set(true);
            watchdog.interrupt();
            return f;
        } catch (java.nio.channels.AsynchronousCloseException late) {
            return null;
        }
    }

    /** Ctrl-C and SIGTERM go to the daemon's run; a third one leaves at once (the daemon sees the socket close). */
    private static void forwardSignals(SocketChannel ch, Object lock) {
        AtomicInteger count = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    if (count.incrementAndGet() > 2) {
                        Runtime.getRuntime().halt(99);
                    }
                    try {
                        DaemonFrames.write(ch, lock, DaemonFrames.SIGNAL, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    } catch (IOException gone) {
                        Runtime.getRuntime().halt(99);
                    }
                });
            } catch (IllegalArgumentException e) {
                // no such signal here: the default handling stays
            }
        }
    }

    /** How this process was launched ({@code java OPTIONS -jar JAR}), to launch the daemon alike. */
    record Launch(String java, List<String> options, Path jar) {
        static Launch current() {
            ProcessHandle.Info info = ProcessHandle.current().info();
            String[] argv = info.arguments().orElse(new String[0]);
            int jarAt = Arrays.asList(argv).indexOf("-jar");
            if (info.command().isEmpty() || jarAt < 0 || jarAt + 1 >= argv.length) {
                return null; // not the launcher's java -jar (a test calling Main, an embedding): no daemon
            }
            return new Launch(info.command().get(), List.of(argv).subList(0, jarAt), Path.of(argv[jarAt + 1]));
        }

        /** Starts a daemon for {@code place} in a session of its own, away from this terminal's signals. */
        void startDaemon(DaemonPlace place) {
            Path setsid = Path.of("/usr/bin/setsid");
            if (!Files.isExecutable(setsid)) {
                return; // without its own session Ctrl-C here would reach it: no daemon, every run here
            }
            List<String> cmd = new ArrayList<>(List.of(setsid.toString(), java));
            // a long-lived process: the JIT's full tiers pay off, which the one-run launcher turns off
            options.stream().filter(o -> !o.startsWith("-XX:TieredStopAtLevel")).forEach(cmd::add);
            cmd.addAll(List.of("-cp", jar.toString(), DaemonServer.class.getName(), place.dir().toString(), place.key()));
            try {
                new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(place.log().toFile())).redirectErrorStream(true).start();
            } catch (IOException e) {
                System.err.println("gplay: the daemon would not start (" + e.getMessage() + "); running in this process");
            }
        }
    }
}
