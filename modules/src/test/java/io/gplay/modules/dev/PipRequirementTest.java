package io.gplay.modules.dev;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the pip module reads a name list and checks an installed version against its specifiers, as Ansible's Package does. */
class PipRequirementTest {
    @Test
    void aNameListIsRecoveredAsAnsibleRecoversIt() {
        assertEquals(List.of("django>1.11.1,<1.11.3", "ipaddress", "simpleproject>1.1.0,<2.0.0"),
                PipRequirement.recover(List.of("django>1.11.1", "<1.11.3", "ipaddress", "simpleproject>1.1.0", "<2.0.0")));
        assertEquals(List.of("django>1.11.1,<1.11.3", "ipaddress", "requests[security,socks]>=2"),
                PipRequirement.recover(List.of("django>1.11.1,<1.11.3,ipaddress", "requests[security,socks]>=2")));
    }

    @Test
    void specifiersAgainstInstalledVersions() {
        assertTrue(PipRequirement.of("Django_Rest.framework>=3.1,<4").satisfiedBy("3.14.0"));
        assertEquals("django-rest-framework", PipRequirement.of("Django_Rest.framework>=3.1,<4").name());
        assertFalse(PipRequirement.of("django<4").satisfiedBy("4.0"));
        assertTrue(PipRequirement.of("django~=4.2.1").satisfiedBy("4.2.9"));
        assertFalse(PipRequirement.of("django~=4.2.1").satisfiedBy("4.3.0"));
        assertTrue(PipRequirement.of("django==4.2.*").satisfiedBy("4.2.11"));
        assertFalse(PipRequirement.of("django!=4.2.*").satisfiedBy("4.2.11"));
        assertTrue(PipRequirement.of("six==1.0").satisfiedBy("1.0.0"), "1.0 and 1.0.0 are one version");
        assertFalse(PipRequirement.of("six>=2.0").satisfiedBy("2.0rc1"), "a release candidate comes before its release");
        assertTrue(PipRequirement.of("six>2.0").satisfiedBy("2.0.post1"));
        assertTrue(PipRequirement.of("six; python_version > '3'").satisfiedBy("1.16.0"));
        assertTrue(PipRequirement.withVersion("six", "1.16").satisfiedBy("1.16.0"));
        assertFalse(PipRequirement.withVersion("six", ">=2").satisfiedBy("1.16.0"));
        assertFalse(PipRequirement.of("git+https://example.com/six.git").plain(), "a URL is never taken as installed");
    }
}
