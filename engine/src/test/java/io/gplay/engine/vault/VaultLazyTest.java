package io.gplay.engine.vault;

import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.inventory.InventoryLoader;
import io.gplay.engine.inventory.InventoryView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.gplay.engine.vault.VaultSecretsTest.DEFAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An inventory's !vault values are decrypted when read, each derived key kept for its password and salt. */
class VaultLazyTest {
    @TempDir
    Path dir;

    private static String vaultValue(String clear, VaultPassword pw) {
        return "!vault |\n  " + VaultSecrets.encrypt(clear.getBytes(StandardCharsets.UTF_8), pw).replace("\n", "\n  ")
                .stripTrailing() + "\n";
    }

    @Test
    void aVaultValueIsDecryptedWhenItIsReadAndMaskedFromThen() throws Exception {
        VaultPassword other = new VaultPassword("default", "not-given".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    h1:\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), "first: " + vaultValue("LazyFirst-1", DEFAULT)
                + "unread: " + vaultValue("LazyUnread-2", other) + "later: " + vaultValue("LazyLater-3", DEFAULT));

        // the value under a password not given is never decrypted while it is not read
        Inventory inv = InventoryLoader.load(dir.resolve("hosts.yml").toString(),
                new VaultSecrets(List.of(DEFAULT), false));

        assertEquals("LazyLater-3", inv.host("h1").var("later"));
        assertEquals("a ********", SecretMask.global().mask("a LazyLater-3"));
        VaultException e = assertThrows(VaultException.class, () -> inv.host("h1").var("unread"));
        assertTrue(e.getMessage().startsWith(dir.resolve("group_vars/all.yml") + ":"), e.getMessage());
        Map<String, Object> vars = ResolvingVars.of(new java.util.LinkedHashMap<>(inv.host("h1").vars()));
        assertEquals("LazyFirst-1", vars.get("first"));
        assertEquals("LazyLater-3", String.valueOf(ResolvingVars.copyOf(vars).get("later")));
        // overwriting or removing a variable does not read it
        vars.put("unread", "plain");
        assertEquals("plain", vars.remove("unread"));
        assertThrows(VaultException.class, () -> InventoryView.host(inv, "h1"));
    }

    @Test
    void aWrongPasswordIsStillFoundWhenTheInventoryIsRead() throws Exception {
        Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    h1:\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), "first: " + vaultValue("x", DEFAULT));
        VaultPassword wrong = new VaultPassword("default", "wrong".getBytes(StandardCharsets.UTF_8));
        assertThrows(VaultException.class, () -> InventoryLoader.load(dir.resolve("hosts.yml").toString(),
                new VaultSecrets(List.of(wrong), false)));
        Path inline = dir.resolve("inline/hosts.yml");
        Files.createDirectories(inline.getParent());
        Files.writeString(inline, "all:\n  hosts:\n    h1:\n      pw: " + vaultValue("x", DEFAULT).replace("\n  ", "\n        "));
        assertEquals("x", InventoryLoader.load(inline.toString(), new VaultSecrets(List.of(DEFAULT), false))
                .host("h1").var("pw"));
        VaultException e = assertThrows(VaultException.class, () -> InventoryLoader.load(inline.toString(),
                new VaultSecrets(List.of(wrong), false)));
        assertTrue(e.getMessage().startsWith(inline + ":4: decryption failed"), e.getMessage());
    }

    @Test
    void theKeyDerivedForAPasswordAndSaltIsKept() throws Exception {
        String body = VaultCipher.encrypt("v".getBytes(StandardCharsets.UTF_8), DEFAULT.bytes());
        byte[] salt = java.util.HexFormat.of().parseHex(new String(java.util.HexFormat.of().parseHex(
                body.replaceAll("\\s", "")), StandardCharsets.US_ASCII).split("\n")[0]);
        assertFalse(VaultCipher.keysKept(DEFAULT.bytes(), salt), "encryption keeps no key: its salt is fresh");
        VaultCipher.decrypt(body, DEFAULT.bytes());
        assertTrue(VaultCipher.keysKept(DEFAULT.bytes(), salt), "the keys of a decryption are kept for the next");
        assertFalse(VaultCipher.keysKept("other".getBytes(StandardCharsets.UTF_8), salt));
    }
}
