package io.gplay.cli;

import io.gplay.engine.shell.ShellWords;
import io.gplay.engine.vault.VaultSecrets;
import io.gplay.engine.vault.VaultYaml;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values given on the command line as Ansible takes them: {@code k=v} words, or a YAML or JSON mapping. */
final class KeyValues {
    private KeyValues() {
    }

    /** A YAML or JSON mapping ({@code {"name": "data"}}); {@code where} names it in an error. */
    static Map<String, Object> mapping(String text, String where) {
        return mapping(text, where, VaultSecrets.none());
    }

    /** The same, where a whole encrypted file or a {@code !vault} value is opened with these secrets. */
    static Map<String, Object> mapping(String text, String where, VaultSecrets vault) {
        Object o;
        try {
            o = VaultYaml.load(text, where, new LoaderOptions(), vault);
        } catch (YAMLException e) {
            if (e instanceof MarkedYAMLException) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e); // a limit: no line to name
        }
        if (!(o instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping of names to values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** Whether the text is {@code k=v} words, as a shell splits them ({@code motd="hello world" port=80}). */
    static boolean arePairs(String text) {
        List<String> words = ShellWords.split(text);
        return !words.isEmpty() && words.stream().allMatch(w -> w.matches("[A-Za-z_][A-Za-z0-9_]*=.*"));
    }

    /** {@code k=v} words, as a shell splits them; {@code where} names the text in an error. */
    static Map<String, String> pairs(String text, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : ShellWords.split(text)) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(where + ": expected key=value, @file or {json}");
            }
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }
}
