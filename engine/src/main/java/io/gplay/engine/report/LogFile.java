package io.gplay.engine.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Lines appended to a file by a thread of its own, so that a slow or failing disk never holds a run: the run hands
 * each line over and goes on. Each line is one {@code write} to a file opened with {@code O_APPEND}, so the lines
 * of runs writing the same file at once never cut into each other. A line the queue has no room for, and every
 * line after a write failed, is dropped, and said once through {@code warn}; {@link #close} waits a bounded time.
 */
public final class LogFile implements AutoCloseable {
    static final int QUEUE = 10_000;
    /** The writer's last line, told by identity: a line that reads "end" is a line. */
    private static final String END = new String("end");

    private final Path path;
    private final FileChannel channel;
    private final Consumer<String> warn;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicInteger dropped = new AtomicInteger();
    private final Thread writer;
    private volatile boolean failed;

    private LogFile(Path path, FileChannel channel, Consumer<String> warn) {
        this.path = path;
        this.channel = channel;
        this.warn = warn;
        this.writer = new Thread(this::write, "gplay-log");
        writer.setDaemon(true); // a write stuck on a dead disk must not keep gplay from exiting
        writer.start();
    }

    /** Opens {@code path} to append to, made readable by its owner only when it is new (it names hosts and commands). */
    public static LogFile open(Path path, Consumer<String> warn) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("no folder " + parent);
        }
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
            // appended to as it is
        }
        return new LogFile(path, FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND), warn);
    }

    public Path path() {
        return path;
    }

    /** Hands a line over to be written; it ends with a newline here. */
    public void append(String line) {
        if (failed || !queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        try {
            for (String line = queue.take(); line != END; line = queue.take()) {
                ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException e) {
            failed = true;
            queue.clear();
            warn.accept("the run log " + path + " could not be written (" + e.getMessage() + "); the run goes on"
                    + " without it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, waiting at most {@code bound}; what could not be written by then is said, not waited for. */
    public void close(Duration bound) {
        boolean queued = queue.offer(END);
        try {
            writer.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = writer.isAlive() ? queue.size() : 0;
        if (!queued || writer.isAlive()) {
            warn.accept("the run log " + path + " did not take the run's last lines within " + bound.toSeconds()
                    + "s; " + left + " line(s) not written");
            writer.interrupt();
        } else if (dropped.get() > 0 && !failed) {
            warn.accept("the run log " + path + " fell behind: " + dropped.get() + " line(s) not written");
        }
        try {
            channel.close();
        } catch (IOException e) {
            warn.accept("the run log " + path + " could not be closed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
