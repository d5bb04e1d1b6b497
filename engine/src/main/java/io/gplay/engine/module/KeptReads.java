package io.gplay.engine.module;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers to reads that several tasks of a run ask the same (a Gluster pool's volumes, which every volume task
 * would otherwise ask glusterd again), kept per host and command line. Every answer is dropped when any task on
 * any host runs a command that is not a read, before it runs and again after it: no task decides from an answer
 * that a change made in the run since has made stale. An answer read while a change was under way is not kept.
 * One for each run (a console session: each command); what changes on a host from outside the run is not seen
 * until the next.
 */
public final class KeptReads {
    private final Map<String, ExecResult> answers = new ConcurrentHashMap<>();
    /** Moves on at every change's start and end: an answer read across a move is not kept. */
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger changing = new AtomicInteger();

    /** The answer to {@code read} on {@code host}: kept from an earlier task when nothing changed since. */
    public ExecResult read(String host, Command read, Connection connection) {
        String key = host + '\0' + read.line();
        ExecResult kept = answers.get(key);
        if (kept != null) {
            return kept;
        }
        long before = generation.get();
        boolean quiet = changing.get() == 0;
        ExecResult answer = connection.exec(read);
        if (quiet && changing.get() == 0 && generation.get() == before) {
            answers.put(key, answer);
        }
        return answer;
    }

    /** The connection, with every command that is not a read dropping the kept answers. */
    public Connection watching(Connection connection) {
        return new Connection() {
            @Override
            public ExecResult exec(Command command) {
                if (command.readOnly()) {
                    return connection.exec(command);
                }
                changing.incrementAndGet();
                forget();
                try {
                    return connection.exec(command);
                } finally {
                    forget();
                    changing.decrementAndGet();
                }
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    private void forget() {
        generation.incrementAndGet();
        answers.clear();
    }
}
