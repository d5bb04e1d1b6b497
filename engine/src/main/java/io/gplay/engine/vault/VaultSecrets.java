package io.gplay.engine.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The vault passwords of a run, in the order they were given, and what can be done with them: decrypt a vault
 * text (a whole file or one {@code !vault} value) and encrypt one.
 *
 * <p>As in Ansible, a vault text whose header names a label is tried first with the passwords of that label,
 * then with all others (unless {@code vault_id_match} is set). A wrong password and a changed file look the
 * same (the HMAC does not match), so one error says both.
 */
public final class VaultSecrets {
    private final List<VaultPassword> passwords;
    private final boolean onlyMatchingLabel;
    private final boolean sealed;

    public VaultSecrets(List<VaultPassword> passwords, boolean onlyMatchingLabel) {
        this(passwords, onlyMatchingLabel, false);
    }

    private VaultSecrets(List<VaultPassword> passwords, boolean onlyMatchingLabel, boolean sealed) {
        this.passwords = List.copyOf(passwords);
        this.onlyMatchingLabel = onlyMatchingLabel;
        this.sealed = sealed;
    }

    /** No passwords: vault data is an error that says how to give one. */
    public static VaultSecrets none() {
        return new VaultSecrets(List.of(), false);
    }

    /**
     * For {@code --syntax-check}: no password is asked or run for, and vault data is never opened; a vault file
     * reads as empty, a {@code !vault} value as "".
     */
    public static VaultSecrets sealed() {
        return new VaultSecrets(List.of(), false, true);
    }

    public List<VaultPassword> passwords() {
        return passwords;
    }

    /** {@code text} unchanged, or its clear text if it is a vault text (a whole encrypted file). */
    public String open(String text, String where) {
        return VaultFormat.isEncrypted(text) ? new String(decrypt(text, where), StandardCharsets.UTF_8) : text;
    }

    /** The clear bytes of a vault text; {@code where} (a file, FILE:LINE) names it in errors. */
    public byte[] decrypt(String vaultText, String where) {
        return decryptForEdit(vaultText, where).clear();
    }

    /** Clear bytes, and the password to encrypt them again with: the one that fitted, under the text's label. */
    public record Decrypted(byte[] clear, VaultPassword rewriteWith) {
    }

    /** As {@link #decrypt}, keeping what writing the text back needs (as ansible-vault edit does). */
    public Decrypted decryptForEdit(String vaultText, String where) {
        VaultFormat.Envelope envelope = VaultFormat.parse(vaultText, where);
        if (sealed) {
            return new Decrypted(new byte[0], null);
        }
        if (passwords.isEmpty()) {
            throw new VaultException(where + " is vault-encrypted and no vault password was given: give one with "
                    + "--vault-password-file FILE, --vault-id LABEL@FILE or --ask-vault-pass");
        }
        List<VaultPassword> candidates = new ArrayList<>();
        passwords.stream().filter(p -> p.label().equals(envelope.label())).forEach(candidates::add);
        if (!onlyMatchingLabel) {
            passwords.stream().filter(p -> !p.label().equals(envelope.label())).forEach(candidates::add);
        }
        for (VaultPassword p : candidates) {
            try {
                return new Decrypted(VaultCipher.decrypt(envelope.body(), p.bytes()),
                        new VaultPassword(envelope.label(), p.bytes()));
            } catch (VaultCipher.WrongPassword e) {
                // the next password may fit
            } catch (IllegalArgumentException e) {
                throw new VaultException(where + ": damaged vault data (" + e.getMessage() + "); restore the file "
                        + "or encrypt it again");
            }
        }
        throw new VaultException(where + ": decryption failed: " + (candidates.isEmpty()
                ? "no vault password has the label '" + envelope.label() + "' it was encrypted with (vault_id_match is set)"
                : "none of the vault passwords given (" + labels(candidates) + ") fits, or the file was changed "
                + "since it was encrypted") + "; check the password, or restore the file");
    }

    /**
     * The password to encrypt with: the first one labelled {@code label}, or the first of all when
     * {@code label} is null (as ansible-vault's --encrypt-vault-id).
     */
    public VaultPassword forEncryption(String label) {
        if (passwords.isEmpty()) {
            throw new VaultException("a vault password is needed to encrypt: give one with --vault-password-file, "
                    + "--vault-id or --ask-vault-pass");
        }
        if (label == null) {
            return passwords.get(0);
        }
        return passwords.stream().filter(p -> p.label().equals(label)).findFirst().orElseThrow(() ->
                new VaultException("no vault password has the label '" + label + "' given to --encrypt-vault-id "
                        + "(the labels given: " + labels(passwords) + ")"));
    }

    /** The vault text of {@code plain}, encrypted with {@code password} and labelled with its label. */
    public static String encrypt(byte[] plain, VaultPassword password) {
        return VaultFormat.format(VaultCipher.encrypt(plain, password.bytes()), password.label());
    }

    private static String labels(List<VaultPassword> ps) {
        return String.join(", ", ps.stream().map(VaultPassword::label).distinct().toList());
    }
}
