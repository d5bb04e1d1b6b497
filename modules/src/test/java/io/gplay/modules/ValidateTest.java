package io.gplay.modules;

import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.files.CopyModule;
import io.gplay.modules.files.LineInFileModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code validate} on the modules that write a file, as Ansible's: the new content is checked on the host, in a
 * temporary file named by %s, before it replaces the file; when the check refuses it nothing is written.
 */
class ValidateTest {
    @TempDir
    Path dir;

    @Test
    void contentTheCheckRefusesIsNeverWrittenAndTheFileKeepsEveryByte() throws Exception {
        Path conf = dir.resolve("sshd_config");
        Files.writeString(conf, "UseDNS no\n");
        Map<String, Object> bad = Map.of("dest", conf.toString(), "content", "UseDNS maybe\n",
                "validate", "grep -qx -e 'UseDNS yes' -e 'UseDNS no' -- %s");

        Result r = Harness.run(new CopyModule(), bad, false);

        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains(conf + ": validate 'grep -qx -e UseDNS yes -e UseDNS no -- %s' refused the new"
                + " content, so nothing was written"), r.msg());
        assertEquals("UseDNS no\n", Files.readString(conf));
        try (var left = Files.list(dir)) {
            assertEquals(Set.of(conf), Set.copyOf(left.toList()), "no temporary file is left beside it");
        }
    }

    @Test
    void contentTheCheckAcceptsIsWrittenAndTheCheckSeesTheNewContent() throws Exception {
        Path conf = dir.resolve("sshd_config");
        Files.writeString(conf, "UseDNS no\n");
        Map<String, Object> good = Map.of("dest", conf.toString(), "content", "UseDNS yes\n",
                "validate", "grep -qx 'UseDNS yes' %s");

        assertEquals(Status.CHANGED, Harness.run(new CopyModule(), good, false).status());
        assertEquals("UseDNS yes\n", Files.readString(conf));
        assertEquals(Status.OK, Harness.run(new CopyModule(), good, false).status(), "nothing to write: no check");
    }

    @Test
    void realSshdRefusesTheConfigurationThatWouldLockUsersOut() throws Exception {
        Needs.require(Files.isExecutable(Path.of("/usr/sbin/sshd")), "needs /usr/sbin/sshd (openssh-server)");
        Path conf = dir.resolve("sshd_config");
        Files.writeString(conf, "UseDNS no\n");
        Map<String, Object> p = Map.of("dest", conf.toString(), "content", "UseDNS maybe\n",
                "validate", "/usr/sbin/sshd -t -f %s");

        Result r = Harness.run(new CopyModule(), p, false);

        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("unsupported option \"maybe\""), r.msg());
        assertEquals("UseDNS no\n", Files.readString(conf));
    }

    @Test
    void aPathInsideAWordIsReplacedToo() throws Exception {
        Path conf = dir.resolve("app.conf");
        Map<String, Object> p = Map.of("dest", conf.toString(), "content", "x\n",
                "validate", "sh -c 'test -s \"${0#--file=}\"' --file=%s");

        Result r = Harness.run(new CopyModule(), p, false);

        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("x\n", Files.readString(conf));
    }

    @Test
    void lineinfileChecksTheEditedFileBeforeItReplacesIt() throws Exception {
        Path sudoers = dir.resolve("sudoers");
        Files.writeString(sudoers, "root ALL=(ALL) ALL\n");
        Map<String, Object> p = Map.of("path", sudoers.toString(), "line", "%wheel ALL=(ALL) ALL", "regexp", "^%wheel",
                "validate", "grep -q '^root ' %s");
        Map<String, Object> breaking = Map.of("path", sudoers.toString(), "regexp", "^root ", "state", "absent",
                "validate", "grep -q '^root ' %s");

        assertEquals(Status.CHANGED, Harness.run(new LineInFileModule(), p, false).status());
        Result refused = Harness.run(new LineInFileModule(), breaking, false);

        assertEquals(Status.FAILED, refused.status());
        assertEquals("root ALL=(ALL) ALL\n%wheel ALL=(ALL) ALL\n", Files.readString(sudoers));
    }

    @Test
    void checkModePredictsTheChangeWithoutRunningTheCheck() throws Exception {
        Path conf = dir.resolve("c");
        Path ran = dir.resolve("ran");
        Map<String, Object> p = Map.of("dest", conf.toString(), "content", "x\n",
                "validate", "touch " + ran + " %s");

        assertEquals(Status.CHANGED, Harness.run(new CopyModule(), p, true).status());
        assertTrue(Files.notExists(ran) && Files.notExists(conf));
    }

    @Test
    void aCheckThatDoesNotNameTheFileIsRefusedWhenThePlanIsMade() {
        var problems = ParamValidator.problems(new CopyModule().spec(),
                Map.of("dest", "/etc/sudoers", "content", "x", "validate", "visudo -c"), Set.of());

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("parameter 'validate' must be a command naming the file it checks as %s,"
                + " such as 'visudo -cf %s', got String visudo -c"), problems.get(0));
    }
}
