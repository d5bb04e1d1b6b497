package io.gplay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which commands the daemon may run, where its socket is, and that both clients find the same one. */
class DaemonChoiceTest {
    @TempDir
    Path dir;

    private static boolean eligible(String line) {
        return DaemonClient.eligible(line.split(" "), Map.of());
    }

    @Test
    void runAndAuditGoToTheDaemonOtherCommandsDoNot() {
        assertTrue(eligible("run site.groovy -i inv.yml --check -l web -e k=v"));
        assertTrue(eligible("audit site.groovy -i inv.yml"));
        assertFalse(eligible("repl -i inv.yml"));
        assertFalse(eligible("vault encrypt secrets.yml"));
        assertFalse(eligible("exec -i inv.yml all -a uptime"));
    }

    @Test
    void aPromptOrStandardInputKeepsTheRunInItsOwnProcess() {
        for (String line : List.of("run s.groovy --ask-vault-pass", "run s.groovy -J", "run s.groovy -bK",
                "run s.groovy -k", "run s.groovy --ask-become-pass", "run s.groovy --vault-password-file -",
                "run s.groovy --vault-id prod@-", "run s.groovy --vault-password-file=-", "run s.groovy -e @/dev/stdin",
                "run s.groovy -i /proc/self/fd/0", "run -")) {
            assertFalse(eligible(line), line);
        }
        // an option's value that merely holds such letters is no prompt
        assertTrue(eligible("run s.groovy -l kJK-hosts -e user=Kim"));
    }

    @Test
    void aVaultPasswordScriptRunsInItsOwnProcessForItMayAskOnTheTerminal() throws IOException {
        Path script = Files.writeString(dir.resolve("pass.sh"), "#!/bin/sh\necho secret\n");
        Path plain = Files.writeString(dir.resolve("pass.txt"), "secret\n");
        script.toFile().setExecutable(true);

        assertFalse(DaemonClient.eligible(new String[] {"run", "s.groovy", "--vault-password-file", script.toString()}, Map.of()));
        assertFalse(DaemonClient.eligible(new String[] {"run", "s.groovy", "--vault-id", "prod@" + script}, Map.of()));
        assertFalse(DaemonClient.eligible(new String[] {"run", "s.groovy"}, Map.of("ANSIBLE_VAULT_PASSWORD_FILE", script.toString())));
        assertTrue(DaemonClient.eligible(new String[] {"run", "s.groovy", "--vault-password-file", plain.toString()}, Map.of()));
    }

    @Test
    void onlyTheValuesBinGplayReadsTurnItOn() {
        for (String on : List.of("1", "true", "yes", "on")) {
            assertTrue(DaemonClient.on(on), on);
        }
        for (String off : List.of("0", "off", "false", "no", "", "ON")) {
            assertFalse(DaemonClient.on(off), off);
        }
        assertFalse(DaemonClient.on(null));
    }

    @Test
    void theFolderIsTheUsersOwnAndNoOneElseMayEnterIt() throws IOException {
        Path runtime = Files.createDirectory(dir.resolve("rt"));

        Path folder = DaemonPlace.folder(Map.of("XDG_RUNTIME_DIR", runtime.toString()));

        assertEquals(runtime.resolve("gplay"), folder);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        IOException open = assertThrows(IOException.class, () -> DaemonPlace.folder(Map.of("XDG_RUNTIME_DIR", runtime.toString())));
        assertTrue(open.getMessage().contains("chmod 700"), open.getMessage());
    }

    @Test
    void aFolderTooLongForASocketsPathIsPassedOverForTmp() throws IOException {
        Path deep = Files.createDirectories(dir.resolve("a".repeat(70)));

        assertEquals(Path.of("/tmp", "gplay-" + DaemonPlace.uid()), DaemonPlace.folder(Map.of("XDG_RUNTIME_DIR", deep.toString())));
    }

    @Test
    void theKeyChangesWithTheWorkingDirectoryTheEnvironmentAndTheJar() throws IOException {
        Path jar = Files.writeString(dir.resolve("gplay.jar"), "jar");
        String context = DaemonPlace.context("/srv/ops", Map.of("HOME", "/root", "ANSIBLE_CONFIG", "a.cfg"));
        String key = DaemonPlace.key(List.of("-Xshare:auto"), jar, context);

        assertEquals(key, DaemonPlace.key(List.of("-Xshare:auto"), jar,
                DaemonPlace.context("/srv/ops", Map.of("ANSIBLE_CONFIG", "a.cfg", "HOME", "/root"))));
        assertNotEquals(key, DaemonPlace.key(List.of("-Xshare:auto"), jar,
                DaemonPlace.context("/srv/other", Map.of("HOME", "/root", "ANSIBLE_CONFIG", "a.cfg"))));
        assertNotEquals(key, DaemonPlace.key(List.of("-Xshare:auto"), jar,
                DaemonPlace.context("/srv/ops", Map.of("HOME", "/root", "ANSIBLE_CONFIG", "b.cfg"))));
        assertNotEquals(key, DaemonPlace.key(List.of("-Xmx1g"), jar, context));
        Files.writeString(jar, "rebuilt");
        assertNotEquals(key, DaemonPlace.key(List.of("-Xshare:auto"), jar, context));
    }

    @Test
    void binGplaysPythonClientFindsTheSocketTheJvmsClientFinds() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            assertTrue(System.getenv("CI") == null, "CI needs /usr/bin/python3 (bin/install-deps)");
            return;
        }
        Path jar = Files.writeString(dir.resolve("gplay.jar"), "jar");
        Path client = Path.of("src/launcher/daemon-client.py").toAbsolutePath(); // the cli module's folder
        List<String> options = List.of("-XX:+UseSerialGC", "-Dgplay.home=/opt/gplay ü");
        Process p = new ProcessBuilder(python.toString(), "-I", "-S", "-c",
                "import importlib.util, json, sys\n"
                        + "spec = importlib.util.spec_from_file_location('c', sys.argv[1]); c = importlib.util.module_from_spec(spec)\n"
                        + "spec.loader.exec_module(c)\n"
                        + "print(c.key(sys.argv[3:], sys.argv[2], c.context(dict(__import__('os').environ))))\n",
                client.toString(), jar.toString(), options.get(0), options.get(1))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        // what the child saw: the same variables, and its working directory
        String context = DaemonPlace.context(dir.toString(), env);

        assertEquals(DaemonPlace.key(options, jar, context), out);
    }
}
