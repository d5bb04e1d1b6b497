package io.gplay.engine.connection;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The commands running on a connection's own channels, known by their process group on the host, so that
 * closing the connection while one runs (Ctrl-C) ends it there too. sshd makes each channel's login shell the
 * leader of a session and process group of its own, but sends it no signal when the connection goes, and
 * refuses SSH's signal request for root. So each command first prints its shell's process id, after a marker
 * no command can guess (random per connection), as a line of its stderr; that line is taken out of what the
 * command printed, and the group is known from then until the command's stderr ends.
 */
final class RunningCommands {
    private final String marker;
    private final Set<Long> groups = ConcurrentHashMap.newKeySet();
    /** Commands between {@link #started()} and {@link #ended()}; guarded by this. */
    private int onChannels;

    RunningCommands() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        marker = "~gplay-pid-" + HexFormat.of().formatHex(random) + "~";
    }

    synchronized void started() {
        onChannels++;
    }

    /** A command's result is in (or its channel failed). */
    synchronized void ended() {
        if (--onChannels == 0) {
            notifyAll();
        }
    }

    /** The command line to send: the same line, after printing the shell's process id. */
    String wrap(String line) {
        return "echo \"" + marker + "$$\" >&2\n" + line;
    }

    /**
     * A wrapped command's stderr, read to its end without the process-id line; meanwhile its group is known
     * (and set in {@code group}, to end this one command when it times out).
     */
    String stderrOf(InputStream stream, AtomicLong group) throws IOException {
        InputStream in = new BufferedInputStream(stream);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            // lines before the marker's (a login shell's start-up may print some) are the command's too
            while (group.get() < 0 && (b = in.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                long found = groupIn(line.toString(StandardCharsets.ISO_8859_1));
                if (found > 0) {
                    groups.add(found);
                    group.set(found);
                } else {
                    line.write('\n');
                    line.writeTo(kept);
                }
                line.reset();
            }
            line.writeTo(kept);
            in.transferTo(kept);
            return kept.toString(StandardCharsets.UTF_8);
        } finally {
            groups.remove(group.get());
        }
    }

    private long groupIn(String line) {
        if (line.startsWith(marker) && line.length() > marker.length()
                && line.substring(marker.length()).chars().allMatch(Character::isDigit)) {
            return Long.parseLong(line.substring(marker.length()));
        }
        return -1;
    }

    /** The shell command that sends SIGTERM to the process group of every command still running; "" for none. */
    String killLine() {
        return killLine(groups);
    }

    private static String killLine(Collection<Long> groups) {
        if (groups.isEmpty()) {
            return "";
        }
        // `-s TERM --` is the form in which both dash's and bash's kill take a negative id (a group)
        return "kill -s TERM -- " + groups.stream().map(g -> "-" + g).collect(Collectors.joining(" "));
    }

    /** Sends SIGTERM to one command's process group (one that ran out of time), over a channel of its own. */
    static void stop(SSHClient client, long group) {
        if (group > 0) {
            send(client, killLine(List.of(group)));
        }
    }

    /** Runs a kill line on the host; best effort, as {@link #stopAll}. */
    private static void send(SSHClient client, String kill) {
        try (Session session = client.startSession()) {
            session.exec(kill + " 2>/dev/null").join(5, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException ignored) {
            // the host went meanwhile: its commands went with it, or cannot be reached
        }
    }

    /**
     * Runs {@link #killLine()} over a channel of its own, then waits up to 3 s for the commands' results, so
     * that each reports how it ended (killed by SIGTERM) before the connection goes. Best effort: a lost
     * connection has nothing left to reach, and a command that ignores SIGTERM is left to the closing connection.
     */
    void stopAll(SSHClient client) {
        String kill = killLine();
        if (kill.isEmpty() || !client.isConnected()) {
            return;
        }
        send(client, kill);
        try {
            awaitResults(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void awaitResults(long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        for (long left = ms; onChannels > 0 && left > 0; left = deadline - System.currentTimeMillis()) {
            wait(left);
        }
    }
}
