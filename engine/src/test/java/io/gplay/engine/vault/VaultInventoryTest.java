package io.gplay.engine.vault;

import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.inventory.InventoryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.gplay.engine.vault.VaultSecretsTest.DEFAULT;
import static io.gplay.engine.vault.VaultSecretsTest.PROD;
import static io.gplay.engine.vault.VaultSecretsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inventory loader with vault data: an encrypted INI inventory, an encrypted group_vars file, !vault values. */
class VaultInventoryTest {
    @TempDir
    Path dir;

    @Test
    void encryptedInventoryGroupVarsAndVaultValuesAreRead() throws Exception {
        Path inventory = dir.resolve("hosts");
        Files.writeString(inventory, VaultSecrets.encrypt("[db]\ndb1 ansible_host=10.0.0.5\n".getBytes(StandardCharsets.UTF_8), DEFAULT));
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/db.yml"), read("secrets-1.2-prod.yml"));
        Files.writeString(dir.resolve("group_vars/all.yml"), read("inline.yml"));

        Inventory inv = InventoryLoader.load(inventory.toString(), new VaultSecrets(List.of(DEFAULT, PROD), false));

        assertEquals("10.0.0.5", inv.host("db1").var("ansible_host"));
        assertEquals("Adm1n p@ss", inv.host("db1").var("admin_password"));
        assertEquals(5432, inv.host("db1").var("port"));
        // the clear text of secrets-1.2-prod.yml
        assertEquals("s3cr3t-Ünïcode pass", inv.host("db1").var("db_password"));
    }

    @Test
    void vaultDataWithoutPasswordsFailsNamingTheFile() throws Exception {
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, "all:\n  hosts:\n    web1:\n");
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("host_vars/web1.yml"), read("secrets-1.1.yml"));
        VaultException e = assertThrows(VaultException.class, () -> InventoryLoader.load(inventory.toString()));
        assertTrue(e.getMessage().startsWith(dir.resolve("host_vars/web1.yml") + " is vault-encrypted"), e.getMessage());
    }

    @Test
    void anErrorInAnEncryptedInventoryNamesFileAndLineAndQuotesNothing() throws Exception {
        VaultSecrets secrets = new VaultSecrets(List.of(DEFAULT), false);
        for (String name : List.of("hosts.ini", "hosts.yml")) {
            Path inventory = dir.resolve(name);
            String clear = name.endsWith(".ini")
                    ? "[web]\nlocalhost ansible_connection=local db_password=IniSecret-42 x=\"unterminated\n"
                    : "all:\n  hosts:\n    h1: {db_password: IniSecret-42, : }\n    'IniSecret-42': [1]\n";
            Files.writeString(inventory, VaultSecrets.encrypt(clear.getBytes(StandardCharsets.UTF_8), DEFAULT));
            VaultException e = assertThrows(VaultException.class,
                    () -> InventoryLoader.load(inventory.toString(), secrets));
            assertTrue(e.getMessage().matches("\\Q" + inventory + "\\E:[2-4]: .*not shown.*"), e.getMessage());
            assertFalse(e.getMessage().contains("IniSecret"), e.getMessage());
        }
    }
}
