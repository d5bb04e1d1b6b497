package io.gplay.modules.files;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** capabilities with the real getcap and setcap (libcap2-bin) on files of a temporary folder. */
class CapabilitiesTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void tools() throws Exception {
        LocalConnection local = new LocalConnection();
        Needs.require(local.exec(Command.probe("PATH=$PATH:/sbin:/usr/sbin command -v setcap && command -v getcap || PATH=$PATH:/sbin:/usr/sbin command -v getcap")).ok()
                && ProcessHandle.current().info().user().orElse("").equals("root"), "capabilities tests need root and libcap2-bin (setcap, getcap)");
        file = Files.writeString(dir.resolve("app"), "#!/bin/sh\n");
    }

    private static Result run(Path file, String capability, String state, boolean check) {
        return Harness.run(new CapabilitiesModule(), Map.of("path", file.toString(), "capability", capability, "state", state), check);
    }

    /** What getcap says the file has, after its name. */
    private static String getcap(Path file) {
        String out = new LocalConnection().exec(Command.probe(Cmd.of("getcap", "--", file.toString()).toString())).stdout().strip();
        return out.isEmpty() ? "" : out.substring(file.toString().length()).strip();
    }

    private static void checkRealAgain(Path file, String capability, String state, String after) {
        String before = getcap(file);
        Result check = run(file, capability, state, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, getcap(file), "a check run sets nothing");
        Result real = run(file, capability, state, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(check.diffs(), real.diffs());
        assertEquals(after, getcap(file));
        Result again = run(file, capability, state, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertTrue(again.msg().endsWith("already"), again.msg());
    }

    @Test
    void setsACapabilityKeepsTheOthersAndTakesItOut() {
        assertEquals(List.of(new Diff(file + " (capabilities)", "", "cap_net_bind_service=ep\n")),
                run(file, "cap_net_bind_service+ep", "present", true).diffs());
        checkRealAgain(file, "cap_net_bind_service+ep", "present", "cap_net_bind_service=ep");
        checkRealAgain(file, "CAP_NET_RAW=pe", "present", "cap_net_bind_service,cap_net_raw=ep");
        assertEquals(Status.OK, run(file, "cap_net_raw+ep", "present", false).status(), "getcap's = is the same as +");
    }

    @Test
    void takesCapabilitiesOutUntilNoneIsLeft() {
        run(file, "cap_net_bind_service+ep", "present", false);
        run(file, "cap_chown+ei", "present", false);
        checkRealAgain(file, "cap_net_bind_service", "absent", "cap_chown=ei");
        checkRealAgain(file, "cap_chown+p", "present", "cap_chown=p");
        checkRealAgain(file, "cap_chown", "absent", "");
        assertEquals(Status.OK, run(file, "cap_sys_admin", "absent", false).status());
    }

    @Test
    void hostileValuesStayDataOrAreRefused() throws Exception {
        Path marker = dir.resolve("marker");
        Path odd = Files.writeString(dir.resolve("a 'b\" $(touch gplay-capabilities-marker)"), "x");
        checkRealAgain(odd, "cap_net_raw+ep", "present", "cap_net_raw=ep");
        for (String cap : List.of("-rf", "cap_net_raw+ep $(touch " + marker + ")", "cap_net_raw+ep\n" + file, "'cap_x'")) {
            Result r = run(file, cap, "present", false);
            assertEquals(Status.FAILED, r.status(), cap);
            assertTrue(r.msg().contains("is none setcap takes"), r.msg());
        }
        assertEquals("capability 'cap_net_raw' has no operator (one of = + -): cap_net_bind_service+ep",
                run(file, "cap_net_raw", "present", false).msg());
        assertFalse(Files.exists(marker));
        assertFalse(Files.exists(Path.of("gplay-capabilities-marker")), "the file's name stayed data");
        Result missing = run(dir.resolve("none"), "cap_net_raw+ep", "present", false);
        assertEquals(Status.FAILED, missing.status());
        assertTrue(missing.msg().startsWith("Unable to get capabilities of " + dir.resolve("none")), missing.msg());
    }

    @Test
    void theRegisteredResultAsAnsiblesIs() {
        Map<String, Object> changed = run(file, "cap_net_raw+ep", "present", false).registered();
        assertEquals(true, changed.get("changed"));
        assertEquals("present", changed.get("state"));
        assertEquals("", changed.get("stdout"));
        Map<String, Object> ok = run(file, "cap_net_raw=ep", "present", false).registered();
        assertEquals(Map.of("changed", false, "state", "present"), Map.of("changed", ok.get("changed"), "state", ok.get("state")));
        assertFalse(ok.containsKey("stdout"));
    }
}
