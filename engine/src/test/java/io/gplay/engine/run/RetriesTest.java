package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Rollout;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.report.ConsoleReporter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code until}/{@code retries} says each retry as it happens, as Ansible does, not only the end. */
class RetriesTest {
    /** Counts its runs and reports the count. */
    static final class Counter implements Module {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public ModuleSpec spec() {
            return new ModuleSpec("counter", "counts its runs");
        }

        @Override
        public void run(ModuleContext ctx) {
            ctx.set("n", runs.incrementAndGet());
        }
    }

    @Test
    void eachRetryIsPrintedWithTheRetriesLeft() {
        Host h1 = new Host("h1", List.of("web"), Map.of("ansible_connection", "local"));
        Inventory inventory = new Inventory(Map.of("h1", h1), Map.of("web", List.of("h1")));
        Deferred thirdRun = scope -> ((Integer) scope.getResult().get("n")) >= 3;
        TaskOptions until = TaskOptions.builder().retries(4).until(thirdRun).delay(0).build();
        Source src = new Source("poll.groovy", 3);
        Play play = new Play("p", "web", Map.of(), Rollout.ALL, false, null, false,
                List.of(new Task("wait for the service", "counter", Map.of(), until, src)), List.of(), src);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Counter counter = new Counter();

        RunSummary summary = new Runner(inventory, new ModuleRegistry(List.of(counter)), RunOptions.defaults(),
                new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false, 0))
                .run(new Playbook("poll", "poll.groovy", List.of(play), List.of()));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, summary.exitCode(), out);
        assertEquals(3, counter.runs.get());
        assertTrue(out.contains("FAILED - RETRYING: [h1]: wait for the service (4 retries left)."), out);
        assertTrue(out.contains("FAILED - RETRYING: [h1]: wait for the service (3 retries left)."), out);
        assertTrue(!out.contains("(2 retries left)"), out);
    }
}
