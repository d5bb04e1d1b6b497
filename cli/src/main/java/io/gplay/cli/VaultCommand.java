package io.gplay.cli;

import io.gplay.engine.vault.VaultException;
import io.gplay.engine.vault.VaultFormat;
import io.gplay.engine.vault.VaultPassword;
import io.gplay.engine.vault.VaultSecrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gplay vault}: ansible-vault's commands, on the same files. Errors name the file; no password or
 * clear text is ever printed except the clear text asked for (view, decrypt to standard output).
 */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Creates, edits, views, encrypts, decrypts and re-keys Ansible Vault files (as ansible-vault).",
        subcommands = {VaultCommand.Create.class, VaultCommand.Edit.class, VaultCommand.View.class,
                VaultCrypt.Encrypt.class, VaultCrypt.Decrypt.class, VaultCommand.Rekey.class,
                VaultCrypt.EncryptString.class})
class VaultCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** What every vault subcommand has: the password options and the files. */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        VaultOptions vault;

        /** The clear text of a vault file; {@code file} "-" is standard input. */
        static VaultSecrets.Decrypted open(VaultSecrets secrets, String file) {
            String text = new String(VaultFiles.read(file), StandardCharsets.UTF_8);
            if (!VaultFormat.isEncrypted(text)) {
                throw new VaultException(name(file) + " is not vault-encrypted (it does not start with "
                        + VaultFormat.HEADER + ")");
            }
            return secrets.decryptForEdit(text, name(file));
        }

        static String name(String file) {
            return file.equals("-") ? "standard input" : file;
        }

        /** "done" on standard error, only for a person at a terminal, as ansible-vault. */
        static void tell(String message) {
            if (System.console() != null) {
                System.err.println(message);
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Opens a new encrypted file in $EDITOR; it is encrypted when the editor exits.")
    static final class Create extends Action {
        @Parameters(paramLabel = "FILE", description = "the new file")
        String file;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "the password to encrypt with")
        String encryptVaultId;

        @Override
        public Integer call() throws Exception {
            Path path = Path.of(file);
            if (Files.exists(path)) {
                throw new VaultException(file + " exists: use gplay vault edit " + file);
            }
            VaultPassword password = vault.encryptionPassword(vault.forVaultCommand(true), encryptVaultId);
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            byte[] clear = VaultEditor.edit(new byte[0], suffix(file));
            VaultFiles.write(file, VaultSecrets.encrypt(clear, password).getBytes(StandardCharsets.US_ASCII), null);
            return 0;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Opens encrypted files in $EDITOR; each is encrypted again when changed.")
    static final class Edit extends Action {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "the files")
        List<String> files = new ArrayList<>();

        @Override
        public Integer call() {
            VaultSecrets secrets = vault.forVaultCommand(false);
            for (String file : files) {
                VaultSecrets.Decrypted d = open(secrets, file);
                byte[] edited = VaultEditor.edit(d.clear(), suffix(file));
                // as ansible-vault: an unchanged file is not written (its salt and time stay)
                if (!java.util.Arrays.equals(edited, d.clear())) {
                    VaultFiles.write(file, VaultSecrets.encrypt(edited, d.rewriteWith()).getBytes(StandardCharsets.US_ASCII),
                            VaultFiles.mode(file));
                }
            }
            return 0;
        }
    }

    @Command(name = "view", mixinStandardHelpOptions = true, description = "Prints the clear text of encrypted files.")
    static final class View extends Action {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "the files")
        List<String> files = new ArrayList<>();

        @Override
        public Integer call() {
            VaultSecrets secrets = vault.forVaultCommand(false);
            for (String file : files) {
                VaultFiles.write("-", open(secrets, file).clear(), null);
            }
            return 0;
        }
    }

    @Command(name = "rekey", mixinStandardHelpOptions = true,
            description = "Encrypts files again with a new password (their permissions kept).")
    static final class Rekey extends Action {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "the files")
        List<String> files = new ArrayList<>();

        @Option(names = "--new-vault-password-file", paramLabel = "FILE", description = "the new password's file")
        String newPasswordFile;

        @Option(names = "--new-vault-id", paramLabel = "[LABEL@]SOURCE", description = "the new password and its label")
        String newVaultId;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "the new password to encrypt with")
        String encryptVaultId;

        @Override
        public Integer call() {
            if (newPasswordFile != null && newVaultId != null) {
                throw new VaultException("--new-vault-password-file and --new-vault-id exclude each other: give one");
            }
            VaultSecrets old = vault.forVaultCommand(false);
            VaultSecrets fresh = vault.forRekey(newVaultId, newPasswordFile);
            VaultPassword password = fresh.forEncryption(encryptVaultId);
            for (String file : files) {
                byte[] clear = open(old, file).clear();
                VaultFiles.write(file, VaultSecrets.encrypt(clear, password).getBytes(StandardCharsets.US_ASCII),
                        VaultFiles.mode(file));
            }
            System.err.println("Rekey successful");
            return 0;
        }
    }

    /** The file's extension, for the editor's highlighting. */
    static String suffix(String file) {
        String name = Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }
}
