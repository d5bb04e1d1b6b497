package io.gplay.modules.ovirt;

import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The module on this machine against lab/stand-ins/hosted-engine, a scripted stand-in for oVirt's tool (oVirt
 * itself cannot run here). The stand-in checks the answer file as a non-interactive deploy needs it and keeps
 * its state in a temporary directory.
 */
class HostedEngineModuleTest {
    private static final String PASSWORD = "s3cret-Adm1n";
    private static final Map<String, Object> FACTS = Map.of("osFamily", "RedHat");

    @TempDir
    Path dir;
    private Path state;
    private Path answers;
    private Connection conn;

    static Path standIns() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("lab/stand-ins");
            if (Files.isExecutable(s.resolve("hosted-engine"))) {
                return s;
            }
        }
        throw new IllegalStateException("lab/stand-ins/hosted-engine not found above " + Path.of("").toAbsolutePath());
    }

    /** The answer file as hosted-engine was given it (the module removes it afterwards), and its mode. */
    private Path seen;

    @BeforeEach
    void setUp() throws Exception {
        state = dir.resolve("standin-state");
        answers = dir.resolve("etc/ovirt-hosted-engine/gplay-answers.conf");
        seen = dir.resolve("seen-answers.conf");
        // before the stand-in: keeps a copy of the answer file it is given, with its mode
        Path wrap = Files.createDirectories(dir.resolve("wrap"));
        Files.writeString(wrap.resolve("hosted-engine"), "#!/bin/sh\nfor a; do case $a in --config-append=*)"
                + " cp \"${a#--config-append=}\" '" + seen + "'; stat -c %a \"${a#--config-append=}\" > '" + seen
                + ".mode';; esac; done\nexec '" + standIns().resolve("hosted-engine") + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrap.resolve("hosted-engine"), PosixFilePermissions.fromString("rwx------"));
        conn = new PathFirstConnection(wrap, Map.of("HOSTED_ENGINE_STANDIN_STATE", state));
    }

    private Map<String, Object> firstHost() {
        Map<String, Object> p = new HashMap<>();
        p.put("storageConnection", "10.0.0.200:/engine");
        p.put("fqdn", "engine.example.com");
        p.put("adminPassword", PASSWORD);
        p.put("nic", "eth1");
        p.put("vmCdrom", "/tmp/CentOS-6.5-x86_64-minimal.iso");
        p.put("gateway", "10.0.0.1");
        p.put("answerFile", answers.toString());
        p.put("extra", Map.of("OVEHOSTED_VM/vmMACAddr", "00:16:3e:11:22:33", "OVEHOSTED_VDSM/consoleType", "str:vnc"));
        return p;
    }

    private Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new HostedEngineModule(), params, check, conn, FACTS);
    }

    private static void assertPasswordNowhere(Result r) {
        StringBuilder all = new StringBuilder(String.valueOf(r.msg())).append(r.data()).append(r.changes());
        for (Diff d : r.diffs()) {
            all.append(d.before()).append(d.after()).append(d.unified());
        }
        assertFalse(all.toString().contains(PASSWORD), "the admin password leaked into the result: " + all);
    }

    private List<String> calls() throws Exception {
        Path log = state.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void deploysOnceWithTheAnswersAndThenChangesNothing() throws Exception {
        Result first = run(firstHost(), false);
        assertEquals(Status.CHANGED, first.status(), first.msg());
        assertTrue(first.msg().contains("deployed the hosted engine"), first.msg());
        assertEquals(List.of("hosted-engine --deploy --config-append=" + answers), calls());
        assertEquals("600\n", Files.readString(Path.of(seen + ".mode")));
        assertTrue(Files.readString(seen).contains("OVEHOSTED_ENGINE/adminPassword=str:" + PASSWORD + "\n"),
                "the file setup reads holds the real password");
        assertFalse(Files.exists(answers), "the answer file, which holds the password, is removed after the deploy");

        String seen = Files.readString(state.resolve("answers-1.conf"));
        for (String line : List.of("[environment:default]", "OVEHOSTED_CORE/deployProceed=bool:True",
                "OVEHOSTED_CORE/confirmSettings=bool:True", "OVEHOSTED_CORE/isAdditionalHost=bool:False",
                "OVEHOSTED_STORAGE/hostID=int:1", "OVEHOSTED_STORAGE/domainType=str:nfs3",
                "OVEHOSTED_STORAGE/storageDomainConnection=str:10.0.0.200:/engine",
                "OVEHOSTED_STORAGE/storageDomainName=str:hosted_storage",
                "OVEHOSTED_STORAGE/storageDatacenterName=str:hosted_datacenter",
                "OVEHOSTED_NETWORK/bridgeName=str:ovirtmgmt", "OVEHOSTED_NETWORK/bridgeIf=str:eth1",
                "OVEHOSTED_NETWORK/fqdn=str:engine.example.com", "OVEHOSTED_NETWORK/gateway=str:10.0.0.1",
                "OVEHOSTED_ENGINE/adminPassword=str:********", "OVEHOSTED_VM/vmMemSizeMB=int:4096",
                "OVEHOSTED_VM/vmVCpus=int:2", "OVEHOSTED_VM/vmBoot=str:cdrom",
                "OVEHOSTED_VM/vmCDRom=str:/tmp/CentOS-6.5-x86_64-minimal.iso",
                "OVEHOSTED_VM/vmMACAddr=str:00:16:3e:11:22:33", "OVEHOSTED_VDSM/consoleType=str:vnc")) {
            assertTrue(seen.lines().anyMatch(line::equals), "the stand-in saw " + line + " in:\n" + seen);
        }
        assertPasswordNowhere(first);
        assertTrue(first.diffs().get(0).unified().contains("+OVEHOSTED_ENGINE/adminPassword=str:********"));

        Result second = run(firstHost(), false);
        assertEquals(Status.OK, second.status(), second.msg());
        assertTrue(second.msg().contains("already deployed"), second.msg());
        assertEquals(1, calls().size(), "nothing was run the second time");
        assertPasswordNowhere(second);

        ExecResult maintenance = conn.exec(Command.change("hosted-engine --set-maintenance --mode=local"));
        assertTrue(maintenance.ok(), maintenance.reason());
        String status = conn.exec(Command.probe("hosted-engine --vm-status")).stdout();
        assertTrue(status.matches("(?s).*Local maintenance\\s*:\\s*True.*"), status);
        assertTrue(status.contains("Engine status"), status);
    }

    @Test
    void checkModeReportsTheMaskedDiffAndRunsNothing() throws Exception {
        Result check = run(firstHost(), true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertTrue(check.msg().contains("would run hosted-engine --deploy"), check.msg());
        String diff = check.diffs().get(0).unified();
        assertTrue(diff.contains("+OVEHOSTED_NETWORK/fqdn=str:engine.example.com"), diff);
        assertTrue(diff.contains("+OVEHOSTED_ENGINE/adminPassword=str:********"), diff);
        assertPasswordNowhere(check);
        assertFalse(Files.exists(answers), "check mode wrote no answer file");
        assertEquals(List.of(), calls(), "check mode deployed nothing");
        assertFalse(Files.exists(state.resolve("deployed")));
    }

    @Test
    void aValueTheToolRejectsFailsTheTaskWithItsMessage() throws Exception {
        Map<String, Object> p = firstHost();
        p.put("nic", "not a nic!");
        Result r = run(p, false);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("hosted-engine --deploy failed"), r.msg());
        assertTrue(r.msg().contains("OVEHOSTED_NETWORK/bridgeIf"), r.msg());
        assertPasswordNowhere(r);
        assertFalse(Files.exists(state.resolve("deployed")));
    }

    @Test
    void anAdditionalHostJoinsWithItsHostId() throws Exception {
        Map<String, Object> p = firstHost();
        p.remove("vmCdrom");
        p.put("additionalHost", true);
        p.put("hostId", 2);
        Result r = run(p, false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertTrue(r.msg().contains("host id 2"), r.msg());
        String seen = Files.readString(state.resolve("answers-1.conf"));
        assertTrue(seen.contains("OVEHOSTED_STORAGE/hostID=int:2\n"), seen);
        assertTrue(seen.contains("OVEHOSTED_CORE/isAdditionalHost=bool:True\n"), seen);
        assertFalse(seen.contains("OVEHOSTED_VM/vmBoot"), "setup boots an additional host's VM from disk itself");
        assertTrue(Files.readString(state.resolve("deployed")).contains("host_id=2"));
        assertEquals(Status.OK, run(p, false).status(), "vm-status lists host 2: nothing to do");

        p.put("hostId", 1);
        Result sameAsFirst = run(p, false);
        assertEquals(Status.FAILED, sameAsFirst.status());
        assertTrue(sameAsFirst.msg().contains("hostId above 1"), sameAsFirst.msg());
    }

    @Test
    void mistakesAreReportedBeforeAnythingRuns() throws Exception {
        Map<String, Object> p = firstHost();
        p.remove("vmCdrom");
        Result noIso = run(p, false);
        assertEquals(Status.FAILED, noIso.status());
        assertTrue(noIso.msg().contains("vmCdrom"), noIso.msg());

        p = firstHost();
        p.put("fqdn", "engine.example.com\nOVEHOSTED_CORE/deployProceed=bool:False");
        Result smuggled = run(p, false);
        assertEquals(Status.FAILED, smuggled.status());
        assertTrue(smuggled.msg().contains("one line"), smuggled.msg());

        p = firstHost();
        p.put("storageConnection", "/engine");
        assertTrue(run(p, false).msg().contains("HOST:/PATH"));
        assertFalse(Files.exists(answers));
        assertEquals(List.of(), calls());
    }

    @Test
    void withoutHostedEngineTheErrorSaysWhatToInstall() {
        assumeFalse(new LocalConnection().exec(Command.probe("command -v hosted-engine")).ok(),
                "hosted-engine is installed on this machine");
        Result r = Harness.run(new HostedEngineModule(), firstHost(), false, new LocalConnection(), FACTS);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("hosted-engine is not installed"), r.msg());
        assertTrue(r.msg().contains("ovirt-hosted-engine-setup"), r.msg());
        assertPasswordNowhere(r);
    }
}
