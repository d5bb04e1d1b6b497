package io.gplay.engine.vault;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.gplay.engine.vault.VaultSecretsTest.DEFAULT;
import static io.gplay.engine.vault.VaultSecretsTest.PROD;
import static io.gplay.engine.vault.VaultSecretsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaultYamlTest {
    @Test
    void vaultTaggedValuesAreTheirClearTextAndMasked() throws Exception {
        Map<?, ?> vars = (Map<?, ?>) VaultYaml.load(read("inline.yml"), "inline.yml", new LoaderOptions(),
                new VaultSecrets(List.of(DEFAULT, PROD), false));
        // the strings given to ansible-vault encrypt_string when inline.yml was made
        assertEquals("Adm1n p@ss", vars.get("admin_password"));
        assertEquals("line one of a key\nline two of a key", vars.get("prod_key"));
        assertEquals("visible", vars.get("plain"));
        String masked = SecretMask.global().mask("login admin with Adm1n p@ss; key starts line one of a key; visible");
        assertEquals("login admin with ********; key starts ********; visible", masked);
    }

    @Test
    void aWholeEncryptedFileIsReadAsItsClearTextAndEachValueMasked() throws Exception {
        Object vars = VaultYaml.load(read("secrets-1.2-prod.yml"), "secrets.yml", new LoaderOptions(),
                new VaultSecrets(List.of(PROD), false));
        assertEquals(new Yaml().load(read("clear.yml")), vars);
        Map<?, ?> map = (Map<?, ?>) vars;
        String line = "db=" + map.get("db_password") + " token=" + map.get("api_token") + " port=" + map.get("port");
        assertEquals("db=******** token=******** port=********", SecretMask.global().mask(line));
    }

    @Test
    void aVaultValueThatDoesNotDecryptNamesFileAndLine() throws Exception {
        VaultPassword wrong = new VaultPassword("default", "wrong".getBytes(StandardCharsets.UTF_8));
        VaultException e = assertThrows(VaultException.class, () -> VaultYaml.load(read("inline.yml"),
                "group_vars/all.yml", new LoaderOptions(), new VaultSecrets(List.of(wrong), false)));
        assertTrue(e.getMessage().startsWith("group_vars/all.yml:3: decryption failed"), e.getMessage());
        VaultException notVault = assertThrows(VaultException.class, () -> VaultYaml.load("a: !vault |\n  hello\n",
                "v.yml", new LoaderOptions(), new VaultSecrets(List.of(wrong), false)));
        assertTrue(notVault.getMessage().startsWith("v.yml:1: not a vault header"), notVault.getMessage());
    }

    @Test
    void aSyntaxErrorInAnEncryptedFileNamesFileAndLineAndShowsNoContent() {
        VaultSecrets secrets = new VaultSecrets(List.of(DEFAULT), false);
        for (String clear : List.of("a: 1\ndb_password: TopSecretValue-123: oops\n", "a: 1\nb: \"TopSecretValue-123\n",
                "- x\nk: TopSecretValue-123\n")) {
            String vault = VaultSecrets.encrypt(clear.getBytes(StandardCharsets.UTF_8), DEFAULT);
            VaultException e = assertThrows(VaultException.class,
                    () -> VaultYaml.load(vault, "vars/s.yml", new LoaderOptions(), secrets));
            assertTrue(e.getMessage().matches("vars/s.yml:[23]: [^\\n]+"), e.getMessage());
            assertTrue(e.getMessage().contains("not shown"), e.getMessage());
            assertFalse(e.getMessage().contains("TopSecret"), e.getMessage());
            assertFalse(e.getMessage().contains("^"), e.getMessage());
        }
    }

    @Test
    void aSyntaxErrorInAPlainFileNamesFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VaultYaml.load(
                "a: 1\nb: c: d\n", "vars/p.yml", new LoaderOptions(), VaultSecrets.none()));
        assertTrue(e.getMessage().startsWith("vars/p.yml:2:5: mapping values are not allowed here"), e.getMessage());
    }
}
