package io.gplay.modules.files.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2 statements Jinjava does not parse, rewritten into ones it does, on the same line: a loop filter
 * ({@code for x in xs if x.ok}, through {@link LoopIf}), a parenthesized loop target ({@code for (k, v) in ...}),
 * a set that unpacks one value ({@code set a, b = pair}) and an inline if without else ({@code 'x' if y}); and in
 * every expression, Python's string literals ({@link Literals}) and Jinja2's grouping of tests ({@link TestOperands}).
 */
final class Rewrite {
    private static final Pattern TAG = Pattern.compile("\\{%([-+]?)(.*?)([-+]?)%}|\\{\\{([-+]?)(.*?)([-+]?)}}", Pattern.DOTALL);
    private static final Pattern RAW = Pattern.compile("\\s*(end)?raw\\s*");
    private static final Pattern FOR = Pattern.compile("\\s*for\\s+\\(?\\s*([\\w\\s,]+?)\\s*\\)?\\s+in\\s+(.+?)\\s*");
    private static final Pattern SET = Pattern.compile("\\s*set\\s+(\\w+(?:\\s*,\\s*\\w+)+)\\s*=\\s*(.+?)\\s*");

    private Rewrite() {
    }

    static String apply(String source, boolean trimBlocks) {
        Matcher m = TAG.matcher(source);
        StringBuilder out = new StringBuilder();
        boolean raw = false;
        while (m.find()) {
            Matcher r = RAW.matcher(m.group(2) == null ? "" : m.group(2));
            raw = r.matches() ? r.group(1) == null : raw;
            String replaced = raw || r.matches() ? m.group() : m.group(5) != null ? "{{" + m.group(4) + expression(m.group(5)) + m.group(6) + "}}"
                    : tag(m.group(1), TestOperands.group(Literals.convert(m.group(2))), m.group(3));
            // Jinja2 keeps the newline after {% raw %} even with trim_blocks, which Jinjava takes: give it one to take
            boolean rawNewline = trimBlocks && raw && r.matches() && m.group(3).isEmpty() && source.startsWith("\n", m.end());
            m.appendReplacement(out, Matcher.quoteReplacement(rawNewline ? replaced + "\n" : replaced));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A {{ }} expression: Jinja2's literals and test grouping; an inline if takes Python's truth for its condition
     * (Jinjava's takes the string "false" for false) and gets the empty else Jinja2 gives it.
     */
    private static String expression(String body) {
        String expr = TestOperands.group(Literals.convert(body));
        List<String> branches = topLevel(expr, " if ");
        if (branches.size() != 2) {
            return expr;
        }
        List<String> rest = topLevel(branches.get(1), " else ");
        return " " + branches.get(0) + " if ((" + rest.get(0) + ") is truthy) else " + (rest.size() > 1 ? rest.get(1) : "''") + " ";
    }

    private static String tag(String open, String body, String close) {
        Matcher f = FOR.matcher(body);
        if (f.matches()) {
            String targets = f.group(1);
            List<String> parts = topLevel(f.group(2), " if ");
            String iterable = parts.size() == 1 ? parts.get(0)
                    : "(" + parts.get(0) + ") | " + LoopIf.NAME + "(" + literal(targets) + ", " + literal(parts.get(1)) + ")";
            return "{%" + open + " for " + targets + " in " + iterable + " " + close + "%}";
        }
        Matcher s = SET.matcher(body);
        if (s.matches() && topLevel(s.group(2), ",").size() == 1) {
            String[] names = s.group(1).split("\\s*,\\s*");
            StringBuilder b = new StringBuilder("{%" + open + " set __gplay_unpacked = " + s.group(2) + " %}");
            for (int i = 0; i < names.length; i++) {
                b.append("{% set ").append(names[i]).append(" = __gplay_unpacked[").append(i).append("] ")
                        .append(i == names.length - 1 ? close : "").append("%}");
            }
            return b.toString();
        }
        return "{%" + open + body + close + "%}";
    }

    /** {@code text} split at {@code sep} where it stands outside brackets and quotes. */
    static List<String> topLevel(String text, String sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote && text.charAt(i - 1) != '\\' ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            } else if (depth == 0 && text.startsWith(sep, i)) {
                out.add(text.substring(from, i).strip());
                from = i + sep.length();
                i = from - 1;
            }
        }
        out.add(text.substring(from).strip());
        return out;
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
