package io.gplay.engine.report;

import io.gplay.engine.connection.Command;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Change;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.vault.SecretMask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskingReporterTest {
    private final Task task = new Task("t", "debug", Map.of(), TaskOptions.none(), new Source("site.groovy", 3));
    private final Host host = new Host("h1", List.of(), Map.of());

    private List<Object> shown(Object item, Map<String, Object> data) {
        List<Object> seen = new ArrayList<>();
        SecretMask mask = new SecretMask();
        mask.add("Sup3r&S3cret<XYZ>");
        mask.add("73519");
        new MaskingReporter(new Reporter() {
            @Override
            public void hostResult(Task t, Host h, Result r, Object i, Handled handled) {
                seen.add(i);
                seen.add(r.data());
            }
        }, mask).hostResult(task, host, new Result(Status.OK, null, List.of(), data), item, Handled.NO);
        return seen;
    }

    @Test
    void aLoopItemsKeysAreMaskedAsItsValues() {
        List<Object> seen = shown(Map.of("Sup3r&S3cret<XYZ>", 1), Map.of("Sup3r&S3cret<XYZ>", "x"));
        assertEquals("{********=1}", String.valueOf(seen.get(0)));
        assertEquals("{********=x}", String.valueOf(seen.get(1)));
    }

    @Test
    void secretsInsideSetsAndNumbersAreMaskedToo() {
        assertEquals("[********]", String.valueOf(shown(Set.of("Sup3r&S3cret<XYZ>"), Map.of()).get(0)));
        assertEquals("********", String.valueOf(shown(73519, Map.of()).get(0)));
    }

    private Diff shownDiff(String before, String after) {
        List<Diff> seen = new ArrayList<>();
        SecretMask mask = new SecretMask();
        mask.add("NewSecret-Rotated-222");
        new MaskingReporter(new Reporter() {
            @Override
            public void hostResult(Task t, Host h, Result r, Object i, Handled handled) {
                seen.add(r.changes().get(0).diff());
            }
        }, mask).hostResult(task, host, new Result(Status.CHANGED, null,
                List.of(new Change("content", new Diff("/etc/app.conf", before, after))), Map.of()), null, Handled.NO);
        return seen.get(0);
    }

    @Test
    void aRotatedSecretIsMaskedInTheRemovedLinesOfADiff() {
        Diff d = shownDiff("a=1\npassword=OldSecret-Rotated-111\nold=x\ndb_password:   \"OldSecret-Rotated-111\"\n",
                "a=1\npassword=NewSecret-Rotated-222\ndb_password: 'NewSecret-Rotated-222'\n");
        assertEquals("a=1\npassword=******** (previous value)\nold=x\ndb_password:   ******** (previous value)\n",
                d.before());
        assertEquals("a=1\npassword=********\ndb_password: '********'\n", d.after());
        // the diff still shows that the line changed
        assertTrue(d.unified().contains("\n-password=******** (previous value)\n")
                && d.unified().contains("\n+password=********\n"), d.unified());
    }

    @Test
    void aFileThatIsASecretHidesItsRemovedLines() {
        Diff d = shownDiff("-----BEGIN KEY-----\nOldKeyMaterial\n", "-----BEGIN KEY-----\nNewSecret-Rotated-222\n");
        assertEquals("-----BEGIN KEY-----\n******** (previous value)\n", d.before());
    }

    @Test
    void whetherAFailureWasRescuedOrIgnoredReachesTheReporterOfANoLogTaskToo() {
        Task hidden = new Task("t", "debug", Map.of(), TaskOptions.builder().ignoreErrors(true).noLog(true).build(),
                new Source("site.groovy", 4));
        List<Object> seen = new ArrayList<>();
        Reporter inner = new Reporter() {
            @Override
            public void hostResult(Task t, Host h, Result r, Object i, Handled handled) {
                seen.add(r.msg());
                seen.add(handled);
            }
        };
        MaskingReporter masking = new MaskingReporter(inner, new SecretMask());

        masking.hostResult(hidden, host, Result.failed("the secret"), null, Handled.IGNORED);
        masking.hostResult(task, host, Result.failed("broken"), null, Handled.RESCUED);

        assertEquals(List.of(MaskingReporter.HIDDEN, Handled.IGNORED, "broken", Handled.RESCUED), seen);
    }

    @Test
    void aCommandSentIsMaskedWithoutItsInputAndANoLogTasksIsHidden() {
        SecretMask mask = new SecretMask();
        mask.add("Tamarind-Wombat-414");
        List<Command> seen = new ArrayList<>();
        MaskingReporter masking = new MaskingReporter(new Reporter() {
            @Override
            public void command(Task t, Host h, Command c) {
                seen.add(c);
            }
        }, mask);
        Task hidden = new Task("t", "command", Map.of(), TaskOptions.builder().noLog(true).build(), new Source("site.groovy", 5));

        masking.command(task, host, Command.change("echo Tamarind-Wombat-414 > /tmp/x", "Tamarind-Wombat-414"));
        masking.command(hidden, host, Command.probe("cat /etc/app.conf"));

        assertEquals("echo ******** > /tmp/x", seen.get(0).line());
        assertEquals(null, seen.get(0).stdin());
        assertEquals(false, seen.get(0).readOnly());
        assertEquals(MaskingReporter.HIDDEN, seen.get(1).line());
        assertEquals(true, seen.get(1).readOnly());
    }
}
