package io.gplay.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gplay daemon status|stop}: the user's daemons ({@link DaemonServer}), listed or stopped. */
@Command(name = "daemon", mixinStandardHelpOptions = true, description = {
        "Lists (status) or stops (stop) your gplay daemons. With GPLAY_DAEMON=1, gplay run and gplay audit go to a"
                + " warm daemon, one for each working directory and environment, which keeps SSH connections open"
                + " between runs for GPLAY_DAEMON_PERSIST seconds (60) and exits after GPLAY_DAEMON_IDLE seconds"
                + " without a run (900). A run under way when it is stopped ends as on Ctrl-C."})
final class DaemonCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "status|stop", description = "status: list them; stop: stop them all")
    String action;

    @Override
    public Integer call() throws IOException {
        if (!action.equals("status") && !action.equals("stop")) {
            System.err.println("gplay: daemon takes status or stop, not '" + action + "'");
            return 1;
        }
        Path dir = DaemonPlace.folder(System.getenv());
        List<Path> sockets = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.sock")) {
            s.forEach(sockets::add);
        }
        int answered = 0;
        for (Path socket : sockets.stream().sorted().toList()) {
            String answer = ask(socket, action.equals("stop") ? DaemonFrames.STOP : DaemonFrames.STATUS);
            if (answer != null) {
                answered++;
                System.out.println(answer);
            }
        }
        if (answered == 0) {
            System.out.println("no gplay daemon is running (" + dir + ")");
        }
        return 0;
    }

    /** The daemon's answer, or null when none listens there (a socket left by one that died, removed). */
    private static String ask(Path socket, byte what) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DaemonFrames.write(ch, ch, what, new byte[0]);
            DaemonFrames.Frame f = DaemonFrames.read(ch);
            return f == null ? null : f.text();
        } catch (java.net.ConnectException | java.nio.file.NoSuchFileException gone) {
            Files.deleteIfExists(socket);
            return null;
        }
    }
}
