package io.gplay.cli;

import io.gplay.engine.vault.VaultPassword;
import io.gplay.engine.vault.VaultSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new InventoryCommand()).execute(args));
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Path inventory() throws Exception {
        Path inv = dir.resolve("hosts.yml");
        Files.writeString(inv, "all:\n  hosts:\n    h1:\n      ansible_password: PlainInvPw-1\n"
                + "      ansible_become_pass: PlainBecome-2\n");
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "vaultpw\n");
        Files.createDirectories(dir.resolve("group_vars/all"));
        Files.writeString(dir.resolve("group_vars/all/secrets.yml"), VaultSecrets.encrypt(
                "db_password: VaultInvPw-3\n".getBytes(StandardCharsets.UTF_8),
                new VaultPassword("default", "vaultpw".getBytes(StandardCharsets.UTF_8))));
        return inv;
    }

    @Test
    void passwordsAndVaultValuesAreMaskedUnlessShowSecretsIsGiven() throws Exception {
        Path inv = inventory();
        String pw = dir.resolve("pw").toString();
        for (String action : new String[] {"--host=h1", "--list"}) {
            String shown = run("-i", inv.toString(), action, "--vault-password-file", pw);
            assertFalse(shown.contains("PlainInvPw-1") || shown.contains("PlainBecome-2")
                    || shown.contains("VaultInvPw-3"), shown);
            assertTrue(shown.contains("\"ansible_password\": \"********\"")
                    && shown.contains("\"db_password\": \"********\""), shown);
        }
        String clear = run("-i", inv.toString(), "--host", "h1", "--vault-password-file", pw, "--show-secrets");
        assertTrue(clear.contains("PlainInvPw-1") && clear.contains("VaultInvPw-3"), clear);
    }
}
