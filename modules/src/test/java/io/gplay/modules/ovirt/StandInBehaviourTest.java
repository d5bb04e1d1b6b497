package io.gplay.modules.ovirt;

import io.gplay.modules.Needs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * lab/stand-ins/hosted-engine against docs/stand-ins.md: every row of the table names the upstream file:line of
 * setup 1.1 (or otopi 1.2, ovirt-engine 3.4) it follows and has a check here, keyed by its id, that runs the
 * stand-in on this machine and asserts the row's behaviour; a row without either, or a check without a row,
 * fails. The stand-in plays its host in a folder (HOSTED_ENGINE_STANDIN_ROOT), takes HOST:/PATH as a local
 * folder (HOSTED_ENGINE_STANDIN_MOUNT=local) and serves the engine's health page on a free port; `sudo -u vdsm
 * -g kvm` runs as nobody:nogroup (setpriv), so the vdsm:kvm checks test real permissions, and `ping` answers
 * for every address but those a check lists as unreachable.
 */
class StandInBehaviourTest {
    private static final Pattern UPSTREAM = Pattern.compile("`(setup-1\\.1|otopi-1\\.2|engine-3\\.4) [\\w./-]+:\\d+(-\\d+)?`");
    private static final String EOF = "\u0000end of input";
    private static final String PASSWORD = "s3cret-Adm1n";
    private static final List<String> ANSWER_KEYS = List.of("OVEHOSTED_NETWORK/bridgeIf", "OVEHOSTED_NETWORK/fqdn",
            "OVEHOSTED_NETWORK/bridgeName", "OVEHOSTED_NETWORK/firewallManager", "OVEHOSTED_NETWORK/gateway",
            "OVEHOSTED_STORAGE/storageDomainConnection", "OVEHOSTED_STORAGE/storageDomainName",
            "OVEHOSTED_STORAGE/storageDatacenterName", "OVEHOSTED_STORAGE/connectionUUID", "OVEHOSTED_STORAGE/sdUUID",
            "OVEHOSTED_STORAGE/spUUID", "OVEHOSTED_STORAGE/imgUUID", "OVEHOSTED_STORAGE/storageType", "OVEHOSTED_STORAGE/volUUID",
            "OVEHOSTED_STORAGE/imgSizeGB", "OVEHOSTED_STORAGE/domainType", "OVEHOSTED_VM/vmUUID", "OVEHOSTED_VM/vmMemSizeMB",
            "OVEHOSTED_VM/vmVCpus", "OVEHOSTED_VM/vmMACAddr", "OVEHOSTED_VM/nicUUID", "OVEHOSTED_VM/vmBoot", "OVEHOSTED_VM/vmCDRom",
            "OVEHOSTED_VM/cdromUUID", "OVEHOSTED_VM/consoleUUID", "OVEHOSTED_VM/emulatedMachine", "OVEHOSTED_VM/ovfArchive",
            "OVEHOSTED_VDSM/consoleType", "OVEHOSTED_VDSM/pkiSubject", "OVEHOSTED_VDSM/spicePkiSubject", "OVEHOSTED_VDSM/caSubject",
            "OVEHOSTED_VDSM/cpu", "OVEHOSTED_NOTIF/smtpServer", "OVEHOSTED_NOTIF/smtpPort", "OVEHOSTED_NOTIF/sourceEmail",
            "OVEHOSTED_NOTIF/destEmail");

    @TempDir
    static Path shared;
    private static Path fakes;
    private static final List<Host> started = new ArrayList<>();
    private static Run firstRun;
    private static Host first;
    private static Run additionalRun;
    private static Host additional;
    private static Run diskRun;
    private static Host disk;
    private static int hosts;

    record Row(String id, String behaviour, String upstream, String check) {
    }

    interface Check {
        void run() throws Exception;
    }

    // ---- the table ------------------------------------------------------------------------------------------

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/stand-ins.md")) && Files.isExecutable(p.resolve("lab/stand-ins/hosted-engine"))) {
                return p;
            }
        }
        throw new IllegalStateException("docs/stand-ins.md not found above " + Path.of("").toAbsolutePath());
    }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(repo().resolve("docs/stand-ins.md"))) {
            if (line.startsWith("| id | behaviour | upstream | check |")) {
                in = true;
            } else if (in && line.startsWith("|---")) {
                continue;
            } else if (in && line.startsWith("|")) {
                String[] cells = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1);
                assertEquals(4, cells.length, "a row of four cells (no | inside one): " + line);
                rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()));
            } else if (in) {
                in = false;
            }
        }
        return rows;
    }

    private final Map<String, Check> checks = checks();

    @Test
    void everyRowNamesItsUpstreamSourceAndHasACheck() throws IOException {
        List<Row> rows = table();
        assertTrue(rows.size() > 40, "the table has its rows: " + rows.size());
        Set<String> ids = new LinkedHashSet<>();
        for (Row r : rows) {
            assertTrue(r.id().matches("[A-Z][A-Z0-9-]+"), "an id: " + r.id());
            assertTrue(ids.add(r.id()), "one row per id: " + r.id());
            assertTrue(UPSTREAM.matcher(r.upstream()).find(), r.id() + " names no upstream `setup-1.1|otopi-1.2|engine-3.4 FILE:LINE`: " + r.upstream());
            assertFalse(r.behaviour().isBlank(), r.id() + " says no behaviour");
            assertFalse(r.check().isBlank(), r.id() + " says not how it is checked");
            assertTrue(checks.containsKey(r.id()), r.id() + " has no check in StandInBehaviourTest");
        }
        Set<String> orphans = new TreeSet<>(checks.keySet());
        orphans.removeAll(ids);
        assertEquals(Set.of(), orphans, "checks without a row in docs/stand-ins.md");
    }

    @TestFactory
    Stream<DynamicTest> theStandInDoesWhatEachRowSays() throws IOException {
        return table().stream().filter(r -> checks.containsKey(r.id()))
                .map(r -> DynamicTest.dynamicTest(r.id() + ": " + r.behaviour(), () -> checks.get(r.id()).run()));
    }

    @AfterAll
    static void stopTheEngineHealthPages() {
        started.forEach(Host::stopHttp);
    }

    // ---- the checks, by row ---------------------------------------------------------------------------------

    private Map<String, Check> checks() {
        Map<String, Check> c = new LinkedHashMap<>();
        c.put("CMD-STATUS-UNDEPLOYED", () -> {
            Result r = host().cmd(null, "--vm-status");
            assertEquals(0, r.rc);
            assertEquals("You must run deploy first\n", r.out);
        });
        c.put("CMD-MAINT-UNDEPLOYED", () -> {
            Host h = host();
            Result r = h.cmd(null, "--set-maintenance", "--mode=local");
            assertEquals(0, r.rc);
            assertEquals("You must run deploy first\n", r.out);
            assertFalse(Files.exists(h.state.resolve("maintenance")));
        });
        c.put("CMD-MAINT-MODE", () -> {
            Host h = host();
            Result none = h.cmd(null, "--set-maintenance");
            assertEquals(1, none.rc);
            assertEquals("You must specify a maintenance mode with --mode\n", none.out);
            Result away = h.cmd(null, "--set-maintenance", "--mode=away");
            assertEquals(1, away.rc);
            assertEquals("Invalid value 'away' for --mode\n", away.out);
        });
        c.put("CMD-STATUS-DEPLOYED", () -> {
            first();
            Result r = first.cmd(null, "--vm-status");
            assertEquals(0, r.rc, r.err);
            assertTrue(r.out.contains("--== Host 1 status ==--") && r.out.contains("Host ID                            : 1")
                    && r.out.contains("Local maintenance                  : False"), r.out);
        });
        c.put("CMD-MAINT-DEPLOYED", () -> {
            first();
            try {
                Result global = first.cmd(null, "--set-maintenance", "--mode=global");
                assertEquals(0, global.rc);
                assertEquals("", global.out);
                String status = first.cmd(null, "--vm-status").out;
                assertTrue(status.startsWith("\n\n!! Cluster is in GLOBAL MAINTENANCE mode !!\n"), status);
                assertEquals(0, first.cmd(null, "--set-maintenance", "--mode=local").rc);
                status = first.cmd(null, "--vm-status").out;
                assertTrue(status.contains("Local maintenance                  : True") && !status.contains("GLOBAL"), status);
            } finally {
                assertEquals(0, first.cmd(null, "--set-maintenance", "--mode=none").rc);
            }
            assertTrue(first.cmd(null, "--vm-status").out.contains("Local maintenance                  : False"));
        });
        c.put("CMD-USAGE", () -> {
            Host h = host();
            Result none = h.cmd(null);
            assertEquals(1, none.rc);
            assertTrue(none.out.startsWith("Usage: "), none.out);
            Result unknown = h.cmd(null, "--frobnicate");
            assertEquals(1, unknown.rc);
            assertEquals("Invalid option '--frobnicate'\n", unknown.err);
            assertTrue(unknown.out.startsWith("Usage: "), unknown.out);
            assertEquals(0, h.cmd(null, "--help").rc);
        });
        c.put("SETUP-OPTIONS", () -> {
            Host h = host();
            Result bad = h.cmd(null, "--deploy", "--frobnicate");
            assertEquals(1, bad.rc);
            assertEquals("FATAL: Invalid option '--frobnicate'\n", bad.err);
            Result dropped = h.cmd("No\n", "--deploy", "--otopi-environment=DIALOG/dialect=str:machine");
            assertEquals(1, dropped.rc);
            assertFalse(dropped.out.contains("***"), dropped.out);
            assertTrue(dropped.out.contains("[ INFO  ] Stage: Initializing") && dropped.out.contains("[WARNING] Aborted"), dropped.out);
        });
        c.put("DIALECT-MACHINE", () -> {
            Run r = first();
            assertEquals("***L:INFO Stage: Initializing", r.lines.get(0));
            assertEquals("***TERMINATE", r.lines.get(r.lines.size() - 1));
            for (String line : r.lines) {
                assertTrue(line.matches("\\*\\*\\*Q:STRING [A-Za-z_/]+|\\*\\*\\*L:(INFO|WARNING|ERROR) .*|###( .*)?|\\*\\*\\*TERMINATE"),
                        "a line of otopi's machine dialog: '" + line + "'");
            }
            for (Question q : r.questions) {
                assertFalse(q.notes.isEmpty(), q.name + " has its note");
            }
            assertEquals(r.lines.stream().filter(l -> l.startsWith("***Q:STRING ")).count(), r.questions.size());
        });
        c.put("DIALECT-HUMAN", () -> {
            Result r = host().cmd("maybe\nNo\n", "--deploy");
            assertEquals(1, r.rc);
            assertFalse(r.out.contains("***"), r.out);
            assertTrue(r.out.contains("[ ERROR ] Invalid value\n"), r.out);
            assertEquals(2, count(r.out, "          Continuing will configure this host"), r.out);
            assertTrue(r.out.contains("[WARNING] Aborted"), r.out);
        });
        c.put("ANSWER-DEFAULT", () -> {
            Host h = host();
            Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "", EOF)
                    .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", ""));
            assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_STORAGE_DOMAIN_TYPE", "OVEHOSTED_STORAGE_DOMAIN_CONNECTION",
                    "OVEHOSTED_STORAGE_DOMAIN_TYPE"), r.asked());
            assertTrue(r.logs("ERROR").stream().anyMatch(l -> l.startsWith("Cannot access storage connection False: ")), r.out());
            assertTrue(h.dialogLog().contains("OVEHOSTED_STORAGE_DOMAIN_TYPE=nfs3"), h.dialogLog());
        });
        c.put("ANSWER-CASE", () -> {
            Run r = host().deploy(new Answers().put("DEPLOY_PROCEED", "YES").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", EOF));
            assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_STORAGE_DOMAIN_TYPE"), r.asked());
        });
        c.put("ANSWER-INVALID", () -> {
            Run r = host().deploy(new Answers().put("DEPLOY_PROCEED", "maybe"));
            assertEquals(1, r.rc);
            assertEquals(List.of("DEPLOY_PROCEED"), r.asked());
            assertEquals(List.of("Failed to execute stage 'Initializing': Invalid value provided to 'DEPLOY_PROCEED'"), r.logs("ERROR"));
        });
        c.put("ANSWER-EOF", () -> {
            Run r = host().deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", EOF));
            assertEquals(1, r.rc);
            assertEquals(List.of("Failed to execute stage 'Environment customization': End of file"), r.logs("ERROR"));
        });
        c.put("FAILURE-END", () -> {
            Host h = host();
            Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", EOF));
            assertEquals(1, r.rc);
            int error = r.lines.indexOf("***L:ERROR Failed to execute stage 'Environment customization': End of file");
            assertEquals(List.of("***L:INFO Stage: Clean up", "***L:INFO Generating answer file '" + h.answers() + "'",
                    "***L:INFO Stage: Pre-termination", "***L:INFO Stage: Termination", "***TERMINATE"),
                    r.lines.subList(error + 1, r.lines.size()));
            assertTrue(Files.readString(h.answers()).startsWith("[environment:default]\n"));
        });
        c.put("ABORT", () -> {
            Host h = host();
            Path file = h.file("given.conf", "[environment:default]\nOVEHOSTED_NETWORK/gateway=str:10.0.0.7\n");
            Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "No"), h.append(file));
            assertEquals(1, r.rc);
            assertEquals(List.of("DEPLOY_PROCEED"), r.asked());
            assertEquals(List.of("Aborted"), r.logs("WARNING"));
            assertEquals(List.of(), r.logs("ERROR"));
            assertTrue(Files.readString(h.answers()).contains("OVEHOSTED_NETWORK/gateway=str:10.0.0.7\n"));
        });
        c.put("SCREEN", () -> {
            Host h = host();
            h.env.put("SSH_CLIENT", "10.0.0.9 50000 22");
            h.env.put("TERM", "xterm");
            Run ssh = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("SCREEN_PROCEED", "No"));
            assertEquals(List.of("DEPLOY_PROCEED", "SCREEN_PROCEED"), ssh.asked());
            assertTrue(ssh.question("SCREEN_PROCEED").prompt().endsWith("(Yes, No)[No]: "));
            assertEquals(List.of("Aborted"), ssh.logs("WARNING"));
            assertEquals(1, ssh.rc);
            h.env.put("TERM", "screen");
            Run screen = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", EOF));
            assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_STORAGE_DOMAIN_TYPE"), screen.asked());
        });
        c.put("PROCEED-NOT-IN-FILE", () -> {
            Host h = host();
            Path file = h.file("proceed.conf", "[environment:default]\nOVEHOSTED_CORE/deployProceed=bool:True\n");
            Answers a = new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", EOF);
            assertEquals("DEPLOY_PROCEED", h.deploy(a, h.append(file)).asked().get(0));
            Run statement = h.deploy(a, "--config-append=" + file + " OVEHOSTED_CORE/deployProceed=bool:True DIALOG/dialect=str:machine");
            assertEquals(List.of("OVEHOSTED_STORAGE_DOMAIN_TYPE"), statement.asked());
        });
        c.put("FILES", () -> {
            Host h = host();
            Path a = h.file("a.conf", "[environment:default]\nOVEHOSTED_NETWORK/gateway=str:10.0.0.2\nOVEHOSTED_VM/vmBoot=str:pxe\n");
            Path b = h.file("b.conf", "[environment:default]\nOVEHOSTED_NETWORK/gateway=str:10.0.0.3\n");
            Path missing = h.dir.resolve("missing.conf");
            Answers stop = new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", EOF);
            Run both = h.deploy(stop, h.append(a, b, missing));
            assertTrue(both.notes().contains("Configuration files: ['" + a + "', '" + b + "']"), both.out());
            assertEquals(List.of("The following configuration files are missing: " + missing + "."), both.logs("WARNING"));
            assertEquals("str:10.0.0.3", h.answer("OVEHOSTED_NETWORK/gateway"), "b's value over a's");
            assertEquals("str:pxe", h.answer("OVEHOSTED_VM/vmBoot"), "a's keys are read too");
            h.deploy(stop, "--config-append=" + a + ":" + b + " OVEHOSTED_NETWORK/gateway=str:10.0.0.4 DIALOG/dialect=str:machine");
            assertEquals("str:10.0.0.4", h.answer("OVEHOSTED_NETWORK/gateway"), "the command line's statement over [environment:default]");
            Path init = h.file("init.conf", "[environment:init]\nOVEHOSTED_NETWORK/gateway=str:10.0.0.5\n");
            h.deploy(stop, "--config-append=" + init + " OVEHOSTED_NETWORK/gateway=str:10.0.0.4 DIALOG/dialect=str:machine");
            assertEquals("str:10.0.0.5", h.answer("OVEHOSTED_NETWORK/gateway"), "[environment:init] over the command line");
        });
        c.put("FILE-TYPES", () -> {
            Host h = host();
            Path none = h.file("none.conf", "[environment:default]\nOVEHOSTED_NETWORK/gateway=none:None\n");
            Run r = h.deploy(storageAnswers(h).put("OVEHOSTED_GATEWAY", EOF), h.append(none));
            assertTrue(r.asked().contains("OVEHOSTED_GATEWAY"), r.asked().toString());
            Path untyped = h.file("untyped.conf", "[environment:default]\nOVEHOSTED_NETWORK/gateway=10.0.0.1\n");
            Run bad = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes"), h.append(untyped));
            assertEquals(1, bad.rc);
            assertEquals(List.of("Failed to execute stage 'Initializing': Cannot parse configuration file key OVEHOSTED_NETWORK/gateway "
                    + "at section environment:default: Missing variable type"), bad.logs("ERROR"));
        });
        c.put("TITLES", () -> {
            List<String> titles = List.of("--== STORAGE CONFIGURATION ==--", "--== SYSTEM CONFIGURATION ==--",
                    "--== NETWORK CONFIGURATION ==--", "--== VM CONFIGURATION ==--", "--== HOSTED ENGINE CONFIGURATION ==--");
            List<String> notes = first().notes();
            assertEquals(titles, notes.stream().filter(n -> n.startsWith("--== ") && n.contains("CONFIGURATION ==--")
                    && !n.contains("PREVIEW")).toList());
            for (String t : titles) {
                int i = notes.indexOf(t);
                assertEquals("", notes.get(i - 1), "an empty line before " + t);
                assertEquals("", notes.get(i + 1), "an empty line after " + t);
            }
            assertFalse(additional().notes().contains("--== VM CONFIGURATION ==--"));
            assertTrue(additionalRun.notes().contains("--== HOSTED ENGINE CONFIGURATION ==--"));
        });
        c.put("ORDER-FIRST-CDROM", () -> assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_STORAGE_DOMAIN_TYPE",
                "OVEHOSTED_STORAGE_DOMAIN_CONNECTION", "OVEHOSTED_STORAGE_DOMAIN_NAME", "OVEHOSTED_STORAGE_DATACENTER_NAME",
                "ovehosted_bridge_if", "OHOSTED_NETWORK_FIREWALL_MANAGER", "OVEHOSTED_GATEWAY", "OVEHOSTED_VMENV_BOOT",
                "ovehosted_vmenv_cpu_type", "OVEHOSTED_VMENV_CDROM", "ovehosted_vmenv_cpu", "ovehosted_vmenv_mem:disk",
                "ovehosted_vmenv_mac", "ovehosted_vmenv_mem", "OVEHOSTED_VM_CONSOLE_TYPE", "APP_HOST_NAME", "ENGINE_ADMIN_PASSWORD",
                "ENGINE_ADMIN_PASSWORD", "OVEHOSTED_NETWORK_FQDN", "SETTINGS_PROCEED", "OVEHOSTED_INSTALLING_OS",
                "OVEHOSTED_ENGINE_UP"), first().keys()));
        c.put("ORDER-FIRST-DISK", () -> {
            Run r = disk();
            assertEquals(0, r.rc, r.out());
            assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_STORAGE_DOMAIN_TYPE", "OVEHOSTED_STORAGE_DOMAIN_CONNECTION",
                    "OVEHOSTED_STORAGE_DOMAIN_NAME", "OVEHOSTED_STORAGE_DATACENTER_NAME", "ovehosted_bridge_if", "OVEHOSTED_GATEWAY",
                    "OVEHOSTED_VMENV_BOOT", "OVEHOSTED_VMENV_OVF", "ovehosted_vmenv_cpu_type", "ovehosted_vmenv_mac",
                    "OVEHOSTED_VM_CONSOLE_TYPE", "APP_HOST_NAME", "ENGINE_ADMIN_PASSWORD", "ENGINE_ADMIN_PASSWORD",
                    "OVEHOSTED_NETWORK_FQDN", "SETTINGS_PROCEED", "OVEHOSTED_ENGINE_UP"), r.keys());
        });
        c.put("ORDER-ADDITIONAL", () -> {
            Run r = additional();
            assertEquals(0, r.rc, r.out());
            assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_ADDITIONAL_HOST", "OVEHOSTED_HOST_ID", "APP_HOST_NAME",
                    "ENGINE_ADMIN_PASSWORD", "ENGINE_ADMIN_PASSWORD", "SETTINGS_PROCEED", "OVEHOSTED_ENGINE_UP"), r.keys());
            assertTrue(r.question("OVEHOSTED_ADDITIONAL_HOST").prompt().endsWith("(Yes, No)[Yes]? "));
            assertTrue(r.logs("INFO").contains("Installing on additional host"));
        });
        c.put("ADDITIONAL-NO-CPU", () -> {
            first();
            Host h = host(first.storage);
            Path own = h.file("own.conf", "[environment:default]\nOVEHOSTED_NETWORK/bridgeIf=str:eth0\nOVEHOSTED_NETWORK/gateway=str:10.0.0.1\n");
            Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "nfs3")
                    .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", first.connection()).put("OVEHOSTED_ADDITIONAL_HOST", "Yes")
                    .put("OVEHOSTED_HOST_ID", "3"), h.append(own));
            assertEquals(1, r.rc);
            assertFalse(r.asked().contains("ovehosted_vmenv_cpu_type"), r.asked().toString());
            List<String> notes = r.notes();
            int types = notes.indexOf("The following CPU types are supported by this host:");
            assertEquals("\t - model_Nehalem: Intel Nehalem Family", notes.get(types + 1));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Invalid CPU type specified: None"), r.logs("ERROR"));
            assertFalse(Files.exists(first.storage.resolve("hosted-engine-standin/hosts/3")));
        });
        c.put("ADDITIONAL-NO-FILE", () -> {
            first();
            Host h = host(first.storage);
            Path generated = h.dir.resolve("generated.conf");
            Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "nfs3")
                    .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", first.connection()).put("OVEHOSTED_ADDITIONAL_HOST", "Yes")
                    .put("OVEHOSTED_HOST_ID", "3").put("OVEHOSTED_CORE_FETCH_ANSWER", "No"),
                    "--generate-answer=" + generated + " DIALOG/dialect=str:machine");
            assertEquals(1, r.rc);
            assertTrue(r.question("OVEHOSTED_CORE_FETCH_ANSWER").prompt().endsWith("(Yes, No)[Yes]: "));
            assertEquals(List.of("A configuration file must be supplied to deploy Hosted Engine on an additional host."), r.logs("WARNING"));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Cannot deploy Hosted Engine on additional hosts "
                    + "without access to the configuration used on the first host"), r.logs("ERROR"));
        });
        c.put("HOST-ID", () -> {
            first();
            Host h = host(first.storage);
            Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "nfs3")
                    .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", first.connection()).put("OVEHOSTED_ADDITIONAL_HOST", "Yes")
                    .put("OVEHOSTED_HOST_ID", "x", "1", "7").put("OVEHOSTED_RE_DEPLOY_HOST", "No")
                    .put("ovehosted_bridge_if", EOF));
            assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_STORAGE_DOMAIN_TYPE", "OVEHOSTED_STORAGE_DOMAIN_CONNECTION",
                    "OVEHOSTED_ADDITIONAL_HOST", "OVEHOSTED_HOST_ID", "OVEHOSTED_HOST_ID", "OVEHOSTED_RE_DEPLOY_HOST",
                    "OVEHOSTED_HOST_ID", "ovehosted_bridge_if"), r.asked());
            assertTrue(r.question("OVEHOSTED_HOST_ID").prompt().endsWith("[Must be integer, default: 2]: "));
            assertTrue(r.question("OVEHOSTED_RE_DEPLOY_HOST").prompt().endsWith("(Yes, No)[Yes]? "));
            assertEquals(List.of("Invalid value for Host ID: must be integer", "Cannot use the same ID used by first host",
                    "Invalid value for Host ID: already used", "Failed to execute stage 'Environment customization': End of file"),
                    r.logs("ERROR"));
        });
        c.put("STORAGE-TYPE", () -> {
            Run r = host().deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "glusterfs"));
            assertTrue(r.question("OVEHOSTED_STORAGE_DOMAIN_TYPE").prompt().endsWith("(nfs3, nfs4)[nfs3]: "));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Invalid value provided to "
                    + "'OVEHOSTED_STORAGE_DOMAIN_TYPE'"), r.logs("ERROR"));
        });
        c.put("STORAGE-MOUNT", () -> {
            Host h = host();
            String nowhere = "storage.example.com:" + h.dir.resolve("no-such-export");
            String error = "mount.nfs: access denied by server while mounting " + nowhere;
            Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "nfs3", EOF)
                    .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", nowhere));
            assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_STORAGE_DOMAIN_TYPE", "OVEHOSTED_STORAGE_DOMAIN_CONNECTION",
                    "OVEHOSTED_STORAGE_DOMAIN_TYPE"), r.asked());
            assertEquals(List.of("Error while mounting specified storage path: " + error, "Cannot access storage connection "
                    + nowhere + ": " + error, "Failed to execute stage 'Environment customization': End of file"), r.logs("ERROR"));
            Path file = h.file("storage.conf", "[environment:default]\nOVEHOSTED_STORAGE/domainType=str:nfs3\n"
                    + "OVEHOSTED_STORAGE/storageDomainConnection=str:" + nowhere + "\n");
            Run given = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes"), h.append(file));
            assertEquals(1, given.rc);
            assertEquals(List.of("Error while mounting specified storage path: " + error,
                    "Failed to execute stage 'Environment customization': " + error), given.logs("ERROR"));
        });
        c.put("STORAGE-RIGHTS", () -> {
            Host h = host();
            Path rootOnly = Files.createDirectories(h.dir.resolve("root-only"));
            Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
            Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "nfs3")
                    .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", "storage.example.com:" + rootOnly, h.connection())
                    .put("OVEHOSTED_STORAGE_DOMAIN_NAME", EOF));
            assertEquals(List.of("Cannot access storage connection storage.example.com:" + rootOnly + ": permission settings on the "
                    + "specified storage do not allow access to the storage to vdsm user and kvm group. Verify permission settings "
                    + "on the specified storage or specify another location", "Failed to execute stage 'Environment customization': "
                    + "End of file"), r.logs("ERROR"));
            assertEquals(List.of("DEPLOY_PROCEED", "OVEHOSTED_STORAGE_DOMAIN_TYPE", "OVEHOSTED_STORAGE_DOMAIN_CONNECTION",
                    "OVEHOSTED_STORAGE_DOMAIN_TYPE", "OVEHOSTED_STORAGE_DOMAIN_CONNECTION", "OVEHOSTED_STORAGE_DOMAIN_NAME"), r.asked());
        });
        c.put("STORAGE-SPACE", () -> {
            Host h = host();
            Path small = Files.createDirectories(h.dir.resolve("small"));
            Result mounted = run(null, Map.of(), "mount", "-t", "tmpfs", "-o", "size=16m,mode=0777", "standin-small", small.toString());
            Needs.require(mounted.rc == 0, "a 16 MB tmpfs cannot be mounted here (" + mounted.err.strip() + ")");
            try {
                Run r = h.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "nfs3", EOF)
                        .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", "storage.example.com:" + small));
                assertEquals(List.of("Storage domain for self hosted engine is too small: you should have at least 20.00 GB free",
                        "Failed to execute stage 'Environment customization': End of file"), r.logs("ERROR"));
            } finally {
                run(null, Map.of(), "umount", small.toString());
            }
        });
        c.put("STORAGE-CONNECTED", () -> {
            first();
            String spUuid = first.conf("hosted-engine.conf").get("spUUID");
            Run r = first.deploy(new Answers().put("DEPLOY_PROCEED", "Yes"), "--config-append=" + first.dir.resolve("gplay.conf")
                    + " DIALOG/dialect=str:machine", "--generate-answer=" + first.dir.resolve("again.conf"));
            assertEquals(1, r.rc);
            assertEquals(List.of("DEPLOY_PROCEED"), r.asked());
            assertEquals(List.of("The following storage pool has been found connected: " + spUuid,
                    "Failed to execute stage 'Environment customization': Cannot setup Hosted Engine with connected storage pools"),
                    r.logs("ERROR"));
        });
        c.put("STORAGE-NAMES", () -> {
            Host h = host();
            Run r = h.deploy(storageAnswers(h).put("OVEHOSTED_STORAGE_DOMAIN_NAME", "bad name!", "")
                    .put("OVEHOSTED_STORAGE_DATACENTER_NAME", "").put("ovehosted_bridge_if", EOF));
            assertTrue(r.question("OVEHOSTED_STORAGE_DOMAIN_NAME").prompt().endsWith("[hosted_storage]: "));
            assertTrue(r.question("OVEHOSTED_STORAGE_DATACENTER_NAME").prompt().endsWith("[hosted_datacenter]: "));
            assertEquals(2, r.asked().stream().filter("OVEHOSTED_STORAGE_DOMAIN_NAME"::equals).count());
            assertTrue(r.notes().contains("Storage domain name cannot be empty. It can only consist of alphanumeric characters "
                    + "(that is, letters, numbers, and signs \"-\" and \"_\"). All other characters are not valid in the name."));
            assertEquals("str:hosted_storage", h.answer("OVEHOSTED_STORAGE/storageDomainName"));
            assertEquals("str:hosted_datacenter", h.answer("OVEHOSTED_STORAGE/storageDatacenterName"));
            Host g = host();
            Path file = g.file("name.conf", "[environment:default]\nOVEHOSTED_STORAGE/storageDomainName=str:bad name!\n");
            Run given = g.deploy(storageAnswers(g).put("OVEHOSTED_STORAGE_DOMAIN_NAME", "still bad!"), g.append(file));
            assertEquals(1, given.asked().stream().filter("OVEHOSTED_STORAGE_DOMAIN_NAME"::equals).count());
            assertEquals(List.of("Failed to execute stage 'Environment customization': Storage domain name cannot be empty. It can "
                    + "only consist of alphanumeric characters (that is, letters, numbers, and signs \"-\" and \"_\"). All other "
                    + "characters are not valid in the name."), given.logs("ERROR"));
        });
        c.put("BRIDGE-NICS", () -> {
            Host h = host();
            h.bridge("br0", "eth1");
            h.bond("bond0", "eth2");
            h.bond("bond1", "");
            for (String n : List.of("em1", "eth1", "eth2")) {
                h.nic(n, "0x1003");
            }
            Run r = h.deploy(storageAnswers(h).put("ovehosted_bridge_if", "eth1"));
            assertTrue(r.question("ovehosted_bridge_if").prompt()
                    .endsWith("Please indicate a nic to set ovirtmgmt bridge on: (bond0, em1, eth0) [em1]: "), r.question("ovehosted_bridge_if").prompt());
            assertEquals(List.of("Failed to execute stage 'Environment customization': Invalid value provided to 'ovehosted_bridge_if'"),
                    r.logs("ERROR"));
        });
        c.put("BRIDGE-NONE", () -> {
            Host enslaved = host();
            enslaved.bridge("br0", "eth0");
            Run r = enslaved.deploy(storageAnswers(enslaved));
            assertEquals(List.of("Failed to execute stage 'Environment customization': The following existing interfaces are not "
                    + "suitable for vdsm: eth0. You might want to pull out an interface out of a bridge to be able to use it"), r.logs("ERROR"));
            Host loopback = host();
            loopback.removeNic("eth0");
            Path file = loopback.file("nic.conf", "[environment:default]\nOVEHOSTED_NETWORK/bridgeIf=str:eth0\n");
            Run none = loopback.deploy(storageAnswers(loopback), loopback.append(file));
            assertEquals(List.of("Failed to execute stage 'Environment customization': A Network interface is required"), none.logs("ERROR"));
        });
        c.put("BRIDGE-EXISTS", () -> {
            Host h = host();
            h.bridge("ovirtmgmt", "eth0");
            Run r = h.deploy(storageAnswers(h).put("OVEHOSTED_GATEWAY", EOF));
            assertTrue(r.logs("INFO").contains("Bridge ovirtmgmt already created"));
            assertFalse(r.asked().contains("ovehosted_bridge_if"), r.asked().toString());
            assertTrue(r.asked().contains("OVEHOSTED_GATEWAY"));
        });
        c.put("FIREWALL", () -> {
            Host h = host();
            h.iptablesService();
            Run r = h.deploy(storageAnswers(h).put("OHOSTED_NETWORK_FIREWALL_MANAGER", "Yes").put("OVEHOSTED_GATEWAY", EOF));
            assertTrue(r.question("OHOSTED_NETWORK_FIREWALL_MANAGER").prompt()
                    .endsWith("iptables was detected on your computer, do you wish setup to configure it? (Yes, No)[Yes]: "));
            assertEquals("str:iptables", h.answer("OVEHOSTED_NETWORK/firewallManager"));
            Host without = host();
            Run not = without.deploy(storageAnswers(without).put("OVEHOSTED_GATEWAY", EOF));
            assertFalse(not.asked().contains("OHOSTED_NETWORK_FIREWALL_MANAGER"));
            assertEquals("none:None", without.answer("OVEHOSTED_NETWORK/firewallManager"));
        });
        c.put("GATEWAY", () -> {
            Host h = host();
            h.unreachable("10.9.9.9");
            Run r = h.deploy(storageAnswers(h).put("OVEHOSTED_GATEWAY", "10.9.9.9", "10.0.0.1").put("OVEHOSTED_VMENV_BOOT", EOF));
            assertTrue(r.question("OVEHOSTED_GATEWAY").prompt().endsWith("Please indicate a pingable gateway IP address [10.0.0.1]: "));
            assertEquals(List.of("Specified gateway is not pingable", "Failed to execute stage 'Environment customization': End of file"),
                    r.logs("ERROR"));
            assertEquals(2, r.asked().stream().filter("OVEHOSTED_GATEWAY"::equals).count());
            Path file = h.file("gw.conf", "[environment:default]\nOVEHOSTED_NETWORK/gateway=str:10.9.9.9\n");
            Run given = h.deploy(storageAnswers(h), h.append(file));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Specified gateway is not pingable"),
                    given.logs("ERROR"));
        });
        c.put("BOOT", () -> {
            Host h = host();
            Run r = h.deploy(networkAnswers(h).put("OVEHOSTED_VMENV_BOOT", EOF));
            assertTrue(r.question("OVEHOSTED_VMENV_BOOT").prompt()
                    .endsWith("Please specify the device to boot the VM from (cdrom, disk, pxe) [cdrom]: "));
            Path file = h.file("boot.conf", "[environment:default]\nOVEHOSTED_VM/vmBoot=str:floppy\n");
            Run given = h.deploy(networkAnswers(h), h.append(file));
            assertEquals(List.of("Failed to execute stage 'Environment customization': The provided boot type is not supported. "
                    + "Please try again"), given.logs("ERROR"));
        });
        c.put("OVF", () -> {
            Host h = host();
            Path noOvf = h.archive("no-ovf.ova", "images/disk.img", "not an OVF");
            Path good = h.ovf("good.ova", 1, 1, 1, 2048);
            Run r = h.deploy(networkAnswers(h).put("OVEHOSTED_VMENV_BOOT", "disk")
                    .put("OVEHOSTED_VMENV_OVF", "/no/such/engine.ova", noOvf.toString(), good.toString())
                    .put("ovehosted_vmenv_cpu_type", EOF));
            assertTrue(r.question("OVEHOSTED_VMENV_OVF").prompt().endsWith("Please specify path to OVF archive you would like to use [None]: "));
            assertEquals(List.of("The specified file does not exists", "The specified OVF archive is not a valid OVF archive.",
                    "The OVF archive does not have a required OVF XML file.", "The specified OVF archive is not a valid OVF archive.",
                    "Failed to execute stage 'Environment customization': End of file"), r.logs("ERROR"));
            assertEquals(3, r.asked().stream().filter("OVEHOSTED_VMENV_OVF"::equals).count());
            Path plain = h.file("plain.ova", "not an archive\n");
            Run notGzip = h.deploy(networkAnswers(h).put("OVEHOSTED_VMENV_BOOT", "disk").put("OVEHOSTED_VMENV_OVF", plain.toString()));
            assertEquals(List.of("Failed to execute stage 'Environment customization': not a gzip file"), notGzip.logs("ERROR"));
            Path file = h.file("ovf.conf", "[environment:default]\nOVEHOSTED_VM/vmBoot=str:disk\nOVEHOSTED_VM/ovfArchive=str:/no/such/engine.ova\n");
            Run given = h.deploy(networkAnswers(h), h.append(file));
            assertEquals(List.of("The specified file does not exists", "Failed to execute stage 'Environment customization': The "
                    + "specified OVF archive is not readable. Please ensure that /no/such/engine.ova could be read"), given.logs("ERROR"));
        });
        c.put("OVF-VALUES", () -> {
            disk();
            assertEquals("int:3", disk.answer("OVEHOSTED_STORAGE/imgSizeGB"));
            assertEquals("int:4", disk.answer("OVEHOSTED_VM/vmVCpus"));
            assertEquals("int:6144", disk.answer("OVEHOSTED_VM/vmMemSizeMB"));
        });
        c.put("TEMPDIR", () -> {
            Host h = host();
            Path huge = h.ovf("huge.ova", 999999, 1, 2, 4096);
            Path elsewhere = Files.createDirectories(h.dir.resolve("elsewhere"));
            Run r = h.deploy(networkAnswers(h).put("OVEHOSTED_VMENV_BOOT", "disk").put("OVEHOSTED_VMENV_OVF", huge.toString())
                    .put("OVEHOSTED_COREENV_TEMPDIR", elsewhere.toString(), EOF));
            List<Question> asked = r.questions.stream().filter(q -> q.name.equals("OVEHOSTED_COREENV_TEMPDIR")).toList();
            assertEquals(2, asked.size(), r.asked().toString());
            assertEquals("Please specify path to a temporary directory with at least 999999 GB [" + h.tmp + "]: ", asked.get(0).prompt());
            assertEquals("Please specify path to a temporary directory with at least 999999 GB [" + elsewhere + "]: ", asked.get(1).prompt());
            assertEquals(List.of("Not enough space in the temporary directory", "Not enough space in the temporary directory",
                    "Failed to execute stage 'Environment customization': End of file"), r.logs("ERROR"));
            Run room = h.deploy(networkAnswers(h).put("OVEHOSTED_VMENV_BOOT", "disk").put("OVEHOSTED_VMENV_OVF", h.ovf("small.ova", 1, 1, 2, 4096)
                    .toString()).put("ovehosted_vmenv_cpu_type", EOF));
            assertFalse(room.asked().contains("OVEHOSTED_COREENV_TEMPDIR"), room.asked().toString());
            Path file = h.file("huge.conf", "[environment:default]\nOVEHOSTED_VM/vmBoot=str:disk\nOVEHOSTED_VM/ovfArchive=str:" + huge + "\n");
            Run given = h.deploy(networkAnswers(h), h.append(file));
            assertFalse(given.asked().contains("OVEHOSTED_COREENV_TEMPDIR"));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Not enough space in the temporary directory"),
                    given.logs("ERROR"));
        });
        c.put("CPU-TYPE", () -> {
            Host h = host();
            Run r = h.deploy(networkAnswers(h).put("OVEHOSTED_VMENV_BOOT", "cdrom").put("ovehosted_vmenv_cpu_type", "model_Westmere"));
            List<String> notes = r.notes();
            int types = notes.indexOf("The following CPU types are supported by this host:");
            assertEquals(List.of("\t - model_Nehalem: Intel Nehalem Family", "\t - model_Penryn: Intel Penryn Family",
                    "\t - model_Conroe: Intel Conroe Family"), notes.subList(types + 1, types + 4));
            assertTrue(r.question("ovehosted_vmenv_cpu_type").prompt().endsWith("Please specify the CPU type to be used by the VM [model_Nehalem]: "));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Invalid value provided to 'ovehosted_vmenv_cpu_type'"),
                    r.logs("ERROR"));
            Path file = h.file("cpu.conf", "[environment:default]\nOVEHOSTED_VDSM/cpu=str:model_Westmere\n");
            Run given = h.deploy(networkAnswers(h).put("OVEHOSTED_VMENV_BOOT", "cdrom"), h.append(file));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Invalid CPU type specified: model_Westmere"),
                    given.logs("ERROR"));
        });
        c.put("CDROM", () -> {
            Host h = host();
            Path secret = h.file("secret.iso", "an image only root reads\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Run r = h.deploy(vmAnswers(h).put("OVEHOSTED_VMENV_CDROM", secret.toString(), h.iso.toString()).put("ovehosted_vmenv_cpu", EOF));
            assertTrue(r.question("OVEHOSTED_VMENV_CDROM").prompt().endsWith("Please specify path to installation media you would like to use [None]: "));
            assertEquals(List.of("The specified installation media is not readable. Please ensure that " + secret + " could be read by "
                    + "vdsm user or kvm group or specify another installation media.", "Failed to execute stage 'Environment "
                    + "customization': End of file"), r.logs("ERROR"));
            assertEquals(2, r.asked().stream().filter("OVEHOSTED_VMENV_CDROM"::equals).count());
            Path file = h.file("iso.conf", "[environment:default]\nOVEHOSTED_VM/vmCDRom=str:" + h.iso + "\n");
            Run given = h.deploy(vmAnswers(h).put("OVEHOSTED_VMENV_CDROM", "").put("ovehosted_vmenv_cpu", EOF), h.append(file));
            assertTrue(given.question("OVEHOSTED_VMENV_CDROM").prompt().endsWith("[" + h.iso + "]: "), "asked though the file sets it");
            Path givenSecret = h.file("secret.conf", "[environment:default]\nOVEHOSTED_VM/vmCDRom=str:" + secret + "\n");
            Run unreadable = h.deploy(vmAnswers(h).put("OVEHOSTED_VMENV_CDROM", ""), h.append(givenSecret));
            assertEquals(List.of("Failed to execute stage 'Environment customization': The specified installation media is not readable. "
                    + "Please ensure that " + secret + " could be read by vdsm user or kvm group"), unreadable.logs("ERROR"));
            Run missing = h.deploy(vmAnswers(h).put("OVEHOSTED_VMENV_CDROM", "/no/such/image.iso"));
            assertEquals(List.of("Failed to execute stage 'Environment customization': [Errno 2] No such file or directory: "
                    + "'/no/such/image.iso'"), missing.logs("ERROR"));
        });
        c.put("MINIMUMS", () -> {
            Host h = host();
            Run r = h.deploy(cdromAnswers(h).put("ovehosted_vmenv_cpu", "1").put("CPU_PROCEED", "No", "Yes")
                    .put("ovehosted_vmenv_mem:disk", "10").put("DISK_PROCEED", "Yes").put("ovehosted_vmenv_mac", "")
                    .put("ovehosted_vmenv_mem", "2048").put("MEMORY_PROCEED", "Yes").put("OVEHOSTED_VM_CONSOLE_TYPE", EOF));
            assertEquals(List.of("ovehosted_vmenv_cpu", "CPU_PROCEED", "ovehosted_vmenv_cpu", "CPU_PROCEED", "ovehosted_vmenv_mem:disk",
                    "DISK_PROCEED", "ovehosted_vmenv_mac", "ovehosted_vmenv_mem", "MEMORY_PROCEED", "OVEHOSTED_VM_CONSOLE_TYPE"),
                    r.keys().subList(r.keys().indexOf("ovehosted_vmenv_cpu"), r.keys().size()));
            assertTrue(r.question("CPU_PROCEED").prompt().endsWith("Continue with specified CPUs? (Yes, No)[No]: "));
            assertEquals(List.of("Minimum requirements for CPUs not met", "Minimum requirements for CPUs not met",
                    "Minimum requirements for disk size not met", "Minimum requirements for memory size not met"), r.logs("WARNING"));
            Path file = h.file("small.conf", "[environment:default]\nOVEHOSTED_VM/vmVCpus=str:1\nOVEHOSTED_CORE/checkRequirements=bool:False\n");
            Run given = h.deploy(cdromAnswers(h).put("ovehosted_vmenv_mem:disk", "10").put("ovehosted_vmenv_mac", EOF), h.append(file));
            assertFalse(given.asked().contains("CPU_PROCEED") || given.asked().contains("DISK_PROCEED"), given.asked().toString());
            assertEquals(List.of("Minimum requirements for CPUs not met", "Minimum requirements for disk size not met"), given.logs("WARNING"));
        });
        c.put("NUMBERS", () -> {
            Host h = host();
            Run r = h.deploy(cdromAnswers(h).put("ovehosted_vmenv_cpu", "two", "2").put("ovehosted_vmenv_mem:disk", EOF));
            assertEquals(List.of("Invalid number of cpu specified: two", "Failed to execute stage 'Environment customization': End of file"),
                    r.logs("ERROR"));
            assertEquals(2, r.asked().stream().filter("ovehosted_vmenv_cpu"::equals).count());
            Path file = h.file("mem.conf", "[environment:default]\nOVEHOSTED_VM/vmMemSizeMB=str:lots\n");
            Run given = h.deploy(cdromAnswers(h).put("ovehosted_vmenv_cpu", "2").put("ovehosted_vmenv_mem:disk", "25")
                    .put("ovehosted_vmenv_mac", ""), h.append(file));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Invalid memory size specified: lots"), given.logs("ERROR"));
        });
        c.put("MAC", () -> {
            Host h = host();
            Run r = h.deploy(cdromAnswers(h).put("ovehosted_vmenv_cpu", "2").put("ovehosted_vmenv_mem:disk", "25")
                    .put("ovehosted_vmenv_mac", "00:16:3e:zz:00:01", "").put("ovehosted_vmenv_mem", EOF));
            Matcher m = Pattern.compile("\\[(00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2})\\]: $").matcher(r.question("ovehosted_vmenv_mac").prompt());
            assertTrue(m.find(), r.question("ovehosted_vmenv_mac").prompt());
            assertEquals(List.of("Invalid mac address specified: 00:16:3e:zz:00:01", "Failed to execute stage 'Environment customization': "
                    + "End of file"), r.logs("ERROR"));
            assertEquals("str:" + m.group(1), h.answer("OVEHOSTED_VM/vmMACAddr"));
            Path file = h.file("mac.conf", "[environment:default]\nOVEHOSTED_VM/vmMACAddr=str:nope\n");
            Run given = h.deploy(cdromAnswers(h).put("ovehosted_vmenv_cpu", "2").put("ovehosted_vmenv_mem:disk", "25"), h.append(file));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Invalid mac address specified: nope"), given.logs("ERROR"));
        });
        c.put("CONSOLE", () -> {
            Host h = host();
            Run r = h.deploy(engineAnswers(h).put("OVEHOSTED_VM_CONSOLE_TYPE", "SPICE").put("APP_HOST_NAME", EOF));
            assertTrue(r.question("OVEHOSTED_VM_CONSOLE_TYPE").prompt().endsWith("(vnc, spice) [vnc]: "));
            assertEquals("str:qxl", h.answer("OVEHOSTED_VDSM/consoleType"));
            Path file = h.file("console.conf", "[environment:default]\nOVEHOSTED_VDSM/consoleType=str:spice\n");
            Run given = h.deploy(engineAnswers(h), h.append(file));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Unsuppored console type provided."), given.logs("ERROR"));
        });
        c.put("APP-HOST", () -> {
            assertTrue(first().question("APP_HOST_NAME").prompt().endsWith("Administrator Portal [hosted_engine_1]: "));
            assertTrue(additional().question("APP_HOST_NAME").prompt().endsWith("Administrator Portal [hosted_engine_2]: "));
        });
        c.put("PASSWORD", () -> {
            Host h = host();
            Run r = h.deploy(engineAnswers(h).put("ENGINE_ADMIN_PASSWORD", "a", "b", PASSWORD).put("OVEHOSTED_NETWORK_FQDN", EOF));
            assertEquals(List.of("APP_HOST_NAME", "ENGINE_ADMIN_PASSWORD", "ENGINE_ADMIN_PASSWORD", "ENGINE_ADMIN_PASSWORD",
                    "ENGINE_ADMIN_PASSWORD", "OVEHOSTED_NETWORK_FQDN"), r.keys().subList(r.keys().indexOf("APP_HOST_NAME"), r.keys().size()));
            assertEquals(List.of("Passwords do not match", "Failed to execute stage 'Environment customization': End of file"), r.logs("ERROR"));
            assertTrue(r.questions.get(r.keys().indexOf("ENGINE_ADMIN_PASSWORD") + 1).prompt().endsWith("Confirm 'admin@internal' user password: "));
            Path file = h.file("pw.conf", "[environment:default]\nOVEHOSTED_ENGINE/adminPassword=str:" + PASSWORD + "\n");
            Run given = h.deploy(engineAnswers(h).put("OVEHOSTED_NETWORK_FQDN", EOF), h.append(file));
            assertFalse(given.asked().contains("ENGINE_ADMIN_PASSWORD"));
        });
        c.put("FQDN", () -> {
            Host h = host();
            Run r = h.deploy(engineAnswers(h).put("OVEHOSTED_NETWORK_FQDN", "10.0.0.5", "nowhere.invalid", "localhost")
                    .put("SETTINGS_PROCEED", EOF));
            assertEquals(List.of("Host name is not valid: 10.0.0.5 is an IP address and not a FQDN. A FQDN is needed to be able to "
                    + "generate certificates correctly.", "Host name is not valid: nowhere.invalid did not resolve into an IP address",
                    "Failed to execute stage 'Setup validation': End of file"), r.logs("ERROR"));
            assertEquals(List.of("Host name localhost has no domain suffix"), r.logs("WARNING"));
            Path file = h.file("fqdn.conf", "[environment:default]\nOVEHOSTED_NETWORK/fqdn=str:nowhere.invalid\n");
            Run given = h.deploy(engineAnswers(h), h.append(file));
            assertEquals(List.of("Failed to execute stage 'Environment customization': Host name is not valid: nowhere.invalid did not "
                    + "resolve into an IP address"), given.logs("ERROR"));
        });
        c.put("NOTIFICATIONS", () -> {
            Host h = host();
            h.file("root/etc/ovirt-hosted-engine-ha/broker.conf", "[email]\nsmtp-server = mail.example.com\n");
            Run r = h.deploy(engineAnswers(h).put("OVEHOSTED_NETWORK_FQDN", "localhost").put("DIALOGOVEHOSTED_NOTIF/smtpServer", "")
                    .put("DIALOGOVEHOSTED_NOTIF/smtpPort", "25x", "25").put("DIALOGOVEHOSTED_NOTIF/sourceEmail", "")
                    .put("DIALOGOVEHOSTED_NOTIF/destEmail", "").put("SETTINGS_PROCEED", EOF));
            List<String> keys = r.keys();
            assertEquals(List.of("OVEHOSTED_NETWORK_FQDN", "DIALOGOVEHOSTED_NOTIF/smtpServer", "DIALOGOVEHOSTED_NOTIF/smtpPort",
                    "DIALOGOVEHOSTED_NOTIF/smtpPort", "DIALOGOVEHOSTED_NOTIF/sourceEmail", "DIALOGOVEHOSTED_NOTIF/destEmail",
                    "SETTINGS_PROCEED"), keys.subList(keys.indexOf("OVEHOSTED_NETWORK_FQDN"), keys.size()));
            assertTrue(r.question("DIALOGOVEHOSTED_NOTIF/smtpServer").prompt().endsWith("[mail.example.com]: "));
            assertTrue(r.question("DIALOGOVEHOSTED_NOTIF/smtpPort").prompt().endsWith("[25]: "));
            assertTrue(r.question("DIALOGOVEHOSTED_NOTIF/sourceEmail").prompt().endsWith("[root@localhost]: "));
            assertEquals(List.of("Invalid input, please try again", "Failed to execute stage 'Setup validation': End of file"), r.logs("ERROR"));
            assertEquals("str:mail.example.com", h.answer("OVEHOSTED_NOTIF/smtpServer"));
        });
        c.put("PREVIEW", () -> {
            List<String> notes = first().notes();
            int preview = notes.indexOf("--== CONFIGURATION PREVIEW ==--");
            assertTrue(preview > 0, notes.toString());
            assertTrue(notes.contains(String.format("%-35s: %s", "Engine FQDN", "localhost")), notes.toString());
            assertTrue(notes.contains(String.format("%-35s: %s", "Bridge interface", "eth0")), notes.toString());
            assertTrue(notes.contains(String.format("%-35s: %s", "Storage connection", first.connection())), notes.toString());
            assertTrue(firstRun.question("SETTINGS_PROCEED").prompt().endsWith("Please confirm installation settings (Yes, No)[No]: "));
            Host h = host();
            Run no = h.deploy(engineAnswers(h).put("OVEHOSTED_NETWORK_FQDN", "localhost").put("SETTINGS_PROCEED", "No"));
            assertEquals(1, no.rc);
            assertEquals(List.of("Failed to execute stage 'Setup validation': Configuration was rejected by user"), no.logs("ERROR"));
            assertFalse(Files.exists(h.etc.resolve("hosted-engine.conf")));
            assertTrue(Files.exists(h.answers()));
        });
        c.put("INSTALLING-OS", () -> {
            Run r = first();
            List<String> lines = r.lines;
            int create = lines.indexOf("***L:INFO Creating VM");
            assertTrue(create > 0 && create < lines.indexOf("***Q:STRING OVEHOSTED_INSTALLING_OS"));
            assertTrue(r.notes().contains("\t/usr/bin/remote-viewer vnc://localhost:5900"), r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.matches("Use temporary password \"[0-9A-Za-z]{8}\" to connect to vnc console\\.")));
            assertTrue(r.question("OVEHOSTED_INSTALLING_OS").prompt().endsWith("(1, 2, 3)[1]: "));
            Host h = host();
            Run again = h.deploy(settingsAnswers(h).put("OVEHOSTED_INSTALLING_OS", "2", "3"));
            assertEquals(1, again.rc);
            assertEquals(2, again.logs("INFO").stream().filter("Creating VM"::equals).count());
            assertEquals(2, again.asked().stream().filter("OVEHOSTED_INSTALLING_OS"::equals).count());
            assertEquals(List.of("Failed to execute stage 'Closing up': OS installation aborted by user"), again.logs("ERROR"));
        });
        c.put("ENGINE-UP", () -> {
            Host h = host();
            Run r = h.deploy(settingsAnswers(h).put("OVEHOSTED_INSTALLING_OS", "@shutdown 1").put("OVEHOSTED_ENGINE_UP", "1", "3"));
            assertTrue(r.notes().contains("Please install and setup the engine in the VM."));
            assertTrue(r.question("OVEHOSTED_ENGINE_UP").prompt().endsWith("(1, 2, 3)[1]: "));
            assertTrue(r.notes().contains("Engine health status page is not yet reachable."), r.notes().toString());
            assertEquals(List.of("Engine is still unreachable", "Failed to execute stage 'Closing up': Engine polling aborted by user"),
                    r.logs("ERROR"));
            assertTrue(first().logs("INFO").contains("Engine replied: DB Up!Welcome to Health Status!"), firstRun.out());
        });
        c.put("HE-CONF", () -> {
            first();
            Map<String, String> conf = first.conf("hosted-engine.conf");
            assertEquals(List.of("fqdn", "vm_disk_id", "vmid", "storage", "conf", "service_start_time", "host_id", "console", "domainType",
                    "spUUID", "sdUUID", "connectionUUID", "ca_cert", "ca_subject", "vdsm_use_ssl", "gateway", "bridge"), List.copyOf(conf.keySet()));
            assertEquals("localhost", conf.get("fqdn"));
            assertEquals(first.connection(), conf.get("storage"));
            assertEquals(first.etc.resolve("vm.conf").toString(), conf.get("conf"));
            assertEquals("1", conf.get("host_id"));
            assertEquals("vnc", conf.get("console"));
            assertEquals("nfs3", conf.get("domainType"));
            assertEquals("10.0.0.1", conf.get("gateway"));
            assertEquals("ovirtmgmt", conf.get("bridge"));
            assertEquals("C=EN, L=Test, O=Test, CN=Test", conf.get("ca_subject"));
            assertEquals("str:" + conf.get("vmid"), first.answer("OVEHOSTED_VM/vmUUID"));
            assertEquals("str:" + conf.get("vm_disk_id"), first.answer("OVEHOSTED_STORAGE/imgUUID"));
            Map<String, String> vm = first.conf("vm.conf");
            assertEquals(conf.get("vmid"), vm.get("vmId"));
            assertEquals("2", vm.get("smp"));
            assertEquals("4096", vm.get("memSize"));
            assertEquals("Nehalem", vm.get("cpuType"));
            assertEquals("HostedEngine", vm.get("vmName"));
            assertEquals("pc", vm.get("emulatedMachine"));
            assertTrue(Files.readString(first.etc.resolve("vm.conf")).contains(",path:" + first.iso + ",device:cdrom,shared:false,type:disk,bootOrder:1}"));
        });
        c.put("ANSWERS-CONF", () -> {
            Run r = first();
            String text = Files.readString(first.answers());
            List<String> lines = text.lines().toList();
            assertEquals("[environment:default]", lines.get(0));
            assertEquals(ANSWER_KEYS, lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf('='))).toList());
            for (String l : lines.subList(1, lines.size())) {
                assertTrue(l.matches("[A-Za-z_]+/[A-Za-z]+=(str|int|bool|none):.*"), l);
            }
            assertFalse(text.toLowerCase().contains("password") || text.contains(PASSWORD), text);
            assertEquals("none:None", first.answer("OVEHOSTED_NETWORK/firewallManager"));
            int cleanup = r.lines.indexOf("***L:INFO Stage: Clean up");
            assertEquals("***L:INFO Generating answer file '" + first.answers() + "'", r.lines.get(cleanup + 1));
            Host h = host();
            Path generated = h.dir.resolve("generated.conf");
            h.deploy(new Answers().put("DEPLOY_PROCEED", "No"), h.append(), "--generate-answer=" + generated);
            assertTrue(Files.readString(generated).startsWith("[environment:default]\n"));
            assertFalse(Files.exists(h.answers()));
        });
        c.put("SHARED-IDS", () -> {
            additional();
            disk();
            Map<String, String> one = first.conf("hosted-engine.conf");
            Map<String, String> two = additional.conf("hosted-engine.conf");
            for (String k : List.of("vmid", "vm_disk_id", "sdUUID", "spUUID")) {
                assertEquals(one.get(k), two.get(k), k);
            }
            assertEquals("2", two.get("host_id"));
            assertNotEquals(one.get("vmid"), disk.conf("hosted-engine.conf").get("vmid"));
        });
        c.put("FIREWALL-OVERRIDE", () -> {
            Run r = first();
            Path rules = first.root.resolve("etc/sysconfig/iptables");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rules)));
            String text = Files.readString(rules);
            for (String rule : List.of("-A INPUT -p tcp --dport 54321 -j ACCEPT", "-A INPUT -p tcp --dport 22 -j ACCEPT",
                    "-A INPUT -p tcp --dport 16514 -j ACCEPT", "-A INPUT -j REJECT --reject-with icmp-host-prohibited")) {
                assertTrue(text.contains(rule + "\n"), rule);
            }
            assertFalse(Files.exists(first.root.resolve("etc/iptables/rules.v4")));
            assertTrue(Files.readString(first.state.resolve("calls.log")).contains("engine replaced the firewall (" + rules + ")"));
            assertTrue(r.lines.indexOf("***L:INFO Connecting to the Engine") > r.lines.indexOf("***Q:STRING OVEHOSTED_ENGINE_UP"));
        });
        c.put("DEFAULTS", () -> {
            Host h = host();
            h.nic("eth1", "0x1003");
            h.iptablesService();
            Answers a = new Answers().put("DEPLOY_PROCEED", "").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "")
                    .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", h.connection()).put("OVEHOSTED_STORAGE_DOMAIN_NAME", "")
                    .put("OVEHOSTED_STORAGE_DATACENTER_NAME", "").put("ovehosted_bridge_if", "").put("OHOSTED_NETWORK_FIREWALL_MANAGER", "")
                    .put("OVEHOSTED_GATEWAY", "").put("OVEHOSTED_VMENV_BOOT", "").put("ovehosted_vmenv_cpu_type", "")
                    .put("OVEHOSTED_VMENV_CDROM", h.iso.toString()).put("ovehosted_vmenv_cpu", "").put("ovehosted_vmenv_mem:disk", "")
                    .put("ovehosted_vmenv_mac", "").put("ovehosted_vmenv_mem", "").put("OVEHOSTED_VM_CONSOLE_TYPE", "")
                    .put("APP_HOST_NAME", "").put("ENGINE_ADMIN_PASSWORD", PASSWORD).put("OVEHOSTED_NETWORK_FQDN", "localhost")
                    .put("SETTINGS_PROCEED", "No");
            Run r = h.deploy(a);
            assertEquals(List.of("Failed to execute stage 'Setup validation': Configuration was rejected by user"), r.logs("ERROR"));
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("OVEHOSTED_STORAGE/domainType", "str:nfs3");
            expected.put("OVEHOSTED_STORAGE/storageDomainName", "str:hosted_storage");
            expected.put("OVEHOSTED_STORAGE/storageDatacenterName", "str:hosted_datacenter");
            expected.put("OVEHOSTED_NETWORK/bridgeIf", "str:eth0");
            expected.put("OVEHOSTED_NETWORK/firewallManager", "str:iptables");
            expected.put("OVEHOSTED_NETWORK/gateway", "str:10.0.0.1");
            expected.put("OVEHOSTED_VM/vmBoot", "str:cdrom");
            expected.put("OVEHOSTED_VDSM/cpu", "str:model_Nehalem");
            expected.put("OVEHOSTED_VM/vmVCpus", "str:2");
            expected.put("OVEHOSTED_STORAGE/imgSizeGB", "str:25");
            expected.put("OVEHOSTED_VM/vmMemSizeMB", "str:4096");
            expected.put("OVEHOSTED_VDSM/consoleType", "str:vnc");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertEquals(e.getValue(), h.answer(e.getKey()), e.getKey());
            }
            assertTrue(h.answer("OVEHOSTED_VM/vmMACAddr").matches("str:00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}"));
            assertTrue(h.dialogLog().contains("APP_HOST_NAME=hosted_engine_1\n"), h.dialogLog());
        });
        return c;
    }

    // ---- the shared deploys ---------------------------------------------------------------------------------

    /** The first host of the shared storage, booting from cdrom, answered as hostedEngine does, to the end. */
    private static Run first() throws Exception {
        if (firstRun == null) {
            first = host();
            first.iptablesService();
            first.file("root/etc/redhat-release", "CentOS release 6.5 (Final)\n");
            first.env.put("HOSTED_ENGINE_STANDIN_WWW", "shared");
            firstRun = first.deploy(settingsAnswers(first).put("OHOSTED_NETWORK_FIREWALL_MANAGER", "No")
                    .put("OVEHOSTED_INSTALLING_OS", "@shutdown 1").put("OVEHOSTED_ENGINE_UP", "@engine-setup 1"));
            first.stopHttp();
            assertEquals(0, firstRun.rc, firstRun.out());
        }
        return firstRun;
    }

    /** A second host given the first host's answers.conf and its own NIC, as hostedEngine gives them. */
    private static Run additional() throws Exception {
        if (additionalRun == null) {
            first();
            additional = host(first.storage);
            additional.env.put("HOSTED_ENGINE_STANDIN_WWW", "shared");
            Path answers = additional.file("first-host-answers.conf", Files.readString(first.answers()));
            Path own = additional.file("gplay-answers.conf", "[environment:default]\nOVEHOSTED_NETWORK/bridgeIf=str:eth0\n");
            additionalRun = additional.deploy(new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_ADDITIONAL_HOST", "Yes")
                    .put("OVEHOSTED_HOST_ID", "2").put("APP_HOST_NAME", "").put("ENGINE_ADMIN_PASSWORD", PASSWORD)
                    .put("SETTINGS_PROCEED", "Yes").put("OVEHOSTED_ENGINE_UP", "1"), additional.append(answers, own));
            additional.stopHttp();
        }
        return additionalRun;
    }

    /** A first host of its own storage booting from an OVF archive of 3 GB, 2 sockets of 2 cores and 6144 MB. */
    private static Run disk() throws Exception {
        if (diskRun == null) {
            disk = host();
            Path ova = disk.ovf("engine.ova", 3, 2, 2, 6144);
            diskRun = disk.deploy(networkAnswers(disk).put("OVEHOSTED_VMENV_BOOT", "disk").put("OVEHOSTED_VMENV_OVF", ova.toString())
                    .put("ovehosted_vmenv_cpu_type", "").put("ovehosted_vmenv_mac", "").put("OVEHOSTED_VM_CONSOLE_TYPE", "vnc")
                    .put("APP_HOST_NAME", "").put("ENGINE_ADMIN_PASSWORD", PASSWORD).put("OVEHOSTED_NETWORK_FQDN", "localhost")
                    .put("SETTINGS_PROCEED", "Yes").put("OVEHOSTED_ENGINE_UP", "@engine-setup 1"));
            disk.stopHttp();
        }
        return diskRun;
    }

    // ---- answers up to a point of the first host's dialog ---------------------------------------------------

    private static Answers storageAnswers(Host h) {
        return new Answers().put("DEPLOY_PROCEED", "Yes").put("OVEHOSTED_STORAGE_DOMAIN_TYPE", "nfs3")
                .put("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", h.connection()).put("OVEHOSTED_STORAGE_DOMAIN_NAME", "")
                .put("OVEHOSTED_STORAGE_DATACENTER_NAME", "").put("ovehosted_bridge_if", "eth0");
    }

    private static Answers networkAnswers(Host h) {
        return storageAnswers(h).put("OVEHOSTED_GATEWAY", "10.0.0.1");
    }

    private static Answers vmAnswers(Host h) {
        return networkAnswers(h).put("OVEHOSTED_VMENV_BOOT", "cdrom").put("ovehosted_vmenv_cpu_type", "");
    }

    private static Answers cdromAnswers(Host h) {
        return vmAnswers(h).put("OVEHOSTED_VMENV_CDROM", h.iso.toString());
    }

    private static Answers engineAnswers(Host h) {
        return cdromAnswers(h).put("ovehosted_vmenv_cpu", "2").put("ovehosted_vmenv_mem:disk", "25").put("ovehosted_vmenv_mac", "")
                .put("ovehosted_vmenv_mem", "4096").put("OVEHOSTED_VM_CONSOLE_TYPE", "vnc").put("APP_HOST_NAME", "")
                .put("ENGINE_ADMIN_PASSWORD", PASSWORD);
    }

    private static Answers settingsAnswers(Host h) {
        return engineAnswers(h).put("OVEHOSTED_NETWORK_FQDN", "localhost").put("SETTINGS_PROCEED", "Yes");
    }

    // ---- the host the stand-in plays, and running it --------------------------------------------------------

    private static Host host() throws IOException {
        return new Host(null);
    }

    private static Host host(Path storage) throws IOException {
        return new Host(storage);
    }

    /** A question of setup's machine dialog and the notes after it, the prompt last. */
    record Question(String name, List<String> notes) {
        String prompt() {
            return notes.isEmpty() ? "" : notes.get(notes.size() - 1);
        }

        /** The two questions setup names ovehosted_vmenv_mem are told apart by their notes, as SetupDialog does. */
        String key() {
            return name.equals("ovehosted_vmenv_mem") && String.join(" ", notes).contains("disk size") ? name + ":disk" : name;
        }
    }

    /** The answer to each question by its key, in turn; the last one repeats. EOF closes the input. */
    static final class Answers {
        private final Map<String, Deque<String>> byKey = new HashMap<>();

        Answers put(String key, String... values) {
            byKey.put(key, new ArrayDeque<>(Arrays.asList(values)));
            return this;
        }

        String next(Question q) {
            Deque<String> d = byKey.get(q.key());
            if (d == null) {
                throw new AssertionError("the stand-in asked " + q.key() + " ('" + q.prompt() + "'), which this check does not answer");
            }
            return d.size() > 1 ? d.poll() : d.peek();
        }
    }

    record Result(int rc, String out, String err) {
    }

    static final class Run {
        final List<String> lines = new ArrayList<>();
        final List<Question> questions = new ArrayList<>();
        int rc = -1;

        List<String> asked() {
            return questions.stream().map(Question::name).toList();
        }

        List<String> keys() {
            return questions.stream().map(Question::key).toList();
        }

        Question question(String key) {
            return questions.stream().filter(q -> q.key().equals(key)).findFirst()
                    .orElseThrow(() -> new AssertionError(key + " was not asked: " + asked()));
        }

        List<String> logs(String level) {
            String prefix = "***L:" + level + " ";
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }

        List<String> notes() {
            return lines.stream().filter(l -> l.startsWith("###")).map(l -> l.length() > 4 ? l.substring(4) : "").toList();
        }

        String out() {
            return String.join("\n", lines);
        }
    }

    static final class Host {
        final Path dir;
        final Path root;
        final Path storage;
        final Path state;
        final Path etc;
        final Path iso;
        final Path tmp;
        final Map<String, String> env = new LinkedHashMap<>();

        Host(Path sharedStorage) throws IOException {
            dir = Files.createDirectories(shared.resolve("host" + (++hosts)));
            open(shared);
            open(dir);
            root = Files.createDirectories(dir.resolve("root"));
            state = root.resolve("var/lib/gplay-standin/hosted-engine");
            etc = root.resolve("etc/ovirt-hosted-engine");
            tmp = Files.createDirectories(dir.resolve("tmp"));
            nic("lo", "0x9");
            nic("eth0", "0x1003");
            file("root/proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                    + "eth0\t00000000\t0100000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                    + "eth0\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
            if (sharedStorage == null) {
                storage = Files.createDirectories(dir.resolve("storage"));
                Files.setPosixFilePermissions(storage, PosixFilePermissions.fromString("rwxrwxrwx"));
            } else {
                storage = sharedStorage;
            }
            iso = file("CentOS-6.5-x86_64-minimal.iso", "an install image\n");
            env.put("PATH", fakes() + ":" + System.getenv("PATH"));
            env.put("HOME", dir.toString());
            env.put("TMPDIR", tmp.toString());
            env.put("HOSTED_ENGINE_STANDIN_ROOT", root.toString());
            env.put("HOSTED_ENGINE_STANDIN_MOUNT", "local");
            env.put("HOSTED_ENGINE_STANDIN_HTTP_PORT", String.valueOf(freePort()));
            started.add(this);
        }

        String connection() {
            return "storage.example.com:" + storage;
        }

        Path answers() {
            return etc.resolve("answers.conf");
        }

        String answer(String key) throws IOException {
            for (String l : Files.readAllLines(answers())) {
                if (l.startsWith(key + "=")) {
                    return l.substring(key.length() + 1);
                }
            }
            return null;
        }

        String dialogLog() throws IOException {
            return Files.readString(state.resolve("dialog.log"));
        }

        /** A configuration setup wrote under /etc/ovirt-hosted-engine, its KEY=VALUE lines in order (quotes removed). */
        Map<String, String> conf(String name) throws IOException {
            Map<String, String> m = new LinkedHashMap<>();
            for (String l : Files.readAllLines(etc.resolve(name))) {
                int eq = l.indexOf('=');
                if (eq > 0 && !l.startsWith("devices=")) {
                    m.put(l.substring(0, eq), l.substring(eq + 1).replaceAll("^\"|\"$", ""));
                }
            }
            return m;
        }

        Path file(String rel, String content) throws IOException {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            return p;
        }

        void nic(String name, String flags) throws IOException {
            file("root/sys/class/net/" + name + "/flags", flags + "\n");
        }

        void removeNic(String name) throws IOException {
            Path n = root.resolve("sys/class/net/" + name);
            Files.deleteIfExists(n.resolve("flags"));
            Files.deleteIfExists(n);
        }

        void bridge(String name, String port) throws IOException {
            nic(name, "0x1003");
            Files.createDirectories(root.resolve("sys/class/net/" + name + "/bridge"));
            file("root/sys/class/net/" + name + "/brif/" + port, "");
            nic(port, "0x1003");
        }

        void bond(String name, String slaves) throws IOException {
            nic(name, "0x1403");
            file("root/sys/class/net/" + name + "/bonding/slaves", slaves + "\n");
        }

        void iptablesService() throws IOException {
            file("root/etc/init.d/iptables", "#!/bin/sh\nexit 0\n");
        }

        void unreachable(String address) throws IOException {
            Files.writeString(root.resolve("unreachable"), address + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }

        /** A gzip tar archive of one file. */
        Path archive(String name, String member, String content) throws IOException, InterruptedException {
            Path src = Files.createTempDirectory(dir, "archive");
            Path m = src.resolve(member);
            Files.createDirectories(m.getParent());
            Files.writeString(m, content);
            Path to = dir.resolve(name);
            Result r = StandInBehaviourTest.run(null, Map.of(), "tar", "-czf", to.toString(), "-C", src.toString(), member);
            assertEquals(0, r.rc, r.err);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            return to;
        }

        /** An engine appliance's OVF archive, as setup 1.1's vm/boot_disk.py reads it. */
        Path ovf(String name, int sizeGb, int sockets, int cores, int memoryMb) throws IOException, InterruptedException {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1/\" "
                    + "xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData\" "
                    + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                    + "  <References><File ovf:href=\"1a2b/3c4d\" ovf:id=\"3c4d\"/></References>\n"
                    + "  <Section xsi:type=\"ovf:DiskSection_Type\">\n"
                    + "    <Disk ovf:diskId=\"3c4d\" ovf:size=\"" + sizeGb + "\" ovf:fileRef=\"1a2b/3c4d\" ovf:disk-alias=\"engine\"/>\n"
                    + "  </Section>\n"
                    + "  <Content xsi:type=\"ovf:VirtualSystem_Type\">\n"
                    + "    <Section xsi:type=\"ovf:VirtualHardwareSection_Type\">\n"
                    + "      <Item><rasd:num_of_sockets>" + sockets + "</rasd:num_of_sockets><rasd:cpu_per_socket>" + cores
                    + "</rasd:cpu_per_socket></Item>\n"
                    + "      <Item><rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits><rasd:VirtualQuantity>" + memoryMb
                    + "</rasd:VirtualQuantity></Item>\n"
                    + "    </Section>\n"
                    + "  </Content>\n"
                    + "</ovf:Envelope>\n";
            return archive(name, "master/vms/5e6f/5e6f.ovf", xml);
        }

        /** --config-append with these files, and the machine dialog; without files, an empty one of gplay's. */
        String append(Path... files) throws IOException {
            List<String> paths = new ArrayList<>();
            for (Path f : files) {
                paths.add(f.toString());
            }
            if (paths.isEmpty()) {
                paths.add(file("gplay.conf", "[environment:default]\n").toString());
            }
            return "--config-append=" + String.join(":", paths) + " DIALOG/dialect=str:machine";
        }

        Run deploy(Answers answers) throws Exception {
            return deploy(answers, append());
        }

        /** hosted-engine --deploy ARGS, its machine dialog answered question by question. */
        Run deploy(Answers answers, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(standIn().toString(), "--deploy"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(dir.resolve("stderr").toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            BlockingQueue<String> out = new LinkedBlockingQueue<>();
            String end = "\u0000end";
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        out.add(l);
                    }
                } catch (IOException e) {
                    out.add("reading failed: " + e);
                }
                out.add(end);
            });
            reader.start();
            Run run = new Run();
            OutputStream in = p.getOutputStream();
            Question open = null;
            try {
                while (true) {
                    String line = out.poll(30, TimeUnit.SECONDS);
                    if (line == null) {
                        fail("the stand-in printed nothing for 30 s; so far:\n" + run.out());
                    }
                    if (line.equals(end)) {
                        break;
                    }
                    run.lines.add(line);
                    if (line.startsWith("***Q:STRING ")) {
                        open = new Question(line.substring(12), new ArrayList<>());
                    } else if (open != null && line.startsWith("###")) {
                        String text = line.length() > 4 ? line.substring(4) : "";
                        open.notes.add(text);
                        if (text.endsWith(": ") || text.endsWith("? ")) {
                            run.questions.add(open);
                            reply(in, answers.next(open));
                            open = null;
                        }
                    }
                }
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the stand-in ended");
                run.rc = p.exitValue();
                return run;
            } finally {
                p.destroyForcibly();
                reader.join(5000);
            }
        }

        private void reply(OutputStream in, String answer) throws Exception {
            try {
                if (answer.equals(EOF)) {
                    in.close();
                    return;
                }
                if (answer.startsWith("@")) {
                    String action = answer.substring(1, answer.indexOf(' '));
                    Result r = cmd(null, "--standin-vm", action);
                    assertEquals(0, r.rc, "--standin-vm " + action + ": " + r.err);
                    answer = answer.substring(answer.indexOf(' ') + 1);
                }
                in.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                // the stand-in ended before it read the answer: its output says why
            }
        }

        /** hosted-engine ARGS with STDIN, to its end. */
        Result cmd(String stdin, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(standIn().toString()));
            cmd.addAll(List.of(args));
            return StandInBehaviourTest.run(stdin, env, cmd.toArray(String[]::new));
        }

        void stopHttp() {
            try {
                Path pid = state.resolve("vm/http.pid");
                if (Files.exists(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
                }
            } catch (IOException | NumberFormatException e) {
                // nothing was started
            }
        }

        private static void open(Path d) throws IOException {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static Path standIn() {
        return repo().resolve("lab/stand-ins/hosted-engine");
    }

    /**
     * What this machine lacks for the stand-in: `sudo -u vdsm -g kvm CMD` as nobody:nogroup, `ping` answering for
     * every address but those in $ROOT/unreachable, and python3 as the interpreter itself (not a shim that starts one).
     */
    static synchronized Path fakes() throws IOException {
        if (fakes == null) {
            fakes = Files.createDirectories(shared.resolve("bin"));
            Needs.require(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv")),
                    "setpriv (util-linux) plays sudo -u vdsm -g kvm");
            try {
                Needs.require(run(null, Map.of(), "id", "-u").out.strip().equals("0"),
                        "root: sudo -u vdsm -g kvm is played by changing to nobody:nogroup, which only root can");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            write(fakes.resolve("sudo"), """
                    #!/bin/sh
                    # sudo [-n] -u vdsm -g kvm CMD...: CMD as nobody:nogroup, whose rights the stand-in's checks then test
                    while [ $# -gt 0 ]; do case "$1" in -n) shift ;; -u|-g) shift 2 ;; *) break ;; esac; done
                    exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
                    """);
            write(fakes.resolve("ping"), """
                    #!/bin/sh
                    # ping -c 1 ADDRESS: answered, unless ADDRESS is listed in $HOSTED_ENGINE_STANDIN_ROOT/unreachable
                    for a; do last=$a; done
                    grep -qxF -- "$last" "$HOSTED_ENGINE_STANDIN_ROOT/unreachable" 2>/dev/null && exit 1
                    exit 0
                    """);
            try {
                Result py = run(null, Map.of("PATH", System.getenv("PATH")), "python3", "-c", "import sys; print(sys.executable)");
                if (py.rc == 0 && Files.isExecutable(Path.of(py.out.strip()))) {
                    Files.createSymbolicLink(fakes.resolve("python3"), Path.of(py.out.strip()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fakes;
    }

    private static void write(Path p, String content) throws IOException {
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static Result run(String stdin, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(shared, "out", ".txt");
        Path err = Files.createTempFile(shared, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // it ended before reading
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " had not ended after 30 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
