package io.gplay.engine.report;

/**
 * Text from hosts (messages, output, diffs) as the terminal is to show it: control characters written out
 * ({@code \e}, {@code \r}, {@code \a}, {@code \b}, {@code \xNN}), so that a host's output cannot clear the screen,
 * set the window title or print over a line of the report. Newlines and tabs stay.
 */
public final class TerminalText {
    private TerminalText() {
    }

    public static String escaped(String text) {
        if (text == null || text.chars().noneMatch(TerminalText::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            switch (c) {
                case 0x1b -> out.append("\\e");
                case '\r' -> out.append("\\r");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** C0 but newline and tab, DEL, and C1 (0x9b starts a sequence as ESC [ does). */
    private static boolean isControl(int c) {
        return c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f;
    }
}
