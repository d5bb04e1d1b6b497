package io.gplay.modules.repos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One deb822 stanza as python-debian's Deb822.dump writes it for Ansible's deb822_repository: "Field: value"
 * lines, a value of several lines as "Field:" then each line indented by four blanks, an empty line as ".".
 */
final class Deb822Source {
    private final Map<String, String> fields = new LinkedHashMap<>();

    void put(String field, String value) {
        fields.put(field, value.contains("\n") ? multiline(value) : value);
    }

    /** Ansible's format_multiline. */
    private static String multiline(String v) {
        StringBuilder b = new StringBuilder();
        for (String line : v.strip().split("\r?\n")) {
            b.append("\n    ").append(line.strip().isEmpty() ? "." : line.strip());
        }
        return b.toString();
    }

    String render() {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(k).append(v.startsWith("\n") ? ":" : ": ").append(v).append('\n'));
        return b.toString();
    }

    /** The fields of a file's one stanza (a comment line skipped), null when it has none or several: to compare, whatever their order. */
    static Map<String, String> parse(String text) {
        if (text.strip().contains("\n\n")) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        String field = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && field != null) {
                out.merge(field, "\n    " + line.strip(), String::concat);
            } else if (line.indexOf(':') > 0) {
                field = line.substring(0, line.indexOf(':'));
                String value = line.substring(line.indexOf(':') + 1).strip();
                out.put(field, value);
            } else {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    Map<String, String> fields() {
        return fields;
    }
}
