package io.gplay.modules.selinux;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
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
 * The selinux module: the configuration file for real in a temporary folder (with targeted/policy beside it, as
 * /etc/selinux holds it), the live mode through the getenforce and setenforce stand-ins (docs/stand-ins.md).
 */
class SelinuxModuleTest {
    /** CentOS 7's /etc/selinux/config as selinux-policy ships it, permissive. */
    static final String CENTOS7 = """

            # This file controls the state of SELinux on the system.
            # SELINUX= can take one of these three values:
            #     enforcing - SELinux security policy is enforced.
            #     permissive - SELinux prints warnings instead of enforcing.
            #     disabled - No SELinux policy is loaded.
            SELINUX=permissive
            # SELINUXTYPE= can take one of three values:
            #     targeted - Targeted processes are protected,
            #     minimum - Modification of targeted policy. Only selected processes are protected.\s
            #     mls - Multi Level Security protection.
            SELINUXTYPE=targeted\s


            """;

    @TempDir
    Path dir;
    SelinuxHost host;
    Path config;

    @BeforeEach
    void host() throws IOException {
        host = new SelinuxHost(dir);
        Path etc = Files.createDirectories(dir.resolve("etc selinux"));
        Files.createDirectories(etc.resolve("targeted"));
        Files.writeString(etc.resolve("targeted/policy"), "");
        config = etc.resolve("config");
        Files.writeString(config, CENTOS7);
    }

    Result run(Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("configfile", config.toString());
        return Harness.run(new SelinuxModule(), p, check, host.conn, Map.of());
    }

    Result checkThenRun(Map<String, Object> params) throws IOException {
        String before = Files.readString(config);
        Result check = run(params, true);
        assertEquals(before, Files.readString(config), "a check run writes nothing");
        assertEquals(List.of(), host.changes());
        Result real = run(params, false);
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(check.diffs(), real.diffs());
        assertEquals(check.registered().get("msg"), real.registered().get("msg"));
        return real;
    }

    @Test
    void theConfigFileFollowsTheModeAsAnsibleWritesIt() throws IOException {
        Map<String, Object> enforcing = Map.of("state", "enforcing", "policy", "targeted");
        Result r = checkThenRun(enforcing);
        assertEquals(List.of("update " + config), r.descriptions(), "the host is enforcing already: the file only");
        assertEquals(CENTOS7.replace("SELINUX=permissive", "SELINUX=enforcing"), Files.readString(config),
                "every other line kept, trailing blanks and empty lines too, as Ansible writes it");
        assertEquals("Config SELinux state changed from 'permissive' to 'enforcing'", r.registered().get("msg"));
        assertEquals(false, r.registered().get("reboot_required"));
        assertEquals(Map.of("configfile", config.toString(), "policy", "targeted", "state", "enforcing"),
                Map.of("configfile", r.registered().get("configfile"), "policy", r.registered().get("policy"), "state", r.registered().get("state")));
        Result again = run(enforcing, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertEquals("", again.registered().get("msg"));
    }

    @Test
    void theLiveModeIsSetWithSetenforce() throws IOException {
        Result r = checkThenRun(Map.of("state", "permissive", "policy", "targeted"));
        assertEquals(List.of("set SELinux's live mode from enforcing to permissive (setenforce Permissive)"), r.descriptions());
        assertEquals("SELinux state changed from 'enforcing' to 'permissive'", r.registered().get("msg"));
        assertEquals(List.of("setenforce Permissive"), host.changes());
        assertEquals("Permissive\n", host.get("mode"));
    }

    @Test
    void disablingIsPermissiveUntilTheReboot() throws IOException {
        Result r = checkThenRun(Map.of("state", "disabled"));
        assertEquals(List.of("set SELinux's live mode from enforcing to permissive (setenforce Permissive)", "update " + config), r.descriptions());
        assertEquals(true, r.registered().get("reboot_required"));
        assertEquals("targeted", r.registered().get("policy"), "without policy, the file's");
        assertTrue(Files.readString(config).contains("\nSELINUX=disabled\n"));
        assertTrue(r.msg().endsWith("SELinux state temporarily changed from 'enforcing' to 'permissive'. State change will take effect next reboot."), r.msg());
        Result again = run(Map.of("state", "disabled"), false);
        assertEquals(Status.OK, again.status());
        assertEquals(true, again.registered().get("reboot_required"), "still waiting for the reboot, as Ansible says");
        assertEquals("SELinux state change will take effect next reboot", again.msg());
    }

    @Test
    void enablingADisabledHostOnlyEditsTheFile() throws IOException {
        host.put("mode", "Disabled\n");
        Files.writeString(config, CENTOS7.replace("SELINUX=permissive", "SELINUX=disabled"));
        Result r = checkThenRun(Map.of("state", "enforcing", "policy", "targeted"));
        assertEquals(List.of("update " + config), r.descriptions());
        assertEquals(true, r.registered().get("reboot_required"));
        assertEquals(List.of(), host.changes(), "no setenforce on a disabled host");
    }

    @Test
    void aNewPolicyMustBeInstalledBesideTheFile() throws IOException {
        Result missing = run(Map.of("state", "permissive", "policy", "mls"), false);
        assertEquals(Status.FAILED, missing.status());
        assertEquals("Policy mls does not exist in " + config.getParent() + "/", missing.msg());
        Files.createDirectories(config.resolveSibling("mls"));
        Files.writeString(config.resolveSibling("mls/policy"), "");
        Result r = checkThenRun(Map.of("state", "permissive", "policy", "mls"));
        assertTrue(Files.readString(config).contains("\nSELINUXTYPE=mls\n"));
        assertEquals("SELinux policy configuration in '" + config + "' changed from 'targeted' to 'mls', SELinux state changed from"
                + " 'enforcing' to 'permissive'", r.registered().get("msg"));
    }

    @Test
    void aMissingFileAndHostileValuesFailClearly() throws IOException {
        Path marker = dir.resolve("x");
        Result bad = run(Map.of("state", "permissive", "policy", "$(touch " + marker + ")"), false);
        assertEquals(Status.FAILED, bad.status());
        assertTrue(bad.msg().startsWith("policy '$(touch "), bad.msg());
        Files.delete(config);
        Result none = run(Map.of("state", "permissive", "policy", "targeted"), false);
        assertEquals(Status.FAILED, none.status());
        assertTrue(none.msg().startsWith("Unable to find file " + config), none.msg());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aCheckRunsLaterTasksSeeThePredictedMode() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), host.conn, true);
        Map<String, Object> p = Map.of("state", "permissive", "policy", "targeted", "configfile", config.toString());
        assertEquals(Status.CHANGED, Harness.run(new SelinuxModule(), p, where).status());
        Result again = Harness.run(new SelinuxModule(), p, where);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
    }
}
