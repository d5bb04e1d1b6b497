package io.gplay.cli;

import io.gplay.engine.connection.KeptConnections;
import sun.misc.Signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon: a warm gplay process that runs the commands its clients hand it ({@link DaemonClient}), one at a
 * time, as {@link Main#execute} runs them in a process of their own, with the client's output and exit code.
 * Between runs it keeps the SSH connections they opened for {@code GPLAY_DAEMON_PERSIST} seconds (60, as
 * ansible.cfg's usual ControlPersist) and exits after {@code GPLAY_DAEMON_IDLE} seconds without a run (900), after
 * {@link #MAX_RUNS} runs, or on SIGTERM (a run under way is interrupted as by Ctrl-C and ends first). One daemon
 * per {@link DaemonPlace} key: the one holding its lock.
 */
final class DaemonServer {
    static final int MAX_RUNS = 500;
    /** How long a client has to say what it wants once connected. */
    static final int HELLO_SECONDS = 5;
    /** The daemon's own output, its log: System.out is a client's while a run is served. */
    private static final PrintStream LOG = System.out;
    private static volatile KeptConnections kept;

    private final DaemonPlace place;
    private final String context;
    private final int idleSeconds;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile long lastRunEnd = System.nanoTime();
    private volatile boolean stopping;
    private final AtomicInteger runs = new AtomicInteger();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gplay-daemon-timers");
        t.setDaemon(true);
        return t;
    });
    private ServerSocketChannel server;

    private DaemonServer(DaemonPlace place, int idleSeconds) {
        this.place = place;
        this.context = DaemonPlace.context(System.getProperty("user.dir"), System.getenv());
        this.idleSeconds = idleSeconds;
    }

    /** The connections kept between runs while this process is a daemon; null in any other process. */
    static KeptConnections kept() {
        return kept;
    }

    public static void main(String[] args) throws IOException {
        DaemonPlace place = new DaemonPlace(Path.of(args[0]), args[1]);
        try (FileChannel lockFile = FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return; // another daemon serves this key
            }
            // the log is this daemon's alone from here (its output is appended to it)
            Files.newByteChannel(place.log(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING).close();
            Files.deleteIfExists(place.socket()); // left by a daemon that died
            kept = new KeptConnections(seconds("GPLAY_DAEMON_PERSIST", 60));
            try {
                new DaemonServer(place, seconds("GPLAY_DAEMON_IDLE", 900)).serve();
            } finally {
                kept.close();
                Files.deleteIfExists(place.socket());
            }
            // a clean end leaves nothing behind; a crash leaves the log (and the lock, which the next one takes)
            Files.deleteIfExists(place.log());
            Files.deleteIfExists(place.lock());
        }
        System.exit(0);
    }

    private static int seconds(String name, int otherwise) {
        String v = System.getenv(name);
        return v != null && v.matches("[1-9][0-9]{0,6}") ? Integer.parseInt(v) : otherwise;
    }

    private void serve() throws IOException {
        Interrupts.forwarded = true;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(place.socket()));
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            Signal.handle(new Signal(name), sig -> stop(name));
        }
        timers.scheduleWithFixedDelay(() -> {
            if (!busy.get() && System.nanoTime() - lastRunEnd > TimeUnit.SECONDS.toNanos(idleSeconds)) {
                stop(null);
            }
        }, 1, 1, TimeUnit.SECONDS);
        LOG.println("gplay daemon " + ProcessHandle.current().pid() + ": serving " + place.socket());
        while (!stopping) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (AsynchronousCloseException stopped) {
                break;
            }
            Thread t = new Thread(() -> handle(client), "gplay-daemon-client");
            t.start();
        }
        // a run under way ends first (it was interrupted): its client gets its output and exit code
        for (int i = 0; busy.get() && i < 600; i++) {
            sleep();
        }
    }

    private void stop(String signal) {
        stopping = true;
        if (signal != null && busy.get()) {
            Interrupts.fire(signal);
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing is the point: accept() ends either way
        }
    }

    private void handle(SocketChannel client) {
        try (client) {
            // a client that connects and says nothing is let go
            ScheduledFuture<?> silent = timers.schedule(() -> closeQuietly(client), HELLO_SECONDS, TimeUnit.SECONDS);
            DaemonFrames.Frame first = DaemonFrames.read(client);
            silent.cancel(false);
            Object lock = new Object();
            if (first == null) {
                return;
            }
            if (first.type() == DaemonFrames.STATUS || first.type() == DaemonFrames.STOP) {
                DaemonFrames.write(client, lock, first.type(), status(first.type() == DaemonFrames.STOP)
                        .getBytes(StandardCharsets.UTF_8));
                if (first.type() == DaemonFrames.STOP) {
                    stop("TERM");
                }
                return;
            }
            if (first.type() != DaemonFrames.HELLO) {
                return;
            }
            DaemonFrames.Hello hello = DaemonFrames.Hello.of(first.body());
            if (hello.version() != DaemonFrames.VERSION || !hello.context().equals(context)) {
                DaemonFrames.write(client, lock, DaemonFrames.MISMATCH, "another context".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!DaemonClient.eligible(hello.args().toArray(String[]::new), System.getenv())) {
                // another client (bin/gplay's) leaves the choice to the daemon: it says so, and runs it itself
                DaemonFrames.write(client, lock, DaemonFrames.REFUSED, new byte[0]);
                return;
            }
            if (stopping || !busy.compareAndSet(false, true)) {
                DaemonFrames.write(client, lock, DaemonFrames.BUSY, new byte[0]);
                return;
            }
            try {
                DaemonFrames.write(client, lock, DaemonFrames.ACCEPTED, new byte[0]);
                DaemonFrames.writeExit(client, lock, run(client, lock, hello));
            } finally {
                lastRunEnd = System.nanoTime();
                busy.set(false);
                if (runs.incrementAndGet() >= MAX_RUNS) {
                    stop(null); // a fresh daemon for the next client: no state piles up without end
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.println("gplay daemon: a client's run failed: " + e);
        }
    }

    /** One line for {@code gplay daemon status}: pid, runs, what it does now, connections kept, where. */
    private String status(boolean stopped) {
        long idle = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastRunEnd);
        return "pid " + ProcessHandle.current().pid() + ": " + (stopped ? "stopping after " : "") + runs.get() + " run(s), "
                + (busy.get() ? "running one" : "idle " + idle + " s of " + idleSeconds) + ", "
                + kept.idleCount() + " connection(s) kept, in " + System.getProperty("user.dir");
    }

    /** Runs the client's command with its output, terminal and interrupts; returns the exit code. */
    private static int run(SocketChannel client, Object lock, DaemonFrames.Hello hello) {
        PrintStream out = new PrintStream(new DaemonFrames.Out(client, lock, DaemonFrames.STDOUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new DaemonFrames.Out(client, lock, DaemonFrames.STDERR), true, StandardCharsets.UTF_8);
        PrintStream daemonOut = System.out;
        PrintStream daemonErr = System.err;
        InputStream daemonIn = System.in;
        AtomicBoolean done = new AtomicBoolean();
        System.setOut(out);
        System.setErr(err);
        System.setIn(InputStream.nullInputStream());
        Tty.clientTerminal = hello.terminal();
        PrintStream libraries = LibraryLogger.stderr(err);
        Thread signals = new Thread(() -> listen(client, done), "gplay-daemon-signals");
        signals.setDaemon(true);
        signals.start();
        try {
            return Main.execute(hello.args().toArray(String[]::new));
        } catch (RuntimeException | Error e) {
            err.println("gplay: internal error (a bug in gplay's daemon; the trace below helps to fix it): " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            done.set(true);
            out.flush();
            err.flush();
            Interrupts.clear();
            LibraryLogger.stderr(libraries);
            Tty.clientTerminal = null;
            System.setIn(daemonIn);
            System.setErr(daemonErr);
            System.setOut(daemonOut);
        }
    }

    /** The client's Ctrl-C, sent on to the run; a client gone before its run's end interrupts it too. */
    private static void listen(SocketChannel client, AtomicBoolean done) {
        try {
            for (DaemonFrames.Frame f = DaemonFrames.read(client); f != null; f = DaemonFrames.read(client)) {
                if (f.type() == DaemonFrames.SIGNAL && !done.get()) {
                    Interrupts.fire(f.text().equals("TERM") ? "TERM" : "INT");
                }
            }
        } catch (IOException closed) {
            // the run's end closed the socket, or the client went: the same as its end below
        }
        if (!done.get()) {
            Interrupts.fire("HUP");
        }
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            // closing is the point
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
