package io.gplay.modules.mysql;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.modules.Needs;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private MariaDB server of the tests (Debian's mariadb-server): its own data folder under a temporary folder,
 * its socket there, a loopback port, binary log on (so it can be a replication primary), never the machine's
 * service. Root logs in through the socket as the OS user root, as on Debian. Started once per JVM for the
 * tests that share it ({@link #shared()}), or on its own ({@link #start}); killed when the JVM ends.
 */
final class MariaDbServer implements AutoCloseable {
    private static MariaDbServer shared;

    final Path dir;
    final Path socket;
    final int port;
    private final Process process;

    private MariaDbServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.socket = dir.resolve("sock");
        this.port = port;
        this.process = process;
    }

    static synchronized MariaDbServer shared() throws Exception {
        if (shared == null) {
            shared = start(1);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static MariaDbServer start(int serverId) throws Exception {
        Needs.require(Files.isExecutable(Path.of("/usr/sbin/mariadbd")) && Files.isExecutable(Path.of("/usr/bin/mysql")),
                "MariaDB is not installed (apt-get install mariadb-server mariadb-client)");
        Needs.require("root".equals(System.getProperty("user.name")), "a private mariadbd with socket login as root needs the tests to run as root");
        Path dir = Files.createTempDirectory("gplay-mariadb");
        Path data = dir.resolve("data");
        exec(List.of("mariadb-install-db", "--no-defaults", "--user=root", "--datadir=" + data, "--auth-root-authentication-method=socket",
                "--skip-test-db"), dir.resolve("install.log"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--user=root", "--datadir=" + data,
                "--socket=" + dir.resolve("sock"), "--port=" + port, "--bind-address=127.0.0.1", "--pid-file=" + dir.resolve("pid"),
                "--log-error=" + dir.resolve("error.log"), "--innodb-buffer-pool-size=16M", "--log-bin=" + dir.resolve("binlog"),
                "--server-id=" + serverId, "--skip-name-resolve")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        MariaDbServer server = new MariaDbServer(dir, port, p);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.sql("SELECT 1").ok()) {
            if (!p.isAlive() || System.nanoTime() > end) {
                server.close();
                throw new IllegalStateException("mariadbd did not start: " + Files.readString(dir.resolve("error.log")));
            }
            Thread.sleep(100);
        }
        return server;
    }

    /** Runs SQL as root through the socket, the tests' own look at the server. */
    ExecResult sql(String statements) {
        return new LocalConnection().exec(new Command("mysql --no-defaults -N -B --socket=" + socket + " -u root",
                statements.getBytes(StandardCharsets.UTF_8), true));
    }

    /** The single value (or tab-separated rows) a query prints; fails the test when it fails. */
    String value(String query) {
        ExecResult r = sql(query);
        if (!r.ok()) {
            throw new AssertionError(query + ": " + r.stderr());
        }
        return r.stdout().strip();
    }

    private static void exec(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd + " failed: " + Files.readString(log));
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The local connection, every command line it ran kept: a test looks for a secret in them. */
    static final class Recording implements Connection {
        private final Connection inner = new LocalConnection();
        final List<String> lines = new ArrayList<>();

        @Override
        public ExecResult exec(Command c) {
            lines.add(c.line());
            return inner.exec(c);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
