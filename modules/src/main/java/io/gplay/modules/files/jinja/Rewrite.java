package io.gplay.modules.files.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2 statements Jinjava does not parse, rewritten into ones it does, on the same line: a loop filter
 * ({@code for x in xs if x.ok}, through {@link LoopIf}), a parenthesized loop target ({@code for (k, v) in ...})
 * and a set that unpacks one value ({@code set a, b = pair}).
 */
final class Rewrite {
    private static final Pattern TAG = Pattern.compile("\\{%([-+]?)(.*?)([-+]?)%}|\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern RAW = Pattern.compile("\\s*(end)?raw\\s*");
    private static final Pattern FOR = Pattern.compile("\\s*for\\s+\\(?\\s*([\\w\\s,]+?)\\s*\\)?\\s+in\\s+(.+?)\\s*");
    private static final Pattern SET = Pattern.compile("\\s*set\\s+(\\w+(?:\\s*,\\s*\\w+)+)\\s*=\\s*(.+?)\\s*");

    private Rewrite() {
    }

    static String apply(String source) {
        Matcher m = TAG.matcher(source);
        StringBuilder out = new StringBuilder();
        boolean raw = false;
        while (m.find()) {
            Matcher r = RAW.matcher(m.group(2) == null ? "" : m.group(2));
            raw = r.matches() ? r.group(1) == null : raw;
            String replaced = raw || r.matches() ? m.group() : m.group(4) != null ? "{{" + TestOperands.group(m.group(4)) + "}}"
                    : tag(m.group(1), TestOperands.group(m.group(2)), m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(replaced));
        }
        m.appendTail(out);
        return out.toString();
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
