package io.gplay.modules.system;

import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.shell.Cmd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service module on SysV init: a real init script run through {@code service} (this machine has no systemd
 * as PID 1, so {@code service} runs the script itself), enabled with update-rc.d (Debian) or, where it is
 * installed, chkconfig (RHEL/CentOS 6; here the lab's stand-in of CentOS 6.5's chkconfig, lab/profiles/el6/boot).
 */
@EnabledIf("sysvMachine")
class ServiceSysvTest {
    private static final String NAME = "gplay-sysv-test";
    private static final Path SCRIPT = Path.of("/etc/init.d", NAME);
    private static final Path PIDFILE = Path.of("/run", NAME + ".pid");
    private static final Map<String, Object> SYSV = Map.of("serviceMgr", "sysvinit", "osFamily", "Debian", "pkgMgr", "apt");

    @TempDir
    Path dir;
    private final Connection local = new LocalConnection();

    static boolean sysvMachine() {
        return "root".equals(System.getProperty("user.name")) && !Files.isDirectory(Path.of("/run/systemd/system"))
                && Files.isExecutable(Path.of("/usr/sbin/service")) && Files.isExecutable(Path.of("/usr/sbin/update-rc.d"));
    }

    @BeforeEach
    void installScript() throws Exception {
        Files.writeString(SCRIPT, """
                #!/bin/sh
                ### BEGIN INIT INFO
                # Provides:          %1$s
                # Required-Start:    $remote_fs
                # Required-Stop:     $remote_fs
                # Default-Start:     2 3 4 5
                # Default-Stop:      0 1 6
                # Short-Description: a daemon for gplay's SysV tests
                ### END INIT INFO
                # chkconfig: 2345 90 10
                pidfile=%2$s
                running() { [ -f $pidfile ] && kill -0 "$(cat $pidfile)" 2>/dev/null; }
                case "$1" in
                    start) running || { setsid sleep 100000 </dev/null >/dev/null 2>&1 & echo $! > $pidfile; } ;;
                    stop) running && kill "$(cat $pidfile)"; rm -f $pidfile ;;
                    restart) $0 stop; $0 start ;;
                    status) running ;;
                    *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
                esac
                """.formatted(NAME, PIDFILE));
        SCRIPT.toFile().setExecutable(true);
    }

    @AfterEach
    void removeScript() {
        local.exec(Command.change(Cmd.of("sh", "-c", "\"$1\" stop; update-rc.d -f \"$2\" remove; rm -f /etc/rc?.d/[SK]??\"$2\" \"$1\"",
                "cleanup", SCRIPT, NAME)));
    }

    private boolean daemonRuns() {
        return local.exec(Command.probe(Cmd.of(SCRIPT.toString(), "status"))).ok();
    }

    @Test
    void startsEnablesAndStopsThroughServiceAndUpdateRcD() {
        Map<String, Object> p = Map.of("name", NAME, "state", "started", "enabled", true);
        Result check = Harness.run(new ServiceModule(), p, true, local, SYSV);
        assertEquals(Status.CHANGED, check.status());
        assertFalse(daemonRuns(), "check mode started nothing");

        Result real = Harness.run(new ServiceModule(), p, false, local, SYSV);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals("enable " + NAME + "; start " + NAME, real.msg());
        assertEquals(NAME, real.data().get("name"));
        assertEquals("started", real.data().get("state"));
        assertEquals(true, real.data().get("enabled"));
        assertTrue(daemonRuns());
        assertTrue(local.exec(Command.probe(Cmd.of("sh", "-c", "ls /etc/rc3.d/S*\"$1\"", "ls", NAME))).ok(),
                "a start link in runlevel 3");
        assertEquals(Status.OK, Harness.run(new ServiceModule(), p, false, local, SYSV).status(), "second run changes nothing");

        Result stop = Harness.run(new ServiceModule(), Map.of("name", NAME, "state", "stopped"), false, local, SYSV);
        assertEquals(Status.CHANGED, stop.status());
        assertEquals("stopped", stop.data().get("state"));
        assertFalse(stop.data().containsKey("enabled"), "enabled was not asked");
        assertFalse(daemonRuns());
    }

    @Test
    void aServiceWithNoInitScriptFailsRatherThanReportOk() {
        Result r = Harness.run(new ServiceModule(), Map.of("name", NAME + "-typo", "state", "stopped", "enabled", false),
                false, local, SYSV);
        assertEquals(Status.FAILED, r.status(), r.msg());
        assertEquals("Could not find the requested service " + NAME + "-typo: host local has no /etc/init.d/" + NAME
                + "-typo (is the name right, and its package installed?)", r.msg());
    }

    @Test
    void enablesThroughChkconfigWhereItIsInstalled() throws Exception {
        // the lab's el6 stand-in of CentOS 6.5's chkconfig (docs/stand-ins.md), in a folder that stands for /
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(labChkconfig(), bin.resolve("chkconfig"));
        bin.resolve("chkconfig").toFile().setExecutable(true);
        Path root = dir.resolve("root");
        Files.copy(SCRIPT, Files.createDirectories(root.resolve("etc/init.d")).resolve(NAME));
        Connection centos = new PathFirstConnection(bin, Map.of("EL6_ROOT", root));

        Map<String, Object> p = Map.of("name", NAME, "enabled", true);
        Result real = Harness.run(new ServiceModule(), p, false, centos, SYSV);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        ExecResult list = centos.exec(Command.probe(Cmd.of("chkconfig", "--list", NAME)));
        assertTrue(list.stdout().contains("3:on") && list.stdout().contains("0:off"), list.stdout());
        assertEquals(Status.OK, Harness.run(new ServiceModule(), p, false, centos, SYSV).status());

        Result off = Harness.run(new ServiceModule(), Map.of("name", NAME, "enabled", false), false, centos, SYSV);
        assertEquals(Status.CHANGED, off.status());
        assertTrue(centos.exec(Command.probe(Cmd.of("chkconfig", "--list", NAME))).stdout().contains("3:off"));
        assertTrue(Files.isSymbolicLink(root.resolve("etc/rc.d/rc3.d/K10" + NAME)), "chkconfig's K link from the header");
    }

    private static Path labChkconfig() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("lab/profiles/el6/boot/chkconfig");
            if (Files.isExecutable(c)) {
                return c;
            }
        }
        throw new IllegalStateException("lab/profiles/el6/boot/chkconfig not found above " + Path.of("").toAbsolutePath());
    }
}
