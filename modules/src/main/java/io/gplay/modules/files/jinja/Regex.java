package io.gplay.modules.files.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's re as Ansible's regex filters use it, on Java's regular expressions. */
final class Regex {
    private Regex() {
    }

    /** A Python pattern ({@code (?P<name>...)}, {@code (?P=name)}) as Java's, with ignorecase and multiline. */
    static Pattern compile(String python, Filters.Args a) {
        String java = python.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        int flags = (Py.truth(a.named().get("ignorecase")) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (Py.truth(a.named().get("multiline")) ? Pattern.MULTILINE : 0);
        return Pattern.compile(java, flags);
    }

    /** A Python replacement ({@code \1}, {@code \g<1>}, {@code \g<name>}) as Java's, a literal $ kept. */
    static String replacement(String python) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < python.length(); i++) {
            char c = python.charAt(i);
            if (c == '$') {
                out.append("\\$");
            } else if (c == '\\' && i + 1 < python.length()) {
                char n = python.charAt(++i);
                if (Character.isDigit(n)) {
                    out.append('$').append(n);
                } else if (n == 'g' && i + 1 < python.length() && python.charAt(i + 1) == '<') {
                    int end = python.indexOf('>', i);
                    String group = python.substring(i + 2, end);
                    out.append(group.chars().allMatch(Character::isDigit) ? "$" + group : "${" + group + "}");
                    i = end;
                } else {
                    out.append(switch (n) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case '\\' -> "\\\\";
                        default -> "\\\\" + n;
                    });
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Ansible's regex_search: the match, the groups named by '\\N' or '\\g<name>' arguments, or None. */
    static Object search(Object value, Filters.Args a) {
        Matcher m = compile(a.str(0, "regex", ""), a).matcher(Py.str(value));
        if (!m.find()) {
            return PyNone.NONE;
        }
        if (a.positional().length <= 1) {
            return m.group();
        }
        List<Object> groups = new ArrayList<>();
        for (int i = 1; i < a.positional().length; i++) {
            String g = Py.str(a.positional()[i]);
            groups.add(g.startsWith("\\g<") ? m.group(g.substring(3, g.length() - 1)) : m.group(Integer.parseInt(g.substring(1))));
        }
        return groups;
    }

    /** Python's re.findall: the matches, or the one group's, or each match's groups as a list. */
    static List<Object> findall(String s, Pattern p) {
        List<Object> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            if (m.groupCount() == 0) {
                out.add(m.group());
            } else if (m.groupCount() == 1) {
                out.add(m.group(1) == null ? "" : m.group(1));
            } else {
                List<Object> groups = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    groups.add(m.group(i) == null ? "" : m.group(i));
                }
                out.add(groups);
            }
        }
        return out;
    }

    /** Python's re.escape (3.7 on): the characters special in a pattern, and whitespace, escaped. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
