package io.gplay.modules.files.jinja;

import java.util.Set;

/**
 * Parentheses around each {@code x is test} of an expression, and around x, as Jinja2's grammar groups them and
 * Jinjava's does not: {@code not x is mapping} is {@code not (x is mapping)}, {@code xs | list is any} tests the
 * filtered list.
 */
final class TestOperands {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "if", "elif", "else", "in", "is");

    private TestOperands() {
    }

    static String group(String expr) {
        String out = expr;
        for (int at = find(out, 0); at >= 0; at = find(out, at)) {
            int start = operandStart(out, at);
            int end = testEnd(out, at + 4);
            String operand = out.substring(start, at).strip();
            String wrapped = "((" + operand + ") is " + out.substring(at + 4, end).strip() + ")";
            out = out.substring(0, start) + (start > 0 && out.charAt(start - 1) != '(' ? " " : "") + wrapped + out.substring(end);
            at = start + wrapped.length() + 1;
        }
        return out;
    }

    /** The next " is " outside quotes from {@code from}, or -1. */
    private static int find(String s, int from) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (i >= from && s.startsWith(" is ", i)) {
                return i;
            }
        }
        return -1;
    }

    /** Where the operand of the test at {@code at} starts: after an enclosing '(', a ',', a set's '=' or a keyword. */
    private static int operandStart(String s, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth-- == 0) {
                    return i + 1;
                }
            } else if (c == '\'' || c == '"') {
                i = s.lastIndexOf(c, i - 1);
            } else if (depth == 0 && (c == ',' || assignment(s, i) || wordBefore(s, i + 1))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Whether the '=' at {@code i} is a set's, not part of ==, !=, <= or >=. */
    private static boolean assignment(String s, int i) {
        return s.charAt(i) == '=' && (i == 0 || "=!<>".indexOf(s.charAt(i - 1)) < 0)
                && (i + 1 >= s.length() || s.charAt(i + 1) != '=');
    }

    /** Whether a keyword (and, or, not, if, else, in) ends at {@code end}, before a space. */
    private static boolean wordBefore(String s, int end) {
        if (end >= s.length() || s.charAt(end) != ' ') {
            return false;
        }
        for (String k : KEYWORDS) {
            int from = end - k.length();
            if (!k.equals("is") && from >= 0 && s.startsWith(k, from)
                    && (from == 0 || !Character.isLetterOrDigit(s.charAt(from - 1)) && s.charAt(from - 1) != '_')) {
                return true;
            }
        }
        return false;
    }

    /** Where the test that starts at {@code from} ends: its name, 'not', and its arguments in parentheses or one. */
    private static int testEnd(String s, int from) {
        int i = skipWord(s, skipSpaces(s, from));
        if (s.startsWith("not", skipSpaces(s, from)) && i == skipSpaces(s, from) + 3) {
            i = skipWord(s, skipSpaces(s, i));
        }
        int next = skipSpaces(s, i);
        if (next < s.length() && s.charAt(next) == '(') {
            int depth = 0;
            for (int j = next; j < s.length(); j++) {
                depth += s.charAt(j) == '(' ? 1 : s.charAt(j) == ')' ? -1 : 0;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        int argEnd = skipWord(s, next);
        return argEnd > next && !KEYWORDS.contains(s.substring(next, argEnd)) ? argEnd : i;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int skipWord(String s, int i) {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }
}
