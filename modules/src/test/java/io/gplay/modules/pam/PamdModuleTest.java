package io.gplay.modules.pam;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pamd on copies of Debian bookworm's /etc/pam.d files (src/test/resources/pam), against what community.general's
 * pamd (ansible-core 2.14.18) wrote for the same file and parameters (src/test/resources/pam/ansible/CASE-NAME):
 * Ansible rewrites every rule in its format and adds a timestamped mark; gplay's file, read back and written in
 * Ansible's format without the mark, is the same bytes, and the lines the change did not touch keep theirs.
 */
class PamdModuleTest {
    @TempDir
    Path dir;

    String copy(String name) throws IOException {
        try (InputStream in = PamdModuleTest.class.getResourceAsStream("/pam/" + name)) {
            Files.write(dir.resolve(name), in.readAllBytes());
        }
        return Files.readString(dir.resolve(name));
    }

    static String resource(String path) throws IOException {
        try (InputStream in = PamdModuleTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Result run(String name, Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("name", name);
        p.put("path", dir.toString());
        return Harness.run(new PamdModule(), p, check);
    }

    /** Check run, real run, converged run; returns the file written. */
    String converge(String name, Map<String, Object> params, int count) throws IOException {
        String before = Files.readString(dir.resolve(name));
        Result check = run(name, params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, Files.readString(dir.resolve(name)), "check mode writes nothing");
        Result real = run(name, params, false);
        assertEquals(check.descriptions(), real.descriptions(), real.msg());
        assertEquals(check.diffs(), real.diffs());
        assertEquals(count, real.registered().get("change_count"));
        Result again = run(name, params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertEquals(0, again.registered().get("change_count"));
        return Files.readString(dir.resolve(name));
    }

    /** A file as Ansible's pamd writes it: each rule in its format, the "# Updated by Ansible" mark left out. */
    static String ansibleFormat(String text) {
        return text.lines().filter(l -> !l.startsWith("# Updated by Ansible - ")).map(l -> {
            String left = l.stripLeading();
            PamRule r = left.startsWith("#") || left.startsWith("@include") || l.isBlank() ? null : PamRule.parse(l);
            return r == null ? l : r.ansibleLine();
        }).collect(Collectors.joining("\n", "", "\n"));
    }

    // ansible localhost -m community.general.pamd -a "path=DIR name=common-auth type=auth control='[success=1 default=ignore]'
    //   module_path=pam_unix.so module_arguments=nullok,try_first_pass state=args_present"
    @Test
    void argsPresentAddsTheMissingArgument() throws IOException {
        String original = copy("common-auth");
        String out = converge("common-auth", Map.of("type", "auth", "control", "[success=1 default=ignore]", "modulePath", "pam_unix.so",
                "moduleArguments", List.of("nullok", "try_first_pass"), "state", "args_present"), 1);
        assertEquals(original.replace("auth\t[success=1 default=ignore]\tpam_unix.so nullok\n",
                "auth       [success=1 default=ignore] pam_unix.so nullok try_first_pass\n"), out);
        assertEquals(ansibleFormat(resource("/pam/ansible/a1-common-auth")), ansibleFormat(out));
    }

    // ansible localhost -m community.general.pamd -a "path=DIR name=common-auth type=auth control=requisite module_path=pam_deny.so
    //   new_type=auth new_control=optional new_module_path=pam_faildelay.so module_arguments=delay=4000000 state=before"
    @Test
    void beforeInsertsARuleAndKeepsTheCommentAnsibleDrops() throws IOException {
        String original = copy("common-auth");
        String out = converge("common-auth", Map.of("type", "auth", "control", "requisite", "modulePath", "pam_deny.so", "newType", "auth",
                "newControl", "optional", "newModulePath", "pam_faildelay.so", "moduleArguments", "delay=4000000", "state", "before"), 1);
        String comment = "# here's the fallback if no module succeeds\n";
        assertEquals(original.replace(comment, comment + "auth       optional pam_faildelay.so delay=4000000\n"), out);
        assertEquals(ansibleFormat(resource("/pam/ansible/a2-common-auth")), ansibleFormat(out.replace(comment, "")),
                "the same rules in the same order as Ansible's; Ansible lost the comment above the rule");
    }

    // ansible localhost -m community.general.pamd -a "path=DIR name=common-auth type=auth control=required module_path=pam_permit.so
    //   new_type=auth new_control=optional new_module_path=pam_echo.so module_arguments='file=/etc/issue' state=after"
    @Test
    void afterInsertsARuleRightAfterTheOneMatched() throws IOException {
        String original = copy("common-auth");
        String out = converge("common-auth", Map.of("type", "auth", "control", "required", "modulePath", "pam_permit.so", "newType", "auth",
                "newControl", "optional", "newModulePath", "pam_echo.so", "moduleArguments", "file=/etc/issue", "state", "after"), 1);
        String permit = "auth\trequired\t\t\tpam_permit.so\n";
        assertEquals(original.replace(permit, permit + "auth       optional pam_echo.so file=/etc/issue\n"), out);
        assertEquals(ansibleFormat(resource("/pam/ansible/a3-common-auth")),
                ansibleFormat(out.replace("# and here are more per-package modules (the \"Additional\" block)\n", "")));
    }

    // ansible localhost -m community.general.pamd -a "path=DIR name=su type=session control=optional module_path=pam_mail.so state=absent"
    // ansible localhost -m community.general.pamd -a "path=DIR name=su type=session control=required module_path=pam_env.so
    //   module_arguments=readenv=0 state=args_present"
    @Test
    void absentAndAKeyValueArgumentOnEveryMatchingRule() throws IOException {
        String original = copy("su");
        String out = converge("su", Map.of("type", "session", "control", "optional", "modulePath", "pam_mail.so", "state", "absent"), 1);
        assertEquals(original.replace("session    optional   pam_mail.so nopen\n", ""), out);
        assertEquals(ansibleFormat(resource("/pam/ansible/a4-su")), ansibleFormat(out));
        copy("su");
        out = converge("su", Map.of("type", "session", "control", "required", "modulePath", "pam_env.so",
                "moduleArguments", List.of("readenv=0"), "state", "args_present"), 2);
        assertEquals(ansibleFormat(resource("/pam/ansible/a5-su")), ansibleFormat(out));
        assertTrue(out.contains("session       required   pam_limits.so") || out.contains("session    required   pam_limits.so"), "untouched rules keep their columns");
    }

    // ansible localhost -m community.general.pamd -a "path=DIR name=login type=session control=optional module_path=pam_motd.so
    //   new_control=required state=updated"
    @Test
    void updatedChangesEveryMatchingRule() throws IOException {
        String original = copy("login");
        String out = converge("login", Map.of("type", "session", "control", "optional", "modulePath", "pam_motd.so", "newControl", "required"), 2);
        assertEquals(original.replace("session    optional   pam_motd.so motd=/run/motd.dynamic\n", "session    required pam_motd.so motd=/run/motd.dynamic\n")
                .replace("session    optional   pam_motd.so noupdate\n", "session    required pam_motd.so noupdate\n"), out);
        assertEquals(ansibleFormat(resource("/pam/ansible/a6-login")), ansibleFormat(out));
        Map<String, Object> absent = Map.of("type", "session", "control", "required", "modulePath", "pam_motd.so",
                "moduleArguments", "noupdate", "state", "args_absent");
        assertFalse(converge("login", absent, 1).contains("pam_motd.so noupdate"));
    }

    @Test
    void anInvalidFileOrAHostileValueIsRefusedAndNothingWritten() throws IOException {
        String original = copy("su");
        Result bad = run("su", Map.of("type", "session", "control", "required", "modulePath", "pam_env.so", "newControl", "$(touch x)"), false);
        assertEquals(Status.FAILED, bad.status());
        assertTrue(bad.msg().contains("Rule control, $(touch x), is not valid"), bad.msg());
        assertEquals(original, Files.readString(dir.resolve("su")));
        Result name = run("../su", Map.of("type", "session", "control", "required", "modulePath", "pam_env.so", "state", "absent"), false);
        assertEquals(Status.FAILED, name.status());
        assertTrue(name.msg().contains("without '/'"), name.msg());
        Files.writeString(dir.resolve("broken"), "auth required pam_unix.so\n  # indented\n");
        Result broken = run("broken", Map.of("type", "auth", "control", "required", "modulePath", "pam_unix.so", "state", "absent"), false);
        assertEquals(Status.FAILED, broken.status(), "an indented comment, as Ansible refuses it");
        Result missing = run("nothere", Map.of("type", "auth", "control", "required", "modulePath", "pam_unix.so"), false);
        assertTrue(missing.msg().contains("Unable to open/read PAM module file"), missing.msg());
    }
}
