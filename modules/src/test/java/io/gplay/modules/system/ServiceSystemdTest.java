package io.gplay.modules.system;

import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;
import io.gplay.modules.files.CopyModule;

import io.gplay.engine.connection.Connection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service module's decisions on systemd, against the systemctl stand-in of src/test/resources/stand-ins
 * (which answers as systemd 252 does; its header says how): this machine has no systemd as PID 1.
 */
class ServiceSystemdTest {
    static final Map<String, Object> SYSTEMD = Map.of("serviceMgr", "systemd", "osFamily", "Debian", "pkgMgr", "apt");

    @TempDir
    Path dir;
    Path root;
    Connection systemd;

    @BeforeEach
    void standIn() throws IOException {
        root = Files.createDirectories(dir.resolve("systemd"));
        systemd = connection(Map.of());
    }

    Connection connection(Map<String, Object> more) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path to = bin.resolve("systemctl");
        if (!Files.exists(to)) {
            try (InputStream in = ServiceSystemdTest.class.getResourceAsStream("/stand-ins/systemctl")) {
                Files.copy(in, to);
            }
            to.toFile().setExecutable(true);
        }
        Map<String, Object> vars = new HashMap<>(more);
        vars.put("SYSTEMCTL_ROOT", root);
        return new PathFirstConnection(bin, vars);
    }

    void unit(String name, String text, boolean active, boolean enabled) throws IOException {
        Files.createDirectories(root.resolve("units"));
        Files.writeString(root.resolve("units").resolve(name), text);
        for (String state : List.of("active", "enabled")) {
            Files.createDirectories(root.resolve(state));
            if (state.equals("active") ? active : enabled) {
                Files.writeString(root.resolve(state).resolve(name), "");
            }
        }
    }

    List<String> calls() throws IOException {
        return Files.readAllLines(root.resolve("calls"));
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new ServiceModule(), params, check, systemd, SYSTEMD);
    }

    @Test
    void aMisspeltServiceFailsAsAnsibleFailsItRatherThanReportOk() {
        Map<String, Object> p = Map.of("name", "rpcbnd", "state", "stopped", "enabled", false);
        for (boolean check : List.of(false, true)) {
            Result r = run(p, check);
            assertEquals(Status.FAILED, r.status(), r.msg());
            assertTrue(r.msg().startsWith("Could not find the requested service rpcbnd: host local has no systemd unit"
                    + " rpcbnd.service (LoadState=not-found) and no /etc/init.d/rpcbnd"), r.msg());
        }
        assertEquals(Status.FAILED, run(Map.of("name", "rpcbnd", "state", "started"), false).status());
        assertEquals(Status.FAILED, run(Map.of("name", "rpcbnd", "enabled", true), false).status());
    }

    @Test
    void aKnownServiceIsStoppedAndDisabledOnceThenOk() throws IOException {
        unit("rpcbind.service", "[Service]\nExecStart=/sbin/rpcbind\n", true, true);
        Map<String, Object> p = Map.of("name", "rpcbind", "state", "stopped", "enabled", false);
        Result r = run(p, false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("disable rpcbind; stop rpcbind", r.msg());
        assertEquals(Status.OK, run(p, false).status());
    }

    @Test
    void aUnitSystemdCouldNotLoadFailsWithItsLoadError() throws IOException {
        unit("app.service", "[Invalid]\n", false, false);
        Result r = run(Map.of("name", "app", "state", "started"), false);
        assertEquals(Status.FAILED, r.status());
        assertEquals("Error loading unit file 'app': org.freedesktop.systemd1.BadUnitSetting"
                + " \"Unit app.service has a bad unit file setting.\"", r.msg());
    }

    @Test
    void whereSystemdDoesNotRunTheUnitFilesSayWhetherTheServiceExists() throws IOException {
        systemd = connection(Map.of("SYSTEMCTL_OFFLINE", "1"));
        unit("rpcbind.service", "[Service]\n", false, true);
        Result known = run(Map.of("name", "rpcbind", "enabled", true), false);
        assertEquals(Status.OK, known.status(), known.msg());
        Result missing = run(Map.of("name", "rpcbnd", "enabled", false), false);
        assertEquals(Status.FAILED, missing.status());
        assertTrue(missing.msg().startsWith("Could not find the requested service rpcbnd"), missing.msg());
        assertTrue(calls().contains("list-unit-files -- rpcbnd"), calls().toString());
    }

    @Test
    void aCheckRunTakesAServiceAnEarlierTaskWouldInstallAsComing() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), SYSTEMD, systemd, true);
        Result install = run(new PackageModule(), Map.of("name", "gplay-no-such-package"), where);
        assertEquals(Status.CHANGED, install.status(), install.msg());
        Result start = run(new ServiceModule(), Map.of("name", "rpcbind", "state", "started", "enabled", true), where);
        assertEquals(Status.CHANGED, start.status(), start.msg());
        assertEquals("enable rpcbind; start rpcbind", start.msg());

        HostContext other = HostContext.of(new Host("local", List.of(), Map.of()), SYSTEMD, systemd, true);
        run(new CopyModule(), Map.of("dest", dir.resolve("etc/systemd/system/app.service").toString(), "content",
                "[Service]\n"), other);
        assertEquals(Status.FAILED, run(new ServiceModule(), Map.of("name", "app", "state", "started"), other).status(),
                "a unit file written elsewhere than systemd's folders is no unit");
        run(new CopyModule(), Map.of("dest", "/etc/init.d/gplay-test-app", "content", "#!/bin/sh\n"), other);
        Result sysv = run(new ServiceModule(), Map.of("name", "gplay-test-app", "state", "started"), other);
        assertEquals(Status.CHANGED, sysv.status(), sysv.msg());
    }

    static Result run(Module module, Map<String, Object> params, HostContext where) {
        return Harness.run(module, params, where);
    }

    @Test
    void onlyADaemonReloadAsksNothingOfTheUnit() {
        Result r = run(Map.of("name", "rpcbnd", "daemonReload", true), false);
        assertEquals(Status.OK, r.status(), r.msg());
    }

    @Test
    void daemonReloadRunsAndSaysChangedOnlyWhenTheUnitChangedSinceSystemdReadIt() throws IOException {
        unit("app.service", "[Service]\nExecStart=/bin/app\n", false, false);
        Map<String, Object> p = Map.of("name", "app", "daemonReload", true);
        assertEquals(Status.OK, run(p, false).status(), "systemd read the unit as it is");
        assertFalse(calls().contains("daemon-reload"));

        unit("app.service", "[Service]\nExecStart=/bin/app --new\n", false, false);
        Result check = run(p, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertFalse(calls().contains("daemon-reload"), "check mode reloads nothing");
        Result r = run(p, false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("reload systemd's unit files (app.service changed since systemd read it)", r.msg());
        assertTrue(calls().contains("daemon-reload"));
        assertEquals(Status.OK, run(p, false).status(), "after the reload, nothing to reload");
    }

    @Test
    void aCheckRunPredictsTheReloadAnEarlierTaskWouldMakeNeeded() throws IOException {
        unit("app.service", "[Service]\n", false, false);
        Path dropIn = Files.createDirectories(dir.resolve("app.service.d")).resolve("override.conf");
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), SYSTEMD, systemd, true);
        assertEquals(Status.OK, run(new ServiceModule(), Map.of("name", "app", "daemonReload", true), where).status());
        assertEquals(Status.CHANGED, run(new CopyModule(), Map.of("dest", dropIn.toString(), "content",
                "[Service]\nNice=5\n"), where).status());
        Result reload = run(new ServiceModule(), Map.of("name", "app", "daemonReload", true), where);
        assertEquals(Status.CHANGED, reload.status(), reload.msg());
        assertEquals("reload systemd's unit files (" + dropIn + " would change)", reload.msg());
    }
}
