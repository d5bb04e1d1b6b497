package io.gplay.modules.system;

import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pacman module on Arch's real pacman, on a root and repository of its own ({@link PrivatePacman}). */
class PacmanTest {
    @TempDir
    Path work;
    PrivatePacman arch;

    @BeforeEach
    void world() throws Exception {
        arch = new PrivatePacman(work);
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new PacmanModule(), new HashMap<>(params), check, arch.conn, Map.of());
    }

    /** A check run predicts the real run's changes and diffs and writes nothing; the real run makes them; a third is ok. */
    Result checkRealConverged(Map<String, Object> params) throws Exception {
        String before = arch.query();
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, arch.query(), "a check run changed nothing");
        Result real = run(params, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(check.diffs(), real.diffs());
        assertEquals(check.data().get("packages"), real.data().get("packages"));
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertTrue(again.msg().startsWith("nothing to do: "), again.msg());
        return real;
    }

    void refresh() {
        assertEquals(Status.CHANGED, run(Map.of("updateCache", true), false).status());
    }

    @Test
    void refreshesTheDatabasesChangedOnlyWhenTheyListSomethingNew() throws Exception {
        Result check = run(Map.of("updateCache", true), true);
        assertEquals(List.of("refresh the sync databases"), check.descriptions());
        assertFalse(Files.exists(arch.root.resolve("var/lib/pacman/sync/gplaytest.db")), "check mode fetched nothing");
        Result real = run(Map.of("updateCache", true), false);
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(true, real.data().get("cache_updated"));
        Result same = run(Map.of("updateCache", true), false);
        assertEquals(Status.OK, same.status(), "the databases list the same packages");
        assertEquals(false, same.data().get("cache_updated"));
        assertEquals("nothing to do: the sync databases list nothing new", same.msg());
        arch.publish("gplay-demo", "2.0-1");
        assertEquals(Status.CHANGED, run(Map.of("updateCache", true), false).status(), "a new version came");
    }

    @Test
    void installsThenUpgradesToTheLatestThenRemoves() throws Exception {
        refresh();
        Result in = checkRealConverged(Map.of("name", "gplay-demo"));
        assertEquals(List.of("install gplay-demo 1.0-1"), in.descriptions());
        assertEquals(List.of(new Diff("packages", "", "gplay-demo-1.0-1\n")), in.diffs());
        assertEquals("1.0-1", arch.installed("gplay-demo"));

        arch.publish("gplay-demo", "2.0-1");
        assertEquals(Status.OK, run(Map.of("name", "gplay-demo"), false).status(), "present upgrades nothing");
        refresh();
        Result latest = checkRealConverged(Map.of("name", "gplay-demo", "state", "latest"));
        assertEquals(List.of("install gplay-demo 1.0-1 -> 2.0-1"), latest.descriptions());
        assertEquals("2.0-1", arch.installed("gplay-demo"));

        Result gone = checkRealConverged(Map.of("name", List.of("gplay-demo", "gplay-absent"), "state", "absent"));
        assertEquals(List.of("remove gplay-demo-2.0-1"), gone.descriptions());
        assertEquals("none", arch.installed("gplay-demo"));
    }

    @Test
    void aGroupIsItsPackagesAndUpgradeUpgradesAll() throws Exception {
        refresh();
        Result group = checkRealConverged(Map.of("name", "gplay-group"));
        assertEquals(List.of("install gplay-demo 1.0-1, gplay-tool 1.0-1"), group.descriptions());
        arch.publish("gplay-tool", "1.1-1");
        refresh();
        Result up = checkRealConverged(Map.of("upgrade", true));
        assertEquals(List.of("upgrade gplay-tool"), up.descriptions());
        assertEquals(List.of(new Diff("packages", "gplay-tool-1.0-1\n", "gplay-tool-1.1-1\n")), up.diffs());
        assertEquals("1.1-1", arch.installed("gplay-tool"));
        assertEquals("1.0-1", arch.installed("gplay-demo"));
    }

    @Test
    void installsAPackageFileAndRegistersWhatItDid() throws Exception {
        Path file = arch.build("gplay-local", "3.0-1");
        Result r = checkRealConverged(Map.of("name", file.toString()));
        assertEquals(List.of("install gplay-local 3.0-1"), r.descriptions());
        assertEquals(List.of("gplay-local"), r.data().get("packages"));
        assertTrue(((String) r.data().get("stdout")).contains("installing gplay-local"), r.data().toString());
        assertEquals("3.0-1", arch.installed("gplay-local"));
    }

    @Test
    void hostileValuesStayData() throws Exception {
        refresh();
        String marker = work.resolve("pwned").toString();
        for (String evil : List.of("x$(touch " + marker + ")", "gplay-demo; touch " + marker, "a'b\"c\nd")) {
            Result r = run(Map.of("name", evil), false);
            assertEquals(Status.FAILED, r.status(), evil);
            assertTrue(r.msg().startsWith("pacman cannot install"), r.msg());
        }
        assertTrue(run(Map.of("name", "-Rns"), false).msg().startsWith("'-Rns' is no package: pass options in extraArgs"));
        Result args = run(Map.of("name", "gplay-demo", "extraArgs", "--dbonly '; touch " + marker + "'"), false);
        assertEquals(Status.FAILED, args.status(), "the quoted word is one argument of pacman's");
        assertFalse(Files.exists(Path.of(marker)));
        assertEquals("none", arch.installed("gplay-demo"));
        Result both = Harness.run(new PacmanModule(), Map.of("name", "x", "upgrade", true), true);
        assertTrue(both.msg().contains("only one of 'name' and 'upgrade'"), both.msg());
    }
}
