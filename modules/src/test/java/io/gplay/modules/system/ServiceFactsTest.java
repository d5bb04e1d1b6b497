package io.gplay.modules.system;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.Harness;
import io.gplay.modules.Namespaced;
import io.gplay.modules.Needs;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * serviceFacts against this machine's SysV scripts (service --status-all, for real); systemd's and chkconfig's
 * outputs through stand-ins, systemd's in a namespace where /run/systemd/system exists (this machine has no
 * systemd as its init, and the real /run is left alone).
 */
class ServiceFactsTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(Result r) {
        return (Map<String, Object>) ((Map<String, Object>) r.registered().get(Result.MODULE_FACTS)).get("services");
    }

    private void standIn(String name, String script) throws IOException {
        Path p = Files.createDirectories(dir.resolve("bin")).resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + script);
        p.toFile().setExecutable(true);
    }

    /** What service --status-all says of this machine's SysV scripts, as Ansible's service_facts reads it. */
    private static Map<String, Object> sysv(LocalConnection local) {
        Map<String, Object> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^ \\[ ([+-]) \\]\\s+(.+)$", Pattern.MULTILINE)
                .matcher(local.exec(Command.probe("LC_ALL=C service --status-all")).stdout());
        while (m.find()) {
            out.put(m.group(2), Map.of("name", m.group(2), "state", m.group(1).equals("+") ? "running" : "stopped", "source", "sysv"));
        }
        return out;
    }

    @Test
    void sysvServicesOfThisMachineRunningOrStoppedInCheckModeToo() {
        LocalConnection local = new LocalConnection();
        Needs.require(local.exec(Command.probe("command -v service")).ok(), "service (init-system-helpers) is not installed");
        for (boolean check : new boolean[]{false, true}) {
            Map<String, Object> before = sysv(local);
            Result r = Harness.run(new ServiceFactsModule(), Map.of(), check);
            Map<String, Object> after = sysv(local);
            Needs.require(!before.isEmpty(), "this machine has no SysV script");
            assertEquals(Status.OK, r.status(), r.msg());
            assertEquals(false, r.registered().get("changed"));
            // other tests on this machine may add or take out a script meanwhile: what stood before and after is there
            Map<String, Object> services = services(r);
            before.forEach((name, s) -> {
                if (s.equals(after.get(name))) {
                    assertEquals(s, services.get(name), name);
                }
            });
            services.forEach((name, s) -> assertTrue(s.equals(before.get(name)) || s.equals(after.get(name)), name + ": " + s));
        }
    }

    @Test
    void systemdsUnitsOverSysvsWithTheStatusOfTheirUnitFiles() throws IOException {
        standIn("service", "[ \"$1\" = --status-all ] && printf ' [ + ]  cron\\n [ ? ]  hwclock.sh\\n'\n");
        standIn("systemctl", "case \"$1\" in\n"
                + "list-units) printf '  UNIT LOAD ACTIVE SUB DESCRIPTION\\ncron.service loaded active running Regular daemon\\n"
                + "nginx.service loaded failed failed A web server\\nntp.service not-found inactive dead ntp.service\\n\\n3 loaded units listed.\\n' ;;\n"
                + "list-unit-files) printf 'UNIT FILE STATE VENDOR PRESET\\ncron.service enabled enabled\\ngetty@.service enabled enabled\\n"
                + "nginx.service enabled enabled\\nssh.service disabled enabled\\n\\n4 unit files listed.\\n' ;;\n"
                + "show) [ \"$2 $3 $4 $#\" = '--property=ActiveState -- ssh.service 4' ] || exit 3; echo ActiveState=inactive ;;\n"
                + "*) exit 2 ;;\nesac\n");
        boolean booted = Files.exists(Path.of("/run/systemd/system"));
        try (Namespaced ns = new Namespaced(dir.resolve("layers"), "/run")) {
            ns.sh("mkdir -p /run/systemd/system");
            String path = "export PATH=" + Cmd.quote(dir.resolve("bin")) + ":\"$PATH\"; ";
            Connection conn = new Connection() {
                @Override
                public ExecResult exec(Command c) {
                    return ns.exec(c.withLine(path + c.line()));
                }

                @Override
                public void close() {
                }
            };
            Result r = Harness.run(new ServiceFactsModule(), Map.of(), false, conn, Map.of());
            assertEquals(Status.OK, r.status(), r.msg());
            assertEquals(Map.of(
                    "cron", Map.of("name", "cron", "state", "running", "source", "sysv"),
                    "cron.service", Map.of("name", "cron.service", "state", "running", "status", "enabled", "source", "systemd"),
                    "nginx.service", Map.of("name", "nginx.service", "state", "stopped", "status", "failed", "source", "systemd"),
                    "ntp.service", Map.of("name", "ntp.service", "state", "stopped", "status", "not-found", "source", "systemd"),
                    "getty@.service", Map.of("name", "getty@.service", "state", "unknown", "status", "enabled", "source", "systemd"),
                    "ssh.service", Map.of("name", "ssh.service", "state", "inactive", "status", "disabled", "source", "systemd")),
                    services(r));
        }
        assertEquals(booted, Files.exists(Path.of("/run/systemd/system")), "the namespace's /run only");
    }

    @Test
    void chkconfigsServicesEnabledInRunlevelThreeStateFromTheirScript() throws IOException {
        String hostile = "$(touch " + dir.resolve("x") + ")";
        standIn("chkconfig", "[ \"$1\" = --list ] || exit 2\nprintf 'crond  0:off 1:off 2:on 3:on 4:on 5:on 6:off\\n"
                + hostile + "  0:off 1:off 2:off 3:off 4:off 5:off 6:off\\n'\n");
        standIn("service", "[ \"$1\" = crond ] && [ \"$2\" = status ]\n");
        Result r = Harness.run(new ServiceFactsModule(), Map.of(), false, new PathFirstConnection(dir.resolve("bin"), Map.of()), Map.of());
        assertEquals(Status.OK, r.status(), r.msg());
        assertEquals(Map.of("crond", Map.of("name", "crond", "state", "running", "status", "enabled", "source", "sysv"),
                hostile, Map.of("name", hostile, "state", "stopped", "status", "disabled", "source", "sysv")), services(r));
        assertTrue(!Files.exists(dir.resolve("x")), "a service's name stays data on the command line that asks its status");
    }

    @Test
    void noServiceFoundIsSkippedAsAnsiblesIs() throws IOException {
        standIn("service", "exit 0\n");
        standIn("systemctl", "exit 0\n");
        Result r = Harness.run(new ServiceFactsModule(), Map.of(), false, new PathFirstConnection(dir.resolve("bin"), Map.of()), Map.of());
        assertEquals(Status.SKIPPED, r.status());
        assertEquals(List.of("services"), new ServiceFactsModule().spec().factsSet(Map.of()));
    }
}
