package io.gplay.modules.system;

import io.gplay.engine.connection.Connection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The systemd module against the systemctl stand-in of src/test/resources/stand-ins (its header says what it
 * plays of systemd 252): this machine has no systemd as PID 1.
 */
class SystemdModuleTest {
    @TempDir
    Path dir;
    Path root;
    Connection systemd;

    @BeforeEach
    void standIn() throws IOException {
        root = Files.createDirectories(dir.resolve("systemd"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        try (InputStream in = SystemdModuleTest.class.getResourceAsStream("/stand-ins/systemctl")) {
            Files.copy(in, bin.resolve("systemctl"));
        }
        bin.resolve("systemctl").toFile().setExecutable(true);
        systemd = new PathFirstConnection(bin, Map.of("SYSTEMCTL_ROOT", root));
        Files.createDirectories(root.resolve("units"));
        Files.writeString(root.resolve("units/nginx.service"), "[Service]\nExecStart=/usr/sbin/nginx\n");
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new SystemdModule(), params, check, systemd, ServiceSystemdTest.SYSTEMD);
    }

    List<String> calls() throws IOException {
        return Files.readAllLines(root.resolve("calls"));
    }

    /** What the manager keeps of the units (not loaded/: systemd loads a unit when it is first asked about). */
    String state() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String d : List.of("active", "enabled", "masked")) {
            Path p = root.resolve(d);
            try (var files = Files.exists(p) ? Files.list(p) : java.util.stream.Stream.<Path>empty()) {
                b.append(d).append(files.map(f -> f.getFileName().toString()).sorted().toList());
            }
        }
        return b.toString();
    }

    void checkRealConverged(Map<String, Object> params, List<String> changes) throws IOException {
        String before = state();
        Result check = run(params, true);
        assertEquals(changes, check.descriptions(), check.msg());
        assertEquals(before, state(), "a check run changed nothing");
        Result real = run(params, false);
        assertEquals(check.descriptions(), real.descriptions(), real.msg());
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.msg());
    }

    @Test
    void masksAndUnmasksOnlyWhenItDiffers() throws IOException {
        checkRealConverged(Map.of("name", "nginx", "masked", true), List.of("mask nginx.service"));
        assertTrue(state().contains("masked[nginx.service]"), state());
        Result start = run(Map.of("name", "nginx", "state", "started"), false);
        assertEquals(Status.FAILED, start.status());
        assertTrue(start.msg().contains("Unit nginx.service is masked."), start.msg());
        checkRealConverged(Map.of("name", "nginx", "masked", false, "state", "started", "enabled", true),
                List.of("unmask nginx.service", "enable nginx", "start nginx"));
        assertEquals("active[nginx.service]enabled[nginx.service]masked[]", state());
    }

    @Test
    void aUnitWithNoUnitFileCanBeMasked() throws IOException {
        checkRealConverged(Map.of("name", "ctrl-alt-del.target", "masked", true), List.of("mask ctrl-alt-del.target"));
    }

    @Test
    void daemonReloadSaysOkWhenNothingChangedAndChangedWhenTheUnitDid() throws IOException {
        run(Map.of("name", "nginx", "state", "started"), false);
        Result nothing = run(Map.of("name", "nginx", "daemonReload", true), false);
        assertEquals(Status.OK, nothing.status(), nothing.msg());
        assertFalse(calls().contains("daemon-reload"), calls().toString());
        Files.writeString(root.resolve("units/nginx.service"), "[Service]\nExecStart=/usr/sbin/nginx -g 'daemon off;'\n");
        checkRealConverged(Map.of("name", "nginx", "daemonReload", true),
                List.of("reload systemd's unit files (nginx.service changed since systemd read it)"));
    }

    @Test
    void aCheckRunsLaterTasksSeeTheUnitMasked() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), ServiceSystemdTest.SYSTEMD, systemd, true);
        assertEquals(List.of("mask nginx.service"),
                Harness.run(new SystemdModule(), Map.of("name", "nginx", "masked", true), where).descriptions());
        Result again = Harness.run(new SystemdModule(), Map.of("name", "nginx", "masked", true), where);
        assertEquals(Status.OK, again.status(), "the second task sees the mask the first would make");
    }

    @Test
    void hostileNamesStayData() throws IOException {
        String name = "-x;$(touch pwned)`id`'\"";
        Result r = run(Map.of("name", name, "masked", true), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertTrue(calls().contains("mask -- " + name), calls().toString());
        assertFalse(Files.exists(Path.of("pwned")));
        Result noName = run(Map.of("state", "started"), false);
        assertEquals(Status.FAILED, noName.status());
    }
}
