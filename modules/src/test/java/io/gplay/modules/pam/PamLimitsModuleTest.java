package io.gplay.modules.pam;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pamLimits on a copy of Debian bookworm's /etc/security/limits.conf (libpam-modules), against the files
 * community.general's pam_limits (ansible-core 2.14.18) wrote from it (src/test/resources/pam/ansible/limits-*).
 */
class PamLimitsModuleTest {
    @TempDir
    Path dir;

    Path conf() throws IOException {
        Path conf = dir.resolve("limits.conf");
        if (!Files.exists(conf)) {
            Files.write(conf, PamdModuleTest.resource("/pam/limits.conf").getBytes());
        }
        return conf;
    }

    Result run(Map<String, Object> params, boolean check) throws IOException {
        Map<String, Object> p = new HashMap<>(params);
        p.putIfAbsent("dest", conf().toString());
        return Harness.run(new PamLimitsModule(), p, check);
    }

    /** Check run, real run, converged run; returns the real run. */
    Result converge(Map<String, Object> params) throws IOException {
        Path dest = Path.of((String) params.getOrDefault("dest", conf().toString()));
        String before = Files.exists(dest) ? Files.readString(dest) : "none";
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, Files.exists(dest) ? Files.readString(dest) : "none", "check mode writes nothing");
        Result real = run(params, false);
        assertEquals(check.descriptions(), real.descriptions(), real.msg());
        assertEquals(check.diffs(), real.diffs());
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        return real;
    }

    @Test
    void theSameBytesAsAnsibleWrote() throws IOException {
        // ansible localhost -m community.general.pam_limits -a "dest=FILE domain=* limit_type=soft limit_item=nofile value=64000"
        Result added = converge(Map.of("domain", "*", "limitType", "soft", "limitItem", "nofile", "value", 64000));
        assertEquals("*\tsoft\tnofile\t64000\n", added.registered().get("msg"));
        assertEquals(PamdModuleTest.resource("/pam/ansible/limits-b1.conf"), Files.readString(conf()));
        // then, each with dest=FILE: domain=* limit_type=soft limit_item=nofile value=128000 comment=raised;
        // domain=@dba limit_type=hard limit_item=memlock value=unlimited comment=sga; the same with value=1024 use_max=yes
        // (unchanged); the same with value=1024 use_min=yes; domain=bob limit_type=- limit_item=nice value=-5 comment=x
        converge(Map.of("domain", "*", "limitType", "soft", "limitItem", "nofile", "value", 128000, "comment", "raised"));
        converge(Map.of("domain", "@dba", "limitType", "hard", "limitItem", "memlock", "value", "unlimited", "comment", "sga"));
        assertEquals(Status.OK, run(Map.of("domain", "@dba", "limitType", "hard", "limitItem", "memlock", "value", 1024, "useMax", true,
                "comment", "sga"), false).status(), "no limit is larger than 1024");
        converge(Map.of("domain", "@dba", "limitType", "hard", "limitItem", "memlock", "value", 1024, "useMin", true, "comment", "sga"));
        converge(Map.of("domain", "bob", "limitType", "-", "limitItem", "nice", "value", -5, "comment", "x"));
        assertEquals(PamdModuleTest.resource("/pam/ansible/limits-b5.conf"), Files.readString(conf()));
    }

    @Test
    void aLimitKeepsItsOwnCommentAndNoOtherLines() throws IOException {
        // Ansible (the same command, value=200) writes "web\tsoft\tnproc\t200\t# own\n\n": the old comment with its line break
        Files.writeString(conf(), "web soft nproc 100 # own\n@ops hard core 0\n");
        Result r = converge(Map.of("domain", "web", "limitType", "soft", "limitItem", "nproc", "value", 200));
        assertEquals("web\tsoft\tnproc\t200\t# own\n@ops hard core 0\n", Files.readString(conf()));
        assertEquals("web\tsoft\tnproc\t200\t# own\n", r.registered().get("msg"));
        converge(Map.of("domain", "@ops", "limitType", "soft", "limitItem", "core", "value", 0));
        assertEquals("web\tsoft\tnproc\t200\t# own\n@ops hard core 0\n@ops\tsoft\tcore\t0\n", Files.readString(conf()),
                "Ansible would put '# own' on this line too");
    }

    @Test
    void aMissingDropInIsCreated() throws IOException {
        String dropIn = dir.resolve("90-nofile.conf").toString();
        converge(Map.of("domain", "*", "limitType", "-", "limitItem", "nofile", "value", 65536, "dest", dropIn));
        assertEquals("*\t-\tnofile\t65536\n", Files.readString(Path.of(dropIn)));
    }

    @Test
    void badValuesAndHostileDomainsAreRefused() throws IOException {
        String before = Files.readString(conf());
        Result nice = run(Map.of("domain", "bob", "limitType", "soft", "limitItem", "nice", "value", 20), false);
        assertTrue(nice.msg().contains("range -20 to 19"), nice.msg());
        Result word = run(Map.of("domain", "bob", "limitType", "soft", "limitItem", "nofile", "value", "$(reboot)"), false);
        assertTrue(word.msg().contains("'unlimited', 'infinity' or -1"), word.msg());
        Result domain = run(Map.of("domain", "bob\n* hard core unlimited", "limitType", "soft", "limitItem", "core", "value", 0), false);
        assertTrue(domain.msg().contains("without blanks or '#'"), domain.msg());
        Result both = run(Map.of("domain", "bob", "limitType", "soft", "limitItem", "core", "value", 0, "useMax", true, "useMin", true), false);
        assertEquals(Status.FAILED, both.status());
        assertEquals(before, Files.readString(conf()));
        Files.writeString(conf(), "bob soft nofile lots\n");
        Result broken = run(Map.of("domain", "bob", "limitType", "soft", "limitItem", "core", "value", 0), false);
        assertTrue(broken.msg().contains("Invalid configuration found: line 1"), broken.msg());
        assertFalse(Files.readString(conf()).contains("core"));
    }
}
