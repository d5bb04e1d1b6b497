package io.gplay.modules.accounts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of an authorized_keys file read as Ansible's authorized_key module reads it (ansible.posix 1.5,
 * plugins/modules/authorized_key.py: parsekey, parseoptions, serialize): the words split at whitespace, the
 * first that is a key type, the options before it, the key after it and the comment after that. Two lines are
 * the same key when their key is; they match when type, options and comment are the same too.
 */
record SshKeyLine(String key, String type, Map<String, String> options, String comment) {
    private static final List<String> TYPES = List.of("sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
            "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519",
            "ssh-ed25519-cert-v01@openssh.com", "ssh-dss", "ssh-rsa", "ssh-xmss@openssh.com", "ssh-xmss-cert-v01@openssh.com",
            "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com",
            "rsa-sha2-512-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com");
    /** An option: anything up to a comma outside quotes. */
    private static final Pattern OPTION = Pattern.compile("(?:[^,\"']|\"[^\"]*\"|'[^']*')+");

    /** The line as a key, or null for a comment, a blank line or a line that holds no key. */
    static SshKeyLine parse(String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.replace("\\#", "#").strip().split("\\s+")));
        if (words.isEmpty() || words.get(0).startsWith("#")) {
            return null;
        }
        int at = -1;
        for (int i = 0; i < words.size() && at < 0; i++) {
            at = TYPES.contains(words.get(i)) ? i : -1;
        }
        if (at < 0 || at + 1 >= words.size()) {
            return null;
        }
        return new SshKeyLine(words.get(at + 1), words.get(at), options(String.join(" ", words.subList(0, at))),
                String.join(" ", words.subList(at + 2, words.size())));
    }

    /** keyOptions as Ansible splits them: at commas outside quotes, each NAME or NAME=VALUE, in order. */
    static Map<String, String> options(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        Matcher m = OPTION.matcher(text == null ? "" : text);
        while (m.find()) {
            String part = m.group();
            int eq = part.indexOf('=');
            options.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? null : part.substring(eq + 1));
        }
        return options;
    }

    SshKeyLine with(Map<String, String> newOptions, String newComment) {
        return new SshKeyLine(key, type, newOptions == null ? options : newOptions, newComment == null ? comment : newComment);
    }

    /** The line as Ansible writes it (a key without comment keeps its trailing space, so files stay byte-equal). */
    String render() {
        StringBuilder b = new StringBuilder();
        if (!options.isEmpty()) {
            List<String> parts = new ArrayList<>();
            options.forEach((k, v) -> parts.add(v == null ? k : k + "=" + v));
            b.append(String.join(",", parts)).append(' ');
        }
        return b.append(type).append(' ').append(key).append(' ').append(comment).append('\n').toString();
    }
}
