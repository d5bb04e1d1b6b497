package io.gplay.modules.files.jinja;

/**
 * An expression's string literals, read as Jinja2 reads them (Python's escapes: {@code \n}, {@code \\}, {@code \x41};
 * an unknown one such as {@code \.} kept with its backslash) and written as Jinjava's lexer reads them, which takes
 * only {@code \\} and an escaped quote: {@code regex_replace('\.pem$', '')} would not parse.
 */
final class Literals {
    private Literals() {
    }

    static String convert(String expr) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < expr.length(); i++) {
            char q = expr.charAt(i);
            if (q != '\'' && q != '"') {
                out.append(q);
                continue;
            }
            StringBuilder value = new StringBuilder();
            int j = i + 1;
            for (; j < expr.length() && expr.charAt(j) != q; j++) {
                char c = expr.charAt(j);
                if (c != '\\' || j + 1 == expr.length()) {
                    value.append(c);
                    continue;
                }
                char e = expr.charAt(++j);
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '\\', '\'', '"' -> value.append(e);
                    case 'x' -> {
                        value.append((char) Integer.parseInt(expr.substring(j + 1, j + 3), 16));
                        j += 2;
                    }
                    case 'u' -> {
                        value.append((char) Integer.parseInt(expr.substring(j + 1, j + 5), 16));
                        j += 4;
                    }
                    default -> value.append('\\').append(e);
                }
            }
            out.append(q).append(value.toString().replace("\\", "\\\\").replace(String.valueOf(q), "\\" + q)).append(q);
            i = j;
        }
        return out.toString();
    }
}
