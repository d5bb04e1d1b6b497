package io.gplay.cli;

import io.gplay.engine.vault.VaultException;
import io.gplay.engine.vault.VaultFormat;
import io.gplay.engine.vault.VaultPassword;
import io.gplay.engine.vault.VaultSecrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code gplay vault encrypt|decrypt|encrypt_string}: files and strings to and from vault text. */
final class VaultCrypt {
    private VaultCrypt() {
    }

    /** The files of encrypt and decrypt ("-", or none: standard input) and where each result goes. */
    abstract static class FilesAction extends VaultCommand.Action {
        @Parameters(paramLabel = "FILE", arity = "0..*", description = "the files (default: standard input, '-')")
        List<String> files = new ArrayList<>();

        @Option(names = "--output", paramLabel = "FILE", description = "write the result here ('-': standard output) instead of in place")
        String output;

        List<String> inputs() {
            if (output != null && files.size() > 1) {
                throw new VaultException("--output takes one input file, not " + files.size());
            }
            return files.isEmpty() ? List.of("-") : files;
        }

        String target(String input) {
            return output != null ? output : input;
        }
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypts files (in place, or to --output).")
    static final class Encrypt extends FilesAction {
        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "the password to encrypt with")
        String encryptVaultId;

        @Override
        public Integer call() {
            VaultPassword password = vault.encryptionPassword(vault.forVaultCommand(true), encryptVaultId);
            for (String file : inputs()) {
                byte[] clear = VaultFiles.read(file);
                if (new String(clear, StandardCharsets.ISO_8859_1).startsWith(VaultFormat.HEADER)) {
                    throw new VaultException(name(file) + " is already vault-encrypted");
                }
                VaultFiles.write(target(file), VaultSecrets.encrypt(clear, password).getBytes(StandardCharsets.US_ASCII), null);
            }
            tell("Encryption successful");
            return 0;
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true, description = "Decrypts files (in place, or to --output).")
    static final class Decrypt extends FilesAction {
        @Override
        public Integer call() {
            VaultSecrets secrets = vault.forVaultCommand(false);
            for (String file : inputs()) {
                VaultFiles.write(target(file), open(secrets, file).clear(), null);
            }
            tell("Decryption successful");
            return 0;
        }
    }

    @Command(name = "encrypt_string", mixinStandardHelpOptions = true,
            description = "Encrypts strings as YAML '!vault |' values, to paste into a variables file or inventory.")
    static final class EncryptString extends VaultCommand.Action {
        @Parameters(paramLabel = "STRING", arity = "0..*", description = "the strings ('-', or none: standard input)")
        List<String> strings = new ArrayList<>();

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "the variable name of each string, in order")
        List<String> names = new ArrayList<>();

        @Option(names = "--stdin-name", paramLabel = "NAME", description = "the variable name of standard input's string")
        String stdinName;

        @Option(names = "--output", paramLabel = "FILE", description = "write here instead of standard output")
        String output;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "the password to encrypt with")
        String encryptVaultId;

        private record Item(byte[] clear, String name, String from) {
        }

        @Override
        public Integer call() {
            // the password first: without a terminal it is the first line of standard input, before the string
            VaultPassword password = vault.encryptionPassword(vault.forVaultCommand(true), encryptVaultId);
            List<String> args = strings.stream().filter(s -> !s.equals("-")).toList();
            List<Item> items = new ArrayList<>();
            if (strings.contains("-") || strings.isEmpty() || stdinName != null) {
                byte[] in = VaultFiles.read("-");
                if (in.length == 0) {
                    throw new VaultException("standard input was empty: nothing to encrypt");
                }
                items.add(new Item(in, stdinName, "stdin"));
            }
            if (names.size() < args.size() && !names.isEmpty()) {
                System.err.println("The number of --name options do not match the number of strings; the strings "
                        + "after the " + names.size() + "th have no name.");
            }
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).isEmpty()) {
                    throw new VaultException("string " + (i + 1) + " is empty: nothing to encrypt");
                }
                items.add(new Item(args.get(i).getBytes(StandardCharsets.UTF_8), i < names.size() ? names.get(i) : null,
                        "the command line"));
            }
            List<String> outs = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (items.size() > 1) {
                    System.err.println("# The encrypted version of " + (item.name() == null ? "" : "variable \""
                            + item.name() + "\", ") + "the string #" + (i + 1) + " from " + item.from() + ".");
                }
                outs.add(yaml(VaultSecrets.encrypt(item.clear(), password), item.name()));
            }
            VaultFiles.write(output == null ? "-" : output, (String.join("\n", outs) + "\n").getBytes(StandardCharsets.UTF_8), null);
            tell("Encryption successful");
            return 0;
        }

        /** As ansible-vault writes it: {@code name: !vault |} and the vault text indented by 10. */
        static String yaml(String vaultText, String name) {
            StringBuilder out = new StringBuilder(name == null ? "" : name + ": ").append("!vault |");
            vaultText.lines().forEach(l -> out.append('\n').append(" ".repeat(10)).append(l));
            return out.toString();
        }
    }
}
