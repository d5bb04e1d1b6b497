package io.gplay.modules.repos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A yum .repo file as Python's configparser.RawConfigParser reads and writes it, which Ansible's yum_repository
 * uses: keys in lower case, "key = value", a value's later lines indented by a tab, a blank line after each
 * section, comments dropped. Sections and keys keep the order they were read or added in.
 */
final class RepoIni {
    private static final Pattern SECTION = Pattern.compile("\\[(.+)\\]");
    private static final Pattern OPTION = Pattern.compile("(.*?)\\s*[=:]\\s*(.*)");

    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    /** Reads the text as configparser does; a line it would refuse is an error naming the line. */
    static RepoIni parse(String path, String text) {
        RepoIni ini = new RepoIni();
        Map<String, String> section = null;
        String key = null;
        int indent = 0;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String raw = lines[n];
            String line = raw.strip();
            int lineIndent = raw.length() - raw.stripLeading().length();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (section != null && key != null && lineIndent > indent) {
                section.put(key, section.get(key) + "\n" + line);
                continue;
            }
            indent = lineIndent;
            Matcher s = SECTION.matcher(line);
            Matcher o = OPTION.matcher(line);
            if (s.lookingAt()) {
                String name = s.group(1);
                if (ini.sections.containsKey(name)) {
                    throw new IllegalArgumentException(path + ":" + (n + 1) + ": section '" + name + "' already exists");
                }
                section = new LinkedHashMap<>();
                ini.sections.put(name, section);
                key = null;
            } else if (section == null) {
                throw new IllegalArgumentException(path + ":" + (n + 1) + ": a line before the first [section]: " + line);
            } else if (o.matches() && !o.group(1).isEmpty()) {
                key = o.group(1).toLowerCase();
                section.put(key, o.group(2).strip());
            } else {
                throw new IllegalArgumentException(path + ":" + (n + 1) + ": not a key = value line: " + line);
            }
        }
        return ini;
    }

    boolean has(String section) {
        return sections.containsKey(section);
    }

    void remove(String section) {
        sections.remove(section);
    }

    /** Sets the section anew, last in the file, its keys in the order given. */
    void put(String section, Map<String, String> values) {
        sections.remove(section);
        sections.put(section, new LinkedHashMap<>(values));
    }

    boolean isEmpty() {
        return sections.isEmpty();
    }

    /** Ansible's dump: sections and keys sorted; what Ansible compares to decide a change. */
    String dump() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(sections).forEach((name, keys) -> {
            b.append('[').append(name).append("]\n");
            new TreeMap<>(keys).forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
            b.append('\n');
        });
        return b.toString();
    }

    /** The file as configparser writes it. */
    String render() {
        StringBuilder b = new StringBuilder();
        sections.forEach((name, keys) -> {
            b.append('[').append(name).append("]\n");
            keys.forEach((k, v) -> b.append(k).append(" = ").append(v.replace("\n", "\n\t")).append('\n'));
            b.append('\n');
        });
        return b.toString();
    }
}
