package io.gplay.engine.vault;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files written by ansible-vault (test resources, with their passwords) read by gplay, and gplay's own. */
class VaultSecretsTest {
    static Path resource(String name) {
        try {
            return Path.of(VaultSecretsTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String name) throws Exception {
        return Files.readString(resource(name));
    }

    static VaultPassword password(String label, String file) {
        return new VaultPassword(label, PasswordSource.fromFile(resource(file), label));
    }

    static final VaultPassword DEFAULT = password("default", "password.txt");
    static final VaultPassword PROD = password("prod", "prod-password.txt");

    @Test
    void decryptsFormat11WrittenByAnsibleVault() throws Exception {
        VaultSecrets secrets = new VaultSecrets(List.of(DEFAULT), false);
        assertEquals(read("clear.yml"), secrets.open(read("secrets-1.1.yml"), "secrets-1.1.yml"));
    }

    @Test
    void decryptsFormat12WithTheLabelledPasswordFirstThenTheOthers() throws Exception {
        String text = read("secrets-1.2-prod.yml");
        assertEquals(read("clear.yml"), new VaultSecrets(List.of(DEFAULT, PROD), false).open(text, "f"));
        // a password given under another label still fits, as in Ansible without vault_id_match
        VaultPassword unlabelled = new VaultPassword("default", PROD.bytes());
        assertEquals(read("clear.yml"), new VaultSecrets(List.of(DEFAULT, unlabelled), false).open(text, "f"));
        VaultException e = assertThrows(VaultException.class,
                () -> new VaultSecrets(List.of(DEFAULT, unlabelled), true).open(text, "group_vars/all/vault.yml"));
        assertTrue(e.getMessage().contains("group_vars/all/vault.yml") && e.getMessage().contains("'prod'"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsAnErrorNamingTheFileAndNotThePassword() throws Exception {
        VaultPassword wrong = new VaultPassword("default", "not-the-password".getBytes(StandardCharsets.UTF_8));
        VaultException e = assertThrows(VaultException.class,
                () -> new VaultSecrets(List.of(wrong), false).open(read("secrets-1.1.yml"), "host_vars/web1.yml"));
        assertTrue(e.getMessage().startsWith("host_vars/web1.yml: decryption failed"), e.getMessage());
        assertTrue(e.getMessage().contains("check the password"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    @Test
    void aChangedHmacOrCipherTextIsRefused() throws Exception {
        VaultSecrets secrets = new VaultSecrets(List.of(DEFAULT), false);
        for (int part = 1; part <= 2; part++) {
            String tampered = tamper(read("secrets-1.1.yml"), part);
            VaultException e = assertThrows(VaultException.class, () -> secrets.open(tampered, "secrets.yml"));
            assertTrue(e.getMessage().startsWith("secrets.yml: decryption failed"), e.getMessage());
        }
    }

    @Test
    void damagedVaultDataIsAFormatErrorNamingTheFile() throws Exception {
        VaultSecrets secrets = new VaultSecrets(List.of(DEFAULT), false);
        String text = read("secrets-1.1.yml").replaceFirst("\n.", "\nz");
        VaultException e = assertThrows(VaultException.class, () -> secrets.open(text, "vars.yml"));
        assertTrue(e.getMessage().startsWith("vars.yml: damaged vault data"), e.getMessage());
        VaultException header = assertThrows(VaultException.class,
                () -> secrets.open("$ANSIBLE_VAULT;1.1;AES128\n00\n", "vars.yml"));
        assertTrue(header.getMessage().contains("cipher AES128 is not supported"), header.getMessage());
    }

    @Test
    void vaultDataWithoutAnyPasswordSaysHowToGiveOne() throws Exception {
        VaultException e = assertThrows(VaultException.class,
                () -> VaultSecrets.none().open(read("secrets-1.1.yml"), "secrets.yml"));
        assertTrue(e.getMessage().contains("secrets.yml") && e.getMessage().contains("--vault-password-file"), e.getMessage());
        assertEquals("a: 1\n", VaultSecrets.none().open("a: 1\n", "clear.yml"));
    }

    @Test
    void encryptsAsAnsibleVaultWrites() {
        byte[] plain = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
        String labelled = VaultSecrets.encrypt(plain, PROD);
        List<String> lines = labelled.lines().toList();
        assertEquals("$ANSIBLE_VAULT;1.2;AES256;prod", lines.get(0));
        assertTrue(lines.subList(1, lines.size() - 1).stream().allMatch(l -> l.length() == 80));
        assertTrue(labelled.endsWith("\n"));
        assertTrue(VaultSecrets.encrypt(plain, DEFAULT).startsWith("$ANSIBLE_VAULT;1.1;AES256\n"));
        assertArrayEquals(plain, new VaultSecrets(List.of(PROD), false).decrypt(labelled, "f"));
        // a fresh salt each time
        assertFalse(labelled.equals(VaultSecrets.encrypt(plain, PROD)));
    }

    @Test
    void keyDerivationIsTheJdksPbkdf2ForAUtf8Password() throws Exception {
        byte[] salt = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        // a password longer than SHA-256's block is hashed first to make the HMAC key
        for (String password : List.of("pässwörd", "x", "a pass phrase much longer than the sixty-four bytes of one SHA-256 block")) {
            byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 10_000, 80 * 8)).getEncoded();
            assertArrayEquals(jdk, VaultCipher.pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt, 80), password);
        }
    }

    @Test
    void theEncryptionPasswordIsTheOneOfTheLabelAsked() {
        VaultSecrets secrets = new VaultSecrets(List.of(DEFAULT, PROD), false);
        assertEquals("prod", secrets.forEncryption("prod").label());
        assertEquals("default", secrets.forEncryption(null).label());
        VaultException e = assertThrows(VaultException.class, () -> secrets.forEncryption("dev"));
        assertTrue(e.getMessage().contains("'dev'") && e.getMessage().contains("default, prod"), e.getMessage());
    }

    /** The vault text with one hex digit of its HMAC (part 1) or cipher text (part 2) changed. */
    private static String tamper(String vaultText, int part) {
        VaultFormat.Envelope env = VaultFormat.parse(vaultText, "t");
        String[] inner = new String(HexFormat.of().parseHex(env.body()), StandardCharsets.US_ASCII).split("\n", 3);
        char c = inner[part].charAt(10);
        inner[part] = inner[part].substring(0, 10) + (c == '0' ? '1' : '0') + inner[part].substring(11);
        String body = HexFormat.of().formatHex(String.join("\n", inner).getBytes(StandardCharsets.US_ASCII));
        return VaultFormat.format(body, env.label());
    }
}
