package io.gplay.modules.ovirt;

import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ParamValidator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** otopi's machine dialog as setup 1.1 writes it, and the answer hostedEngine gives each question. */
class SetupDialogTest {
    @Test
    void readsWholeLinesOfTheMachineDialogAcrossChunks() {
        SetupDialog d = new SetupDialog();
        List<SetupDialog.Event> events = new ArrayList<>(d.feed("***L:INFO Stage: Initializing\n***Q:STRING DEPLOY_PRO"));
        assertEquals(1, events.size(), "half a line waits for the rest");
        events.addAll(d.feed("CEED\n### Continuing will configure this host\n### Are you sure? (Yes, No)[Yes]: \n###\n***TERMINATE\n"));
        assertEquals(List.of(
                new SetupDialog.Event(SetupDialog.Kind.LOG, "INFO", "Stage: Initializing"),
                new SetupDialog.Event(SetupDialog.Kind.QUESTION, "DEPLOY_PROCEED", ""),
                new SetupDialog.Event(SetupDialog.Kind.NOTE, "", "Continuing will configure this host"),
                new SetupDialog.Event(SetupDialog.Kind.NOTE, "", "Are you sure? (Yes, No)[Yes]: "),
                new SetupDialog.Event(SetupDialog.Kind.NOTE, "", ""),
                new SetupDialog.Event(SetupDialog.Kind.TERMINATE, "", "")), events);
    }

    private static SetupAnswers answers(Map<String, Object> raw) {
        Map<String, Object> p = new HashMap<>(Map.of("storageConnection", "10.0.0.200:/engine", "fqdn", "engine.example.com",
                "adminPassword", "pw", "nic", "eth0", "gateway", "10.0.0.1", "vmCdrom", "/iso/c6.iso"));
        p.putAll(raw);
        Map<String, Object> params = ParamValidator.resolve(new HostedEngineModule().spec(), p);
        HostContext where = HostContext.of(new Host("h1", List.of(), Map.of()), Map.of(), new LocalConnection(), false);
        return new SetupAnswers(new ModuleContext(params, where));
    }

    private static SetupAnswers.Reply ask(SetupAnswers a, String name, String prompt) {
        return a.reply(new SetupDialog.Question(name, List.of(prompt)));
    }

    private static String line(SetupAnswers.Reply r) {
        return assertInstanceOf(SetupAnswers.Answer.class, r).line();
    }

    @Test
    void theFirewallQuestionIsAnsweredFromConfigureFirewallAndFailsWithoutIt() {
        String q = "iptables was detected on your computer, do you wish setup to configure it? (Yes, No)[Yes]: ";
        SetupAnswers.Missing m = assertInstanceOf(SetupAnswers.Missing.class,
                ask(answers(Map.of()), "OHOSTED_NETWORK_FIREWALL_MANAGER", q));
        assertTrue(m.why().contains("OHOSTED_NETWORK_FIREWALL_MANAGER") && m.why().contains("configureFirewall"), m.why());
        assertEquals("No", line(ask(answers(Map.of("configureFirewall", false)), "OHOSTED_NETWORK_FIREWALL_MANAGER", q)));
        assertEquals("Yes", line(ask(answers(Map.of("configureFirewall", true)), "OHOSTED_NETWORK_FIREWALL_MANAGER", q)));
    }

    @Test
    void setupsTwoQuestionsNamedOvehostedVmenvMemAreToldApartByTheirNotes() {
        SetupAnswers a = answers(Map.of("vmMemSizeMB", 8192, "vmDiskSizeGB", 40));
        assertEquals("40", line(ask(a, "ovehosted_vmenv_mem", "Please specify the disk size of the VM in GB [Defaults to minimum requirement: 25]: ")));
        assertEquals("8192", line(ask(a, "ovehosted_vmenv_mem", "Please specify the memory size of the VM in MB [Defaults to minimum requirement: 4096]: ")));
    }

    @Test
    void everyQuestionHasItsAnswerOrSaysWhichParameterIsMissing() {
        SetupAnswers a = answers(Map.of("vmCdrom", "/iso/c6.iso"));
        assertEquals("Yes", line(ask(a, "DEPLOY_PROCEED", "")));
        assertEquals("10.0.0.200:/engine", line(ask(a, "OVEHOSTED_STORAGE_DOMAIN_CONNECTION", "")));
        assertEquals("nfs3", line(ask(a, "OVEHOSTED_STORAGE_DOMAIN_TYPE", "")));
        assertEquals("No", line(ask(a, "OVEHOSTED_ADDITIONAL_HOST", "")));
        assertEquals("eth0", line(ask(a, "ovehosted_bridge_if", "")));
        assertEquals("/iso/c6.iso", line(ask(a, "OVEHOSTED_VMENV_CDROM", "")));
        assertEquals("", line(ask(a, "ovehosted_vmenv_cpu_type", "")), "unset: setup's own default");
        assertEquals("vnc", line(ask(a, "OVEHOSTED_VM_CONSOLE_TYPE", "")));
        SetupAnswers.Answer pw = assertInstanceOf(SetupAnswers.Answer.class, ask(a, "ENGINE_ADMIN_PASSWORD", ""));
        assertTrue(pw.secret());
        assertInstanceOf(SetupAnswers.Step.class, ask(a, "OVEHOSTED_INSTALLING_OS", ""));
        assertInstanceOf(SetupAnswers.Step.class, ask(a, "OVEHOSTED_ENGINE_UP", ""));
        SetupAnswers.Missing ovf = assertInstanceOf(SetupAnswers.Missing.class, ask(a, "OVEHOSTED_VMENV_OVF", "path to OVF archive"));
        assertTrue(ovf.why().contains("ovfArchive"), ovf.why());
        SetupAnswers.Missing unknown = assertInstanceOf(SetupAnswers.Missing.class, ask(a, "OVEHOSTED_NEW_QUESTION", "Something new?"));
        assertTrue(unknown.why().contains("OVEHOSTED_NEW_QUESTION") && unknown.why().contains("extra"), unknown.why());
        SetupAnswers.Missing hostId = assertInstanceOf(SetupAnswers.Missing.class, ask(a, "OVEHOSTED_HOST_ID", ""));
        assertTrue(hostId.why().contains("additionalHost"), hostId.why());
        assertEquals("3", line(ask(answers(Map.of("additionalHost", true, "hostId", 3)), "OVEHOSTED_HOST_ID", "")));
    }

    @Test
    void aValueBelowSetupsMinimumIsNamedWithTheMinimumNotLoweredAsIfAboveTheHost() {
        // setup 1.1 asks MEMORY_PROCEED when the memory is below 4096 MB (vm/memory.py:88-110), not above the host's
        SetupAnswers a = answers(Map.of("vmMemSizeMB", 2048));
        SetupAnswers.Missing m = assertInstanceOf(SetupAnswers.Missing.class, ask(a, "MEMORY_PROCEED",
                "Continue with specified memory size? (Yes, No)[No]: "));
        assertTrue(m.why().contains("below its minimum") && m.why().contains("vmMemSizeMB 4096"), m.why());
    }

    @Test
    void aTemporaryDirectoryWithoutRoomIsAnsweredFromTempDirOrNamedWithTheSizeSetupNeeds() {
        // vm/boot_disk.py:438-481 of the 1.1 branch: asked only once setup found its own temporary directory short
        // of the OVF's disk; setup's default is that same directory, so an empty answer would only be refused again
        String q = "Please specify path to a temporary directory with at least 50 GB [/tmp]: ";
        SetupAnswers.Missing m = assertInstanceOf(SetupAnswers.Missing.class,
                ask(answers(Map.of("vmBoot", "disk", "ovfArchive", "/var/tmp/engine.ova")), "OVEHOSTED_COREENV_TEMPDIR", q));
        assertTrue(m.why().contains("tempDir") && m.why().contains("at least 50 GB"), m.why());
        assertEquals("/var/tmp/big", line(ask(answers(Map.of("vmBoot", "disk", "ovfArchive", "/var/tmp/engine.ova",
                "tempDir", "/var/tmp/big")), "OVEHOSTED_COREENV_TEMPDIR", q)));
    }
}
