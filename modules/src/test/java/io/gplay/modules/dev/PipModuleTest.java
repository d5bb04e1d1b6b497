package io.gplay.modules.dev;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pip module for real: a virtualenv made with python3 -m venv in a temporary folder, packages installed
 * offline from wheels and an sdist the test writes (--no-index --find-links through extraArgs).
 */
class PipModuleTest {
    @TempDir
    Path dir;
    Path venv;
    Path wheels;
    String offline;

    @BeforeEach
    void wheels() throws IOException {
        Needs.require(Sh.has("python3"), "python3 is not installed");
        wheels = Files.createDirectories(dir.resolve("wheels"));
        Wheels.wheel(wheels, "tinya", "1.0");
        Wheels.wheel(wheels, "tinya", "2.0");
        Wheels.wheel(wheels, "tinyb", "1.0", "tinya>=1.0");
        Wheels.sdist(wheels, "tinyc", "1.0");
        venv = dir.resolve("venv");
        offline = "--no-index --find-links " + wheels;
    }

    Map<String, Object> task(Object name, Object... more) {
        Map<String, Object> t = new HashMap<>(Map.of("name", name, "virtualenv", venv.toString(), "virtualenvCommand", "python3 -m venv",
                "extraArgs", offline));
        for (int i = 0; i < more.length; i += 2) {
            t.put((String) more[i], more[i + 1]);
        }
        return t;
    }

    static Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new PipModule(), params, check);
    }

    String installed() {
        return Sh.run(dir, venv + "/bin/pip", "list", "--format=freeze", "--exclude", "pip", "--exclude", "setuptools");
    }

    /** Check mode reports what the run then does and installs nothing; the run after is ok. */
    Result checkThenRun(Map<String, Object> task, List<String> expected) {
        String before = Files.exists(venv) ? installed() : "no venv";
        Result check = run(task, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(expected, check.descriptions());
        assertEquals(before, Files.exists(venv) ? installed() : "no venv", "check mode changed the virtualenv");
        Result real = run(task, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(expected, real.descriptions());
        Result again = run(task, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        return real;
    }

    @Test
    void createsTheVirtualenvAndInstallsWithDependencies() {
        Result r = checkThenRun(task(List.of("tinyb")), List.of("create the virtualenv " + venv + " (python3 -m venv)", "install tinyb in " + venv));
        assertEquals("tinya==2.0\ntinyb==1.0", installed());
        assertEquals("1.0 2.0", Sh.run(dir, venv + "/bin/python", "-c", "import tinya, tinyb; print(tinyb.VERSION, tinya.VERSION)"));
        assertEquals(List.of("tinyb"), r.registered().get("name"));
        assertEquals(venv.toString(), r.registered().get("virtualenv"));
        assertEquals(venv + "/bin/pip3 install --no-index --find-links " + wheels + " tinyb", r.registered().get("cmd"));
    }

    @Test
    void versionsSpecifiersLatestAndForcereinstall() {
        run(task(List.of("tinyb")), false);
        checkThenRun(task(List.of("tinya"), "version", "1.0"), List.of("install tinya 1.0 in " + venv));
        assertEquals("tinya==1.0\ntinyb==1.0", installed());
        assertEquals(Status.OK, run(task(List.of("tinya>=1.0,<2", "tinyb")), false).status(), "specifiers met by what is installed");
        assertEquals(Status.OK, run(task(List.of("tinya>=1.0", "<2")), false).status(), "a specifier split off by a comma is joined again");
        checkThenRun(task(List.of("tinya"), "state", "latest"), List.of("upgrade to tinya 2.0 in " + venv));
        assertEquals("tinya==2.0\ntinyb==1.0", installed());
        Result both = run(task(List.of("tinya", "tinyb"), "version", "1.0"), false);
        assertEquals(Status.FAILED, both.status());
        assertTrue(both.msg().startsWith("'version' argument is ambiguous"), both.msg());
        for (boolean check : List.of(true, false, false)) {
            Result r = run(task(List.of("tinya"), "state", "forcereinstall"), check);
            assertEquals(List.of("reinstall tinya in " + venv), r.descriptions(), "forcereinstall reinstalls every run");
        }
        assertEquals("tinya==2.0\ntinyb==1.0", installed());
    }

    @Test
    void absentRemovesWhatIsInstalledAndMatches() {
        run(task(List.of("tinyb")), false);
        Map<String, Object> below2 = task(List.of("tinya<2"), "state", "absent");
        below2.remove("extraArgs");
        assertEquals(Status.OK, run(below2, false).status(), "2.0 is not <2: nothing to remove");
        Map<String, Object> absent = task(List.of("tinyb", "tinyc"), "state", "absent");
        absent.remove("extraArgs"); // pip uninstall takes no --no-index (nor does Ansible's)
        checkThenRun(absent, List.of("uninstall tinyb 1.0 in " + venv));
        assertEquals("tinya==2.0", installed());
    }

    @Test
    void aRequirementsFileAndAnSdist() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Wheels.write(project.resolve("requirements.txt"), List.of("# what the app needs", "tinyc==1.0", "tinya==1.0  # pinned"));
        Map<String, Object> req = new HashMap<>(task(List.of()));
        req.remove("name");
        req.putAll(Map.of("requirements", "requirements.txt", "chdir", project.toString()));
        checkThenRun(req, List.of("create the virtualenv " + venv + " (python3 -m venv)", "install -r requirements.txt in " + venv));
        assertEquals("tinya==1.0\ntinyc==1.0", installed());
        assertEquals("1.0", Sh.run(dir, venv + "/bin/python", "-c", "import tinyc; print(tinyc.VERSION)"));
        Wheels.write(project.resolve("requirements.txt"), List.of("tinya==2.0"));
        checkThenRun(req, List.of("install tinya 2.0 in " + venv));
        req.put("state", "absent");
        req.remove("extraArgs");
        checkThenRun(req, List.of("uninstall tinya 2.0 in " + venv));
        assertEquals("tinyc==1.0", installed());
    }

    @Test
    void hostileValuesAreRefusedOrStayData() {
        Path marker = dir.resolve("pwned");
        run(task(List.of("tinya")), false);
        for (Map<String, Object> bad : List.of(task(List.of("--index-url=http://127.0.0.1:9/")),
                task(List.of("tinya; $(touch${IFS}" + marker + ")")),
                task(List.of("$(touch " + marker + ")")),
                task(List.of("tinya"), "version", "1.0`touch " + marker + "`"))) {
            for (boolean check : List.of(true, false)) {
                Result r = run(bad, check);
                assertEquals(Status.FAILED, r.status(), bad + ": " + r.msg());
            }
        }
        Result odd = run(task(List.of("tinya"), "extraArgs", offline + " --find-links '$(touch " + marker + ")'", "state", "latest"), false);
        assertEquals(Status.OK, odd.status(), "a find-links folder that is not there is pip's warning: " + odd.msg());
        assertFalse(Files.exists(marker), "no value ran as shell code");
        assertEquals("tinya==2.0", installed());
    }
}
