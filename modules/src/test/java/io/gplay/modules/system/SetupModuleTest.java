package io.gplay.modules.system;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
