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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cron module: user crontabs through the crontab stand-in of src/test/resources/stand-ins (this machine has
 * no cron; its header says what it plays), cron files for real in a temporary folder. The cron file Ansible
 * writes is recorded from ansible-core 2.14.18's cron module.
 */
class CronModuleTest {
    static final String SYSTEM = "SHELL=/bin/sh\n# m h dom mon dow user command\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n";
    /**
     * SYSTEM after three runs of {@code ansible localhost -m cron}: name='backup db' minute=30 hour=2 job='/usr/local/bin/backup
     * --all > /dev/null 2>&1'; name=MAILTO env=yes job=ops@example.com; name='weekly report' special_time=weekly
     * disabled=yes job=/usr/bin/report; each with cron_file=FILE user=root.
     */
    static final String ANSIBLE_WROTE = "MAILTO=\"ops@example.com\"\n" + SYSTEM
            + "#Ansible: backup db\n30 2 * * * root /usr/local/bin/backup --all > /dev/null 2>&1\n"
            + "#Ansible: weekly report\n#@weekly root /usr/bin/report\n";

    @TempDir
    Path dir;
    Path tables;
    Connection conn;

    @BeforeEach
    void standIn() throws IOException {
        tables = Files.createDirectories(dir.resolve("crontabs"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        try (InputStream in = CronModuleTest.class.getResourceAsStream("/stand-ins/crontab")) {
            Files.copy(in, bin.resolve("crontab"));
        }
        bin.resolve("crontab").toFile().setExecutable(true);
        conn = new PathFirstConnection(bin, Map.of("CRONTAB_ROOT", tables));
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new CronModule(), params, check, conn, Map.of());
    }

    String table(String user) throws IOException {
        return Files.exists(tables.resolve(user)) ? Files.readString(tables.resolve(user)) : "none";
    }

    void checkRealConverged(Map<String, Object> params, String file) throws IOException {
        String before = file == null ? table("root") : Files.exists(Path.of(file)) ? Files.readString(Path.of(file)) : "none";
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, file == null ? table("root") : Files.exists(Path.of(file)) ? Files.readString(Path.of(file)) : "none");
        Result real = run(params, false);
        assertEquals(check.descriptions(), real.descriptions(), real.msg());
        assertEquals(check.diffs(), real.diffs());
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
    }

    @Test
    void aJobInTheUsersCrontab() throws IOException {
        Map<String, Object> job = Map.of("name", "backup db", "minute", "30", "hour", "2", "job", "/usr/local/bin/backup");
        checkRealConverged(job, null);
        assertEquals("#Ansible: backup db\n30 2 * * * /usr/local/bin/backup\n", table("root"));
        checkRealConverged(Map.of("name", "backup db", "hour", "3", "job", "/usr/local/bin/backup"), null);
        assertEquals("#Ansible: backup db\n* 3 * * * /usr/local/bin/backup\n", table("root"));
        assertTrue(Files.readString(tables.resolve("calls")).lines().allMatch(l -> l.equals("-l") || l.equals("-")),
                "without user, the login's own table, as Ansible reads and writes it");
        Result registered = run(Map.of("name", "backup db", "hour", "3", "job", "/usr/local/bin/backup"), false);
        assertEquals(List.of("backup db"), registered.registered().get("jobs"));
        checkRealConverged(Map.of("name", "backup db", "state", "absent"), null);
        assertEquals("", table("root"));
    }

    @Test
    void aCronFileAnsibleWroteConvergesWithNoChange() throws IOException {
        Path file = dir.resolve("jobs");
        Files.writeString(file, SYSTEM);
        Map<String, Object> backup = Map.of("name", "backup db", "cronFile", file.toString(), "user", "root", "minute", "30",
                "hour", "2", "job", "/usr/local/bin/backup --all > /dev/null 2>&1");
        Map<String, Object> mailto = Map.of("name", "MAILTO", "cronFile", file.toString(), "user", "root", "env", true,
                "job", "ops@example.com");
        Map<String, Object> weekly = Map.of("name", "weekly report", "cronFile", file.toString(), "user", "root", "specialTime", "weekly",
                "disabled", true, "job", "/usr/bin/report");
        for (Map<String, Object> task : List.of(backup, mailto, weekly)) {
            checkRealConverged(task, file.toString());
        }
        assertEquals(ANSIBLE_WROTE, Files.readString(file), "the same bytes Ansible writes");
        Files.writeString(file, "#Ansible: only\n* * * * * root true\n");
        checkRealConverged(Map.of("name", "only", "cronFile", file.toString(), "state", "absent"), file.toString());
        assertFalse(Files.exists(file), "a cron file left with no job is removed, as Ansible does");
    }

    @Test
    void aCheckRunsLaterTasksSeeThePredictedTable() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), conn, true);
        Map<String, Object> job = Map.of("name", "sync", "job", "/usr/bin/sync");
        assertEquals(Status.CHANGED, Harness.run(new CronModule(), job, where).status());
        assertEquals(Status.OK, Harness.run(new CronModule(), job, where).status());
    }

    @Test
    void hostileValuesStayData() throws IOException {
        String job = "echo \"$(id)\" `id` '; rm -rf /tmp/x' \\ > /dev/null";
        checkRealConverged(new HashMap<>(Map.of("name", "x; $(id) `id` '\"", "job", job)), null);
        assertEquals("#Ansible: x; $(id) `id` '\"\n* * * * * " + job + "\n", table("root"));
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("name", "a", "user", "-r", "job", "true"),
                Map.<String, Object>of("name", "a", "job", "true\n* * * * * evil"),
                Map.<String, Object>of("name", "a", "job", "true", "specialTime", "daily", "hour", "3"))) {
            Result r = run(bad, false);
            assertEquals(Status.FAILED, r.status(), bad.toString());
        }
        assertTrue(Files.readString(tables.resolve("calls")).lines().noneMatch(l -> l.contains("-r")));
    }
}
