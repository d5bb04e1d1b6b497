package io.gplay.cli;

import io.gplay.engine.config.AnsibleConfig;
import io.gplay.engine.vault.PasswordSource;
import io.gplay.engine.vault.TerminalPrompt;
import io.gplay.engine.vault.VaultException;
import io.gplay.engine.vault.VaultPassword;
import io.gplay.engine.vault.VaultSecrets;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where vault passwords come from, as ansible-playbook and ansible-vault take them: the options, and the
 * settings of ansible.cfg and the environment (vault_identity_list, vault_password_file, vault_id_match,
 * vault_encrypt_identity). Each password is asked for or read once a command.
 */
final class VaultOptions {
    @Option(names = "--vault-id", paramLabel = "[LABEL@]SOURCE",
            description = "a vault password (repeatable): SOURCE is a file, an executable that prints it, or 'prompt'")
    List<String> vaultIds = new ArrayList<>();

    @Option(names = {"--vault-password-file", "--vault-pass-file"}, paramLabel = "FILE",
            description = "a file holding the vault password, or an executable that prints it (repeatable); an "
                    + "executable is killed after GPLAY_VAULT_SCRIPT_TIMEOUT seconds (30 by default, 0 for no bound)")
    List<String> passwordFiles = new ArrayList<>();

    @Option(names = {"-J", "--ask-vault-pass", "--ask-vault-password"}, description = "ask for the vault password")
    boolean ask;

    private final AnsibleConfig config = AnsibleConfig.load();
    private VaultSecrets secrets;

    /** For a run: the passwords given, none asked for unless --ask-vault-pass or a LABEL@prompt says so. */
    VaultSecrets secrets() {
        if (secrets == null) {
            secrets = load(configuredIds(), withConfiguredFile(passwordFiles), false, false);
        }
        return secrets;
    }

    /** For ansible-vault's commands: asked for when none is given; {@code confirm} for a new password. */
    VaultSecrets forVaultCommand(boolean confirm) {
        return load(configuredIds(), withConfiguredFile(passwordFiles), true, confirm);
    }

    /** The new passwords of a rekey: --new-vault-id, --new-vault-password-file, or asked for twice. */
    VaultSecrets forRekey(String newVaultId, String newPasswordFile) {
        return load(newVaultId == null ? List.of() : List.of(newVaultId),
                newPasswordFile == null ? List.of() : List.of(newPasswordFile), true, true);
    }

    /** The label to encrypt with: --encrypt-vault-id, else vault_encrypt_identity; null for the only password. */
    VaultPassword encryptionPassword(VaultSecrets with, String encryptVaultId) {
        String label = encryptVaultId != null ? encryptVaultId
                : config.value("ANSIBLE_VAULT_ENCRYPT_IDENTITY", "vault_encrypt_identity").orElse(null);
        if (label == null && with.passwords().size() > 1) {
            throw new VaultException("there are several vault passwords ("
                    + String.join(", ", with.passwords().stream().map(VaultPassword::label).toList())
                    + "): say which one to encrypt with, with --encrypt-vault-id LABEL");
        }
        return with.forEncryption(label);
    }

    private VaultSecrets load(List<String> ids, List<String> files, boolean autoPrompt, boolean confirm) {
        if (ask && !passwordFiles.isEmpty()) {
            throw new VaultException("--ask-vault-pass and --vault-password-file exclude each other: give one");
        }
        List<String> all = PasswordSource.vaultIds(ids, files, ask, autoPrompt);
        List<VaultPassword> passwords = PasswordSource.load(all, confirm, new TerminalPrompt(),
                w -> System.err.println("gplay: warning: " + w));
        return new VaultSecrets(passwords, config.flag("ANSIBLE_VAULT_ID_MATCH", "vault_id_match"));
    }

    private List<String> configuredIds() {
        List<String> ids = new ArrayList<>(config.list("ANSIBLE_VAULT_IDENTITY_LIST", "vault_identity_list"));
        ids.addAll(vaultIds);
        return ids;
    }

    private List<String> withConfiguredFile(List<String> files) {
        List<String> out = new ArrayList<>(files);
        config.path("ANSIBLE_VAULT_PASSWORD_FILE", "vault_password_file").map(Path::toString).ifPresent(out::add);
        return out;
    }
}
