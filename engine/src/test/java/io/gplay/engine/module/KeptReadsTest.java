package io.gplay.engine.module;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.shell.Cmd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeptReadsTest {
    @TempDir
    Path dir;

    private final KeptReads kept = new KeptReads();

    /** A task's context on a host of the run that shares {@link #kept}. */
    private ModuleContext task(String host, Connection connection) {
        HostContext alone = HostContext.of(new Host(host, List.of(), Map.of()), Map.of(), connection, false);
        return new ModuleContext(Map.of(), alone.toBuilder().kept(kept).build());
    }

    @Test
    void aLaterTaskGetsTheAnswerUntilATaskOnAnyHostChangesSomething() throws Exception {
        Path state = Files.writeString(dir.resolve("state"), "one\n");
        Cmd read = Cmd.of("cat", state.toString());
        LocalConnection local = new LocalConnection();

        assertEquals("one\n", task("h1", local).probeKept(read).stdout());
        Files.writeString(state, "two\n"); // behind the run's back: not seen until the next change
        assertEquals("one\n", task("h1", local).probeKept(read).stdout(), "kept for the run");
        assertEquals("two\n", task("h2", local).probeKept(read).stdout(), "kept per host");

        task("h2", local).change(Cmd.of("sh", "-c", "echo three > \"$1\"", "sh", state.toString()));
        assertEquals("three\n", task("h1", local).probeKept(read).stdout(), "any change drops every answer");
        assertEquals("three\n", task("h1", local).probe(read).stdout());
    }

    @Test
    void anAnswerReadWhileAChangeRanIsNotKept() {
        AtomicInteger reads = new AtomicInteger();
        Connection changedMeanwhile = new Connection() {
            @Override
            public ExecResult exec(Command command) {
                if (command.readOnly()) {
                    // another host's task changes something while this read is under way
                    kept.watching(this).exec(Command.change("true"));
                    return new ExecResult(0, "answer " + reads.incrementAndGet(), "");
                }
                return new ExecResult(0, "", "");
            }

            @Override
            public void close() {
            }
        };

        task("h1", changedMeanwhile).probeKept(Cmd.of("true"));
        assertEquals("answer 2", task("h1", changedMeanwhile).probeKept(Cmd.of("true")).stdout());
    }
}
