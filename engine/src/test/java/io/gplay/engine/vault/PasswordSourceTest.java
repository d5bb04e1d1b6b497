package io.gplay.engine.vault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordSourceTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private static String text(VaultPassword p) {
        return new String(p.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aFileGivesItsContentWithoutSurroundingWhitespace() throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, " \tpass word\r\n\n");
        List<VaultPassword> ps = PasswordSource.load(List.of("prod@" + f, f.toString()), false, p -> null, w -> { });
        assertEquals(List.of("prod", "default"), ps.stream().map(VaultPassword::label).toList());
        assertEquals("pass word", text(ps.get(0)));
    }

    @Test
    void anExecutableGivesWhatItPrintsWithoutTheLineEnd() throws Exception {
        Path s = script("pw.sh", "printf ' from script \\n'");
        assertEquals(" from script ", text(PasswordSource.load(List.of("x@" + s), false, p -> null, w -> { }).get(0)));
    }

    @Test
    void aClientScriptIsAskedForTheLabel() throws Exception {
        Path s = script("pass-client.py", "[ \"$1\" = --vault-id ] && echo \"pw-for-$2\"");
        assertEquals("pw-for-prod", text(PasswordSource.load(List.of("prod@" + s), false, p -> null, w -> { }).get(0)));
    }

    @Test
    void aFailingSourceIsAWarningWhileAnotherGivesAPassword() throws Exception {
        Path bad = script("bad.sh", "exit 3");
        Path good = dir.resolve("good");
        Files.writeString(good, "pw\n");
        List<String> warnings = new ArrayList<>();
        List<VaultPassword> ps = PasswordSource.load(List.of("a@" + bad, "b@" + good), false, p -> null, warnings::add);
        assertEquals(List.of("b"), ps.stream().map(VaultPassword::label).toList());
        assertEquals(List.of("vault password script " + bad + " exited 3"), warnings);
        VaultException e = assertThrows(VaultException.class,
                () -> PasswordSource.load(List.of("a@" + bad, "c@" + dir.resolve("missing")), false, p -> null, w -> { }));
        assertEquals("vault password file " + dir.resolve("missing") + " not found", e.getMessage());
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThrows(VaultException.class, () -> PasswordSource.load(List.of(empty.toString()), false, p -> null, w -> { }));
    }

    @Test
    void promptsAskAsAnsibleDoesAndANewPasswordTwice() {
        Deque<String> answers = new ArrayDeque<>(List.of(" typed \n", "new", "new", "new", "other"));
        List<String> asked = new ArrayList<>();
        PasswordSource.Prompter prompter = q -> {
            asked.add(q);
            return answers.pop();
        };
        List<VaultPassword> ps = PasswordSource.load(PasswordSource.vaultIds(List.of("dev@prompt"), List.of(), false, true),
                false, prompter, w -> { });
        assertEquals("typed", text(ps.get(0)));
        assertEquals("dev", ps.get(0).label());
        PasswordSource.load(PasswordSource.vaultIds(List.of(), List.of(), true, false), true, prompter, w -> { });
        VaultException e = assertThrows(VaultException.class, () -> PasswordSource.load(List.of("x@prompt"), true, prompter, w -> { }));
        assertEquals("the vault passwords entered do not match", e.getMessage());
        assertEquals(List.of("Vault password (dev): ", "New Vault password: ", "Confirm New Vault password: ",
                "New vault password (x): ", "Confirm new vault password (x): "), asked);
    }

    @Test
    void vaultIdsComeInAnsiblesOrder() {
        assertEquals(List.of("a@x", "default@f1", "default@prompt_ask_vault_pass"),
                PasswordSource.vaultIds(List.of("a@x"), List.of("f1"), true, false));
        assertEquals(List.of(), PasswordSource.vaultIds(List.of(), List.of(), false, false));
        assertEquals(List.of("default@prompt_ask_vault_pass"), PasswordSource.vaultIds(List.of(), List.of(), false, true));
        assertThrows(VaultException.class, () -> PasswordSource.load(List.of("a;b@x"), false, p -> null, w -> { }));
    }

    @Test
    void aLabelThatCannotBeWrittenInAVaultHeaderIsRefused() throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "pw\n");
        for (String label : List.of("a\nb", "a b", "", "a\u0007")) {
            VaultException e = assertThrows(VaultException.class,
                    () -> PasswordSource.load(List.of(label + "@" + f), false, p -> null, w -> { }));
            assertTrue(e.getMessage().contains("not a valid vault ID label"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertEquals("prod-2.eu_x", PasswordSource.load(List.of("prod-2.eu_x@" + f), false, p -> null, w -> { })
                .get(0).label());
    }

    @Test
    void aPasswordScriptThatDoesNotFinishIsKilledAfterItsTimeout() throws Exception {
        Path marker = dir.resolve("child-alive");
        Path s = script("hang.sh", "(sleep 5; touch " + marker + ") & sleep 1000");
        long start = System.nanoTime();
        VaultException e = assertThrows(VaultException.class,
                () -> PasswordSource.fromFile(s, null, Duration.ofMillis(500)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 4000, millis + " ms");
        assertTrue(e.getMessage().contains("did not finish within") && e.getMessage().contains("killed"), e.getMessage());
        assertTrue(e.getMessage().contains("GPLAY_VAULT_SCRIPT_TIMEOUT"), e.getMessage());
        Thread.sleep(5500);
        assertFalse(Files.exists(marker), "the script's children are killed too");
    }
}
