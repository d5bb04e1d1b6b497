package io.gplay.modules;

import io.gplay.modules.system.CommandModule;
import io.gplay.modules.files.CopyModule;
import io.gplay.modules.files.FileModule;
import io.gplay.modules.files.LineInFileModule;
import io.gplay.modules.system.PackageModule;
import io.gplay.modules.system.ServiceModule;
import io.gplay.modules.system.ShellModule;
import io.gplay.modules.files.TemplateModule;

import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.ModuleInvocation;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenericModulesTest {
    @TempDir
    Path dir;

    @Test
    void fileCreatesDirectoriesLinksAndModesIdempotently() throws Exception {
        String d = dir.resolve("a/b").toString();
        Map<String, Object> p = Map.of("path", d, "state", "directory", "mode", "0750");
        Result check = Harness.run(new FileModule(), p, true);
        assertEquals(Status.CHANGED, check.status());
        assertFalse(Files.exists(Path.of(d)), "check mode created nothing");
        assertEquals(Status.CHANGED, Harness.run(new FileModule(), p, false).status());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(d))));
        assertEquals(Status.OK, Harness.run(new FileModule(), p, false).status(), "second run changes nothing");

        String link = dir.resolve("link").toString();
        Map<String, Object> l = Map.of("path", link, "state", "link", "src", d);
        assertEquals(Status.CHANGED, Harness.run(new FileModule(), l, false).status());
        assertEquals(Path.of(d), Files.readSymbolicLink(Path.of(link)));
        assertEquals(Status.OK, Harness.run(new FileModule(), l, false).status());

        Files.writeString(dir.resolve("plain"), "x");
        Result refused = Harness.run(new FileModule(), Map.of("path", dir.resolve("plain").toString(), "state", "link", "src", d), false);
        assertEquals(Status.FAILED, refused.status());
        assertTrue(refused.msg().contains("force: true"), refused.msg());
    }

    @Test
    void aLinkToATargetThatIsNotThereIsRefusedUnlessForcedAsInAnsible() throws Exception {
        Path link = dir.resolve("etc/app.conf");
        Files.createDirectories(link.getParent());
        Map<String, Object> typo = Map.of("path", link.toString(), "state", "link", "src", dir.resolve("shraed/app.conf").toString());
        for (boolean check : new boolean[] {true, false}) {
            Result refused = Harness.run(new FileModule(), typo, check);
            assertEquals(Status.FAILED, refused.status(), "check mode " + check);
            assertEquals("src file does not exist, use \"force: true\" if you really want to create the link: "
                    + dir.resolve("shraed/app.conf"), refused.msg());
        }
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), "no dangling link made");

        Map<String, Object> forced = Map.of("path", link.toString(), "state", "link", "src", "../later/app.conf", "force", true);
        assertEquals(Status.CHANGED, Harness.run(new FileModule(), forced, false).status());
        assertEquals(Path.of("../later/app.conf"), Files.readSymbolicLink(link));

        // a relative target is looked for from the link's folder, where the link will resolve it
        Files.writeString(dir.resolve("etc/real.conf"), "x\n");
        Map<String, Object> relative = Map.of("path", dir.resolve("etc/alias.conf").toString(), "state", "link", "src", "real.conf");
        assertEquals(Status.CHANGED, Harness.run(new FileModule(), relative, false).status());
        Map<String, Object> wrongFolder = Map.of("path", dir.resolve("etc/alias2.conf").toString(), "state", "link",
                "src", "etc/real.conf");
        assertEquals(Status.FAILED, Harness.run(new FileModule(), wrongFolder, false).status());

        // in a check run, a target an earlier task would make counts
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), new LocalConnection(), true);
        String shared = dir.resolve("shared").toString();
        FileModule file = new FileModule();
        ModuleInvocation.run(file, ParamValidator.resolve(file.spec(), Map.of("path", shared, "state", "directory")), where);
        Result predicted = ModuleInvocation.run(file, ParamValidator.resolve(file.spec(),
                Map.of("path", dir.resolve("etc/shared").toString(), "state", "link", "src", shared)), where);
        assertEquals(Status.CHANGED, predicted.status(), predicted.msg());
    }

    @Test
    void forceReplacesAnEmptyDirectoryWithALinkButNeverWhatADirectoryHolds() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/sub"));
        Files.writeString(data.resolve("db.txt"), "precious\n");
        Map<String, Object> full = Map.of("path", dir.resolve("data").toString(), "state", "link", "src", "/srv",
                "force", true);
        for (boolean check : new boolean[] {true, false}) {
            Result refused = Harness.run(new FileModule(), full, check);
            assertEquals(Status.FAILED, refused.status(), "check mode " + check);
            assertTrue(refused.msg().contains("not empty"), refused.msg());
        }
        assertEquals("precious\n", Files.readString(data.resolve("db.txt")));

        Map<String, Object> empty = Map.of("path", data.toString(), "state", "link", "src", "/srv", "force", true);
        Files.delete(data.resolve("db.txt"));
        assertEquals(Status.CHANGED, Harness.run(new FileModule(), empty, false).status());
        assertEquals(Path.of("/srv"), Files.readSymbolicLink(data));
    }

    @Test
    void copyWritesOnceShowsADiffAndKeepsABackup() throws Exception {
        Path dest = dir.resolve("virt");
        Files.writeString(dest, "quick-read=on\n");
        Map<String, Object> p = Map.of("dest", dest.toString(), "content", "quick-read=off\n", "backup", true);
        Result check = Harness.run(new CopyModule(), p, true);
        assertEquals(Status.CHANGED, check.status());
        assertTrue(check.diffs().get(0).unified().contains("-quick-read=on"));
        assertTrue(check.diffs().get(0).unified().contains("+quick-read=off"));
        assertEquals("quick-read=on\n", Files.readString(dest), "check mode wrote nothing");
        Result real = Harness.run(new CopyModule(), p, false);
        assertEquals(Status.CHANGED, real.status());
        assertEquals("quick-read=off\n", Files.readString(dest));
        assertEquals("quick-read=on\n", Files.readString(Path.of((String) real.data().get("backup_file"))));
        assertEquals(Status.OK, Harness.run(new CopyModule(), p, false).status());
    }

    @Test
    void lineinfileReplacesTheLastMatchAndKeepsEverythingElse() throws Exception {
        Path vol = dir.resolve("glusterd.vol");
        String original = "volume management\n    type mgmt/glusterd\n#   option base-port 49152\nend-volume\n";
        Files.writeString(vol, original);
        Map<String, Object> p = Map.of("path", vol.toString(), "regexp", "#?\\s*option base-port",
                "line", "    option base-port 50152");
        assertEquals(Status.CHANGED, Harness.run(new LineInFileModule(), p, false).status());
        assertEquals(original.replace("#   option base-port 49152", "    option base-port 50152"), Files.readString(vol));
        assertEquals(Status.OK, Harness.run(new LineInFileModule(), p, false).status());
        Map<String, Object> absent = Map.of("path", vol.toString(), "regexp", "base-port", "state", "absent");
        assertEquals(Status.CHANGED, Harness.run(new LineInFileModule(), absent, false).status());
        assertEquals("volume management\n    type mgmt/glusterd\nend-volume\n", Files.readString(vol));
    }

    @Test
    void lineinfileLeavesTheLineWhereItIsWhenTheRegexpMissesAndAnAbsentFileAlone() throws Exception {
        Path conf = dir.resolve("sshd_config");
        Files.writeString(conf, "Port 22\nfoo\n");
        Map<String, Object> p = Map.of("path", conf.toString(), "regexp", "^#?port ", "line", "Port 22");
        assertEquals(Status.OK, Harness.run(new LineInFileModule(), p, false).status());
        assertEquals(Status.OK, Harness.run(new LineInFileModule(), p, false).status());
        assertEquals("Port 22\nfoo\n", Files.readString(conf));

        Path none = dir.resolve("none");
        Map<String, Object> absent = Map.of("path", none.toString(), "line", "x", "state", "absent", "create", true);
        assertEquals(Status.OK, Harness.run(new LineInFileModule(), absent, false).status());
        assertFalse(Files.exists(none));
    }

    @Test
    void commandIsSkippedInCheckModeUnlessItCanBePredicted() throws Exception {
        Path marker = dir.resolve("made");
        Map<String, Object> p = Map.of("cmd", "touch " + marker);
        Result check = Harness.run(new CommandModule(), p, true);
        assertEquals(Status.SKIPPED, check.status());
        assertTrue(check.msg().contains("cannot be predicted"));
        Map<String, Object> creates = Map.of("cmd", "touch " + marker, "creates", marker.toString());
        assertEquals(Status.CHANGED, Harness.run(new CommandModule(), creates, true).status());
        assertFalse(Files.exists(marker), "check mode ran nothing");
        assertEquals(Status.CHANGED, Harness.run(new CommandModule(), creates, false).status());
        assertTrue(Files.exists(marker));
        assertEquals(Status.OK, Harness.run(new CommandModule(), creates, false).status(), "creates makes it idempotent");
        Result probe = Harness.run(new CommandModule(), Map.of("cmd", "echo hello", "readOnly", true), true);
        assertEquals(Status.OK, probe.status());
        assertEquals("hello", probe.data().get("stdout"));
        Result failing = Harness.run(new ShellModule(), Map.of("cmd", "echo oops >&2; exit 3"), false);
        assertEquals(Status.FAILED, failing.status());
        assertEquals(3, failing.data().get("rc"));
        assertTrue(failing.msg().contains("oops"));
    }

    @Test
    void aCommandRegistersWhatAnsiblesCommandDoesInItsForms() throws Exception {
        Result r = Harness.run(new ShellModule(), Map.of("cmd", "printf 'a\\nb\\n'; echo warn >&2; sleep 0.05"), false);
        assertEquals(List.of("a", "b"), r.data().get("stdout_lines"));
        assertEquals(List.of("warn"), r.data().get("stderr_lines"));
        assertTrue(String.valueOf(r.data().get("start")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), r.data().toString());
        assertTrue(String.valueOf(r.data().get("delta")).matches("0:00:00\\.\\d{6}"), r.data().toString());
        assertTrue(String.valueOf(r.data().get("delta")).compareTo("0:00:00.050000") >= 0, "the delta covers the sleep");
        Result quiet = Harness.run(new CommandModule(), Map.of("argv", List.of("true")), false);
        assertEquals(List.of(), quiet.data().get("stdout_lines"), "no output, no lines, as in Ansible");
        assertEquals(List.of("true"), quiet.data().get("cmd"));
    }

    @Test
    void hostileParameterValuesAreData() throws Exception {
        // The marker is relative, so hostile values need no slash: commands run in this process's directory.
        String marker = "gplay-pwned-" + ProcessHandle.current().pid();
        String evil = dir.resolve("x; touch " + marker + " $(touch " + marker + ") `touch " + marker + "`").toString();
        Harness.run(new FileModule(), Map.of("path", evil, "state", "directory"), false);
        Harness.run(new CopyModule(), Map.of("dest", evil + "/f'; touch " + marker + "'", "content", "$(touch " + marker + ")"), false);
        Harness.run(new LineInFileModule(), Map.of("path", evil + "/l\"; touch " + marker, "line", "x", "create", true), false);
        Harness.run(new CommandModule(), Map.of("cmd", "echo x; touch " + marker), false);
        Harness.run(new PackageModule(), Map.of("name", List.of("nosuch; touch " + marker)), true);
        Harness.run(new ServiceModule(), Map.of("name", "x; touch " + marker, "state", "started"), true);
        assertTrue(Files.isDirectory(Path.of(evil)), "the odd path was created as named");
        assertTrue(Files.isRegularFile(Path.of(evil, "f'; touch " + marker + "'")), "the odd file was written as named");
        assertFalse(Files.exists(Path.of(marker)), "no hostile value was executed");
    }

    @Test
    void templateRendersHostVariables() throws Exception {
        Path tpl = dir.resolve("nodes.gtpl");
        Files.writeString(tpl, "<% nodes.each { %>${it}\n<% } %>");
        Path dest = dir.resolve("nodes");
        Map<String, Object> p = Map.of("src", tpl.toString(), "dest", dest.toString(),
                "vars", Map.of("nodes", List.of("10.0.0.1", "10.0.0.2")));
        assertEquals(Status.CHANGED, Harness.run(new TemplateModule(), p, false).status());
        assertEquals("10.0.0.1\n10.0.0.2\n", Files.readString(dest));
        assertEquals(Status.OK, Harness.run(new TemplateModule(), p, false).status());
    }
    @Test
    void aTemplateThatTakesInANullFailsAndWritesNothing() throws Exception {
        Path tpl = dir.resolve("site.conf.gtpl");
        Files.writeString(tpl, "server {\n    listen ${vars.app_prot};\n}\n");
        Path dest = dir.resolve("site.conf");
        Map<String, Object> p = Map.of("src", tpl.toString(), "dest", dest.toString());
        Result r = Harness.run(new TemplateModule(), p, false);
        assertEquals(Status.FAILED, r.status(), r.msg());
        assertTrue(r.msg().contains("listen <null>;"), r.msg());
        assertFalse(Files.exists(dest), "nothing was written");
        Files.writeString(tpl, "listen ${vars.app_port ?: 80};\n<% if (vars.tls) { %>ssl on;\n<% } %>");
        assertEquals(Status.CHANGED, Harness.run(new TemplateModule(), p, false).status(), "?: and a null test stay allowed");
        assertEquals("listen 80;\n", Files.readString(dest));
    }

    @Test
    void aFailedAssertInATemplateFailsTheTaskAsAnyErrorOfThePlaybooksCode() throws Exception {
        Path tpl = dir.resolve("checked.gtpl");
        Files.writeString(tpl, "<% def port = 'assert-port-77'; assert port == 'x' %>listen ${port};\n");
        Path dest = dir.resolve("checked");
        Result r = Harness.run(new TemplateModule(), Map.of("src", tpl.toString(), "dest", dest.toString()), false);
        assertEquals(Status.FAILED, r.status(), r.msg());
        assertTrue(r.msg().contains("assert port == 'x'"), r.msg());
        assertFalse(Files.exists(dest), "nothing was written");
    }
}
