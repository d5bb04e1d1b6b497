package io.gplay.engine.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where vault passwords come from, given as Ansible's vault IDs {@code [LABEL@]SOURCE}: {@code prompt} (asked
 * on the terminal), a file holding the password, or an executable that prints it. An executable whose name ends
 * in {@code -client} (before any extension) is asked for the label with {@code --vault-id LABEL}.
 */
public final class PasswordSource {
    /** Asks a question on the terminal without echo and returns the answer. */
    @FunctionalInterface
    public interface Prompter {
        String ask(String prompt);
    }

    private static final String PROMPT = "prompt";
    private static final String ASK_VAULT_PASS = "prompt_ask_vault_pass";
    private static final Pattern LABEL = Pattern.compile("[\\p{Graph}&&[^;]]+");
    /** How long a password script may take, in seconds; 0 waits without bound (a script that asks a person). */
    public static final String TIMEOUT_VARIABLE = "GPLAY_VAULT_SCRIPT_TIMEOUT";
    private static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private PasswordSource() {
    }

    /**
     * The vault IDs to load, in ansible's order: {@code vaultIds} (the configured list, then --vault-id), then
     * each password file as {@code default@FILE}, then a prompt when asked for or when nothing else is given
     * and {@code autoPrompt} (ansible-vault prompts then; a playbook run does not).
     */
    public static List<String> vaultIds(List<String> vaultIds, List<String> passwordFiles, boolean ask, boolean autoPrompt) {
        List<String> out = new ArrayList<>(vaultIds);
        passwordFiles.forEach(f -> out.add(VaultFormat.DEFAULT_LABEL + "@" + f));
        if (ask || (out.isEmpty() && autoPrompt)) {
            out.add(VaultFormat.DEFAULT_LABEL + "@" + ASK_VAULT_PASS);
        }
        return out;
    }

    /**
     * The passwords of {@code vaultIds}; {@code confirm}: a new password, asked twice. A file or script that
     * fails is reported on {@code warnings} and skipped, as in Ansible, unless no password is found at all.
     */
    public static List<VaultPassword> load(List<String> vaultIds, boolean confirm, Prompter prompter,
                                           java.util.function.Consumer<String> warnings) {
        List<VaultPassword> out = new ArrayList<>();
        VaultException last = null;
        for (String id : vaultIds) {
            if (id.contains(";")) {
                throw new VaultException("'" + id + "' is not a valid vault ID: ';' is not allowed in one");
            }
            int at = id.indexOf('@');
            String label = at < 0 ? VaultFormat.DEFAULT_LABEL : id.substring(0, at);
            if (!LABEL.matcher(label).matches()) {
                throw new VaultException("'" + label.replaceAll("\\p{Cntrl}", "?") + "' is not a valid vault ID "
                        + "label: use ASCII letters, digits and punctuation, without spaces or ';' (it is written in the "
                        + "header line of each file encrypted with it)");
            }
            String source = at < 0 ? id : id.substring(at + 1);
            if (source.equals(PROMPT) || source.equals(ASK_VAULT_PASS)) {
                out.add(new VaultPassword(label, prompt(label, source.equals(ASK_VAULT_PASS), confirm, prompter)));
                continue;
            }
            try {
                out.add(new VaultPassword(label, fromFile(Path.of(source), at < 0 ? null : label)));
            } catch (VaultException e) {
                warnings.accept(e.getMessage());
                last = e;
            }
        }
        if (out.isEmpty() && last != null) {
            throw last;
        }
        return out;
    }

    private static byte[] prompt(String label, boolean plain, boolean confirm, Prompter prompter) {
        String suffix = plain ? "" : " (" + label + ")";
        String first = prompter.ask((confirm ? (plain ? "New Vault password" : "New vault password") : "Vault password")
                + suffix + ": ");
        if (first == null || first.isBlank()) {
            throw new VaultException("no vault password was entered");
        }
        if (confirm && !first.equals(prompter.ask((plain ? "Confirm New Vault password" : "Confirm new vault password")
                + suffix + ": "))) {
            throw new VaultException("the vault passwords entered do not match");
        }
        return first.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** A password file's content without surrounding whitespace, or what an executable one prints. */
    static byte[] fromFile(Path file, String label) {
        return fromFile(file, label, scriptTimeout());
    }

    /** As above; a script that has not exited (and closed its output) within {@code timeout} is killed. */
    static byte[] fromFile(Path file, String label, Duration timeout) {
        if (!Files.exists(file)) {
            throw new VaultException("vault password file " + file + " not found");
        }
        if (Files.isExecutable(file) && !Files.isDirectory(file)) {
            return fromScript(file, label, timeout);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new VaultException("cannot read vault password file " + file + ": " + e.getMessage());
        }
        byte[] password = trim(bytes, " \t\n\r\u000b\f");
        if (password.length == 0) {
            throw new VaultException("vault password file " + file + " is empty: write the password in it");
        }
        if (new String(password, StandardCharsets.US_ASCII).startsWith(VaultFormat.HEADER)) {
            throw new VaultException("vault password file " + file + " is itself vault-encrypted, which gplay does "
                    + "not read: give the password in clear text in a private file, or an executable that prints it");
        }
        return password;
    }

    private static Duration scriptTimeout() {
        String v = System.getenv(TIMEOUT_VARIABLE);
        try {
            int seconds = v == null || v.isBlank() ? DEFAULT_TIMEOUT_SECONDS : Integer.parseInt(v.strip());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds == 0 ? ChronoUnit.FOREVER.getDuration() : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new VaultException(TIMEOUT_VARIABLE + "=" + v + " is not a number of seconds (0 for no bound)");
        }
    }

    private static byte[] fromScript(Path script, String label, Duration timeout) {
        String name = script.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // absolute, as a relative name without a slash would be looked up on PATH
        List<String> command = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
        if ((dot > 0 ? name.substring(0, dot) : name).endsWith("-client") && label != null) {
            command.addAll(List.of("--vault-id", label));
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new VaultException("cannot run vault password script " + script + " (" + e.getMessage()
                    + "); if it is not a script, remove its executable bit (chmod -x)");
        }
        byte[] out = ScriptOutput.read(p, timeout, script);
        int rc = p.exitValue();
        if (rc != 0) {
            throw new VaultException("vault password script " + script + " exited " + rc
                    + (rc == 2 && command.size() > 1 ? " (it knows no password labelled '" + label + "')" : ""));
        }
        byte[] password = trim(out, "\r\n");
        if (password.length == 0) {
            throw new VaultException("vault password script " + script + " printed no password");
        }
        return password;
    }

    /** {@code bytes} without the characters of {@code chars} at either end, as Python's bytes.strip(chars). */
    private static byte[] trim(byte[] bytes, String chars) {
        int from = 0;
        int to = bytes.length;
        while (from < to && chars.indexOf(bytes[from]) >= 0) {
            from++;
        }
        while (to > from && chars.indexOf(bytes[to - 1]) >= 0) {
            to--;
        }
        return Arrays.copyOfRange(bytes, from, to);
    }
}
