package io.gplay.modules.dev;

import io.gplay.engine.connection.Connection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.AfterEach;
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
 * The npm module with the real npm, offline: tiny packages packed with npm pack, served by a registry on loopback
 * or named by path in a package.json; npm's cache and global prefix in the temporary folder.
 */
class NpmModuleTest {
    @TempDir
    Path dir;
    NpmRegistry registry;
    Connection conn;
    Path app;

    @BeforeEach
    void registry() throws IOException {
        Needs.require(Sh.has("npm"), "npm is not installed");
        registry = new NpmRegistry(dir);
        registry.publish("tinya", "1.0.0");
        conn = new PathFirstConnection(Files.createDirectories(dir.resolve("bin")), Map.of("npm_config_cache", dir.resolve("cache"),
                "npm_config_prefix", dir.resolve("global"), "npm_config_audit", "false"));
        app = dir.resolve("srv/app");
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    Map<String, Object> task(Object... kv) {
        Map<String, Object> t = new HashMap<>(Map.of("path", app.toString(), "registry", registry.url()));
        for (int i = 0; i < kv.length; i += 2) {
            t.put((String) kv[i], kv[i + 1]);
        }
        return t;
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new NpmModule(), params, check, conn, Map.of());
    }

    String version(Path modules, String name) throws IOException {
        Path pkg = modules.resolve(name).resolve("package.json");
        return Files.exists(pkg) ? Files.readString(pkg).replaceAll("(?s).*\"version\":\\s*\"([^\"]+)\".*", "$1") : "none";
    }

    void checkThenRun(Map<String, Object> task, List<String> expected, Path modules, String name) throws IOException {
        String before = version(modules, name);
        Result check = run(task, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(expected, check.descriptions());
        assertEquals(before, version(modules, name), "check mode changed node_modules");
        Result real = run(task, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(expected, real.descriptions());
        Result again = run(task, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
    }

    @Test
    void installsAVersionThenUpdatesToLatestThenRemoves() throws IOException {
        Path modules = app.resolve("node_modules");
        checkThenRun(task("name", "tinya", "version", "1.0.0"), List.of("install tinya@1.0.0 in " + app), modules, "tinya");
        assertEquals("1.0.0", version(modules, "tinya"));
        assertEquals("tinya 1.0.0", Sh.run(app, "node", "-p", "require('tinya')"));
        registry.publish("tinya", "1.1.0");
        assertEquals(Status.OK, run(task("name", "tinya"), false).status(), "present: any version will do");
        checkThenRun(task("name", "tinya", "state", "latest"), List.of("update tinya in " + app), modules, "tinya");
        assertEquals("1.1.0", version(modules, "tinya"));
        checkThenRun(task("name", "tinya", "state", "absent"), List.of("uninstall tinya in " + app), modules, "tinya");
        assertEquals("none", version(modules, "tinya"));
    }

    @Test
    void thePackageJsonsDependenciesFromPackedTarballs() throws IOException {
        Path tgz = registry.publish("tinyb", "1.0.0");
        Files.createDirectories(app);
        Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{\"tinyb\":\"file:" + tgz + "\"}}\n");
        Map<String, Object> deps = task("production", true);
        deps.remove("registry");
        Path modules = app.resolve("node_modules");
        checkThenRun(deps, List.of("install tinyb in " + app), modules, "tinyb");
        assertEquals("1.0.0", version(modules, "tinyb"));
        assertTrue(Files.exists(app.resolve("package-lock.json")));
        Files.delete(modules.resolve("tinyb/index.js"));
        for (boolean check : List.of(true, false)) {
            assertEquals(List.of("npm ci in " + app), run(task("ci", true), check).descriptions(), "ci installs every run, as Ansible's");
        }
        assertTrue(Files.exists(modules.resolve("tinyb/index.js")), "npm ci installed the lock file's packages anew");
    }

    @Test
    void globalInstallsGoToNpmsPrefix() throws IOException {
        Map<String, Object> global = new HashMap<>(Map.of("name", "tinya", "global", true, "registry", registry.url()));
        Path modules = dir.resolve("global/lib/node_modules");
        checkThenRun(global, List.of("install tinya globally"), modules, "tinya");
        assertEquals("1.0.0", version(modules, "tinya"));
        global.put("state", "absent");
        checkThenRun(global, List.of("uninstall tinya globally"), modules, "tinya");
    }

    @Test
    void aCheckRunsLaterTasksSeeThePredictedInstall() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), conn, true);
        assertEquals(Status.CHANGED, Harness.run(new NpmModule(), task("name", "tinya", "version", "1.0.0"), where).status());
        assertEquals(Status.OK, Harness.run(new NpmModule(), task("name", "tinya", "version", "1.0.0"), where).status());
        assertEquals(Status.CHANGED, Harness.run(new NpmModule(), task("name", "tinya", "state", "absent"), where).status());
        assertFalse(Files.exists(app));
    }

    @Test
    void hostileValuesAreRefusedOrStayData() throws IOException {
        Path marker = dir.resolve("pwned");
        for (Map<String, Object> option : List.of(task("name", "--global"), task("name", "tinya", "registry", "--prefix=/"),
                task("name", "tinya", "version", "1.0.0\n--global"))) {
            for (boolean check : List.of(true, false)) {
                Result r = run(option, check);
                assertEquals(Status.FAILED, r.status(), option + ": " + r.msg());
                assertTrue(r.msg().contains("would be read as an option") || r.msg().contains("is refused"), r.msg());
            }
        }
        for (Map<String, Object> data : List.of(task("name", "$(touch " + marker + ")"), task("name", "tinya", "version", "1.0.0; touch " + marker),
                task("name", "tinya", "version", "`touch " + marker + "`"))) {
            run(data, false); // npm reads each as a package spec of its own, or refuses it: either way no shell runs it
        }
        assertFalse(Files.exists(marker), "no value ran as shell code");
        app = dir.resolve("a b'$(touch " + marker + ")`id`");
        checkThenRun(task("name", "tinya"), List.of("install tinya in " + app), app.resolve("node_modules"), "tinya");
        assertFalse(Files.exists(marker), "no value ran as shell code");
    }
}
