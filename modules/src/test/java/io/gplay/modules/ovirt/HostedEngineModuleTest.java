package io.gplay.modules.ovirt;

import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
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
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The module on this machine against lab/stand-ins/hosted-engine, the stand-in for setup 1.1 (oVirt itself
 * cannot run here), as far as this machine allows: check mode and the checks made before setup runs. The
 * dialog itself runs in the lab (HostedEngineDialogLabSpec), where the stand-in can mount its storage, resolve
 * the engine's name and ping the gateway.
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

    @BeforeEach
    void setUp() {
        state = dir.resolve("standin-state");
        answers = dir.resolve("etc/ovirt-hosted-engine/gplay-answers.conf");
        conn = new PathFirstConnection(standIns(), Map.of("HOSTED_ENGINE_STANDIN_STATE", state));
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
        p.put("extra", Map.of("OVEHOSTED_VDSM/spicePkiSubject", "C=EN, L=Test, O=Test, CN=Test"));
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
    void checkModeReportsTheAnswerFileAndTheDeployAndRunsNothing() throws Exception {
        Result check = run(firstHost(), true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertTrue(check.msg().contains("would run hosted-engine --deploy --config-append=" + answers + " and answer its dialog"),
                check.msg());
        String diff = check.diffs().get(0).unified();
        assertTrue(diff.contains("+[environment:default]"), diff);
        assertFalse(diff.contains("adminPassword"), "the password goes through the dialog, not the file: " + diff);
        assertPasswordNowhere(check);
        assertFalse(Files.exists(answers), "check mode wrote no answer file");
        assertEquals(List.of(), calls(), "check mode deployed nothing");
        assertEquals("not deployed: no /etc/ovirt-hosted-engine/hosted-engine.conf", check.data().get("found"));
        assertEquals(false, check.data().get("deployed"));
        assertEquals(1, check.data().get("host_id"));
    }

    @Test
    void mistakesAreReportedBeforeAnythingRuns() throws Exception {
        Map<String, Object> p = firstHost();
        p.remove("vmCdrom");
        Result noIso = run(p, false);
        assertEquals(Status.FAILED, noIso.status());
        assertTrue(noIso.msg().contains("vmCdrom"), noIso.msg());

        p = firstHost();
        p.remove("gateway");
        Result noGateway = run(p, false);
        assertEquals(Status.FAILED, noGateway.status());
        assertTrue(noGateway.msg().contains("set gateway") && noGateway.msg().contains("OVEHOSTED_GATEWAY"), noGateway.msg());

        p = firstHost();
        p.put("fqdn", "engine.example.com\nOVEHOSTED_CORE/deployProceed=bool:False");
        Result smuggled = run(p, false);
        assertEquals(Status.FAILED, smuggled.status());
        assertTrue(smuggled.msg().contains("one line"), smuggled.msg());

        p = firstHost();
        p.put("answerFile", "/etc/ovirt hosted/answers.conf");
        assertTrue(run(p, false).msg().contains("splits its option on blanks"));

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

    private Map<String, Object> secondHost() {
        Map<String, Object> p = firstHost();
        p.remove("vmCdrom");
        p.put("additionalHost", true);
        p.put("hostId", 2);
        return p;
    }

    @Test
    void anAdditionalHostWithoutTheFirstHostsAnswersIsRefusedBeforeSetupRuns() throws Exception {
        Result r = run(secondHost(), false);
        assertEquals(Status.FAILED, r.status(), r.msg());
        assertTrue(r.msg().contains("needs firstHostAnswers") && r.msg().contains("Invalid CPU type specified: None"), r.msg());
        assertFalse(Files.exists(answers), "nothing written");
        assertEquals(List.of(), calls(), "setup did not run");
    }

    @Test
    void theFirstHostsAnswersAreWrittenBeforeGplaysOwnAndNeverShown() throws Exception {
        Map<String, Object> p = secondHost();
        p.put("firstHostAnswers", "[environment:default]\nOVEHOSTED_VM/vmUUID=str:5b7d6a8e-aaaa-bbbb-cccc-ddddeeeeffff\n"
                + "OVEHOSTED_VDSM/cpu=str:model_Nehalem\n");
        Result check = run(p, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        Path first = answers.getParent().resolve("first-host-answers.conf");
        assertTrue(check.changes().toString().contains("write " + first + " (mode 0600): the first host's answers"), check.changes().toString());
        assertTrue(check.msg().contains("--config-append=" + first + ":" + answers), check.msg());
        StringBuilder shown = new StringBuilder(check.msg()).append(check.data());
        check.diffs().forEach(d -> shown.append(d.unified()));
        assertFalse(shown.toString().contains("5b7d6a8e"), "the first host's answers are not shown: " + shown);
        String own = check.diffs().stream().filter(d -> d.unified().contains("bridgeIf")).findFirst().orElseThrow().unified();
        assertTrue(own.contains("+OVEHOSTED_NETWORK/bridgeIf=str:eth1"), "this host's NIC wins over the first host's: " + own);
        assertFalse(Files.exists(first), "check mode wrote nothing");
    }
}
