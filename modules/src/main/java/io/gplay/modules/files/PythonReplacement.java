package io.gplay.modules.files;

import io.gplay.engine.module.ModuleFailure;

import java.util.regex.Matcher;

/**
 * A replacement in Python's {@code re.sub} syntax, which Ansible's playbooks are written in, expanded for a
 * Java match: {@code \1}, {@code \g<1>}, {@code \g<name>} and escapes ({@code \n}, {@code \t}, {@code \\}).
 * Everything else in a replacement is literal, so a {@code $} stays a dollar sign.
 */
final class PythonReplacement {
    private PythonReplacement() {
    }

    /** The replacement {@code template} expanded for one match. */
    static String expand(String template, Matcher m, String param) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char next = template.charAt(++i);
            if (Character.isDigit(next)) {
                int end = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                out.append(group(m, template.substring(i, end), param));
                i = end - 1;
            } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) {
                    throw new ModuleFailure(param + ": \\g< without its closing > in '" + template + "'");
                }
                out.append(group(m, template.substring(i + 2, close), param));
                i = close;
            } else {
                out.append(switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case 'f' -> "\f";
                    case 'v' -> "\u000b";
                    case 'a' -> "\u0007";
                    case '\\' -> "\\";
                    default -> "\\" + next;
                });
            }
        }
        return out.toString();
    }

    private static String group(Matcher m, String ref, String param) {
        try {
            String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref))
                    : m.group(ref);
            return g == null ? "" : g;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ModuleFailure(param + ": the pattern has no group " + ref);
        }
    }
}
