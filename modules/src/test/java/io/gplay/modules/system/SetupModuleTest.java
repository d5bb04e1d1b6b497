package io.gplay.modules.system;

import io.gplay.engine.plan.AnsibleFacts;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facts `setup` reads from its one script's output. */
class SetupModuleTest {
    @Test
    void setupReadsFactsFromOneScript() {
        Map<String, Object> f = SetupModule.parse("id=centos\nid_like=rhel fedora\nversion_id=6.5\nhostname=h1\n"
                + "service_mgr=sysvinit\npkg_mgr=yum\naddresses=eth0=10.0.0.1/24 lo=127.0.0.1/8 \n");
        assertEquals("RedHat", f.get("osFamily"));
        assertEquals("6", f.get("distributionMajorVersion"));
        assertEquals("yum", f.get("pkgMgr"));
        assertEquals(List.of("10.0.0.1", "127.0.0.1"), f.get("ipv4"));
        Map<String, Object> old = SetupModule.parse("id=\nredhat_release=CentOS release 6.5 (Final)\n");
        assertEquals("RedHat", old.get("osFamily"));
        assertEquals("6.5", old.get("distributionVersion"));
    }

    @Test
    void selinuxIsDisabledWhereItsFileSystemIsNotMountedAsAnsibleSays() {
        assertEquals(Map.of("status", "disabled"), SetupModule.parse("id=debian\n").get("selinux"));
        assertEquals(Map.of("status", "enabled", "mode", "permissive", "config_mode", "enforcing", "type", "targeted",
                "policyvers", 33), SetupModule.parse("selinux_enforce=0\nselinux_policyvers=33\n"
                + "selinux_config_mode=enforcing\nselinux_type=targeted\n").get("selinux"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFactsRolesBranchOnReadUnderAnsiblesNamesOnThisMachine() {
        Map<String, Object> f = (Map<String, Object>) Harness.run(new SetupModule(), Map.of(), false).data().get("facts");
        Map<String, Object> ansible = AnsibleFacts.of(f);
        assertEquals("Debian", ansible.get("os_family"));
        assertEquals(f.get("distribution").equals("ubuntu") ? "Ubuntu" : "Debian", ansible.get("distribution"));
        assertEquals(f.get("distributionMajorVersion"), ansible.get("distribution_major_version"));
        assertTrue(ansible.get("distribution_major_version").toString().matches("\\d+"), ansible.toString());
        assertEquals(Files.isDirectory(Path.of("/run/systemd/system")) ? "systemd" : "sysvinit", ansible.get("service_mgr"));
        assertEquals(Map.of("status", "disabled"), ansible.get("selinux")); // this Debian machine has no SELinux
    }
}
