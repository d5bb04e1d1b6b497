package io.gplay.dsl.compile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Groovy syntax error as a person reads it: {@code FILE:LINE:COLUMN: sentence}, then the line and a caret
 * under the column. Groovy's own words ("Unexpected input: '('x') {\n play(...'") quote the source up to
 * where parsing gave up; the common mistakes get a plain sentence instead: a brace or a string not closed, a
 * brace that closes nothing, a missing comma between parameters, a parameter with no value.
 *
 * <p>Public for the plan's building, which says a missing comma in a line that failed to run ({@link #missingComma}).
 */
public final class SyntaxProblem {
    private SyntaxProblem() {
    }

    static String describe(String displayName, String text, int line, int column, String groovyMessage) {
        List<String> lines = text.lines().toList();
        String sentence = sentence(text, lines, line, column, groovyMessage);
        StringBuilder out = new StringBuilder(displayName + ":" + line + ":" + column + ": " + sentence);
        if (line >= 1 && line <= lines.size()) {
            String src = lines.get(line - 1);
            out.append("\n    ").append(src).append("\n    ").append(" ".repeat(Math.max(0, Math.min(column - 1,
                    src.length())))).append('^');
        }
        return out.toString();
    }

    private static String sentence(String text, List<String> lines, int line, int column, String message) {
        if (message.startsWith("Unexpected character: '\\''") || message.startsWith("Unexpected character: '\"'")) {
            return "a string is not closed: the quote here has no closing quote on its line";
        }
        if (message.startsWith("Unexpected input") || message.startsWith("Unexpected character")) {
            Braces braces = Braces.of(text);
            if (braces.extraCloseLine > 0) {
                return "a '}' closes nothing: the one on line " + braces.extraCloseLine + " has no '{' before it";
            }
            if (braces.unclosedLine > 0) {
                return "a '{' is not closed: the block opened on line " + braces.unclosedLine + " has no '}'";
            }
            String source = line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
            String before = source.substring(0, Math.min(Math.max(0, column - 1), source.length()));
            var comma = missingComma(source);
            if (comma.isPresent()) {
                return comma.get();
            }
            String previous = previousCode(lines, line, before);
            if (previous.endsWith(":")) {
                return "'" + lastWord(previous) + "' has no value";
            }
        }
        return message.replaceAll("\\s+", " ").strip();
    }

    /** A value followed by a parameter with no comma between them: {@code file '/a' state: 'absent'}. */
    private static final Pattern NO_COMMA = Pattern.compile("(['\"\\w)\\]])\\s+([A-Za-z_]\\w*)\\s*:(?!:)");

    /** The sentence for a line of a task whose parameters lack a comma, if it is one. */
    public static Optional<String> missingComma(String line) {
        Matcher m = NO_COMMA.matcher(line.replaceAll("^\\s*[A-Za-z_]\\w*\\s+", "x "));
        while (m.find()) {
            if (m.start() > 0) {
                return Optional.of("a comma is missing before '" + m.group(2) + ":' (a task's title and its"
                        + " parameters are separated by commas: file '/etc/motd', state: 'file', mode: '0644')");
            }
        }
        return Optional.empty();
    }

    /** The code before the error, on its line or, when there is none, the last non-blank line before it. */
    private static String previousCode(List<String> lines, int line, String before) {
        if (!before.isBlank()) {
            return before.strip();
        }
        for (int i = line - 2; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "";
    }

    private static String lastWord(String code) {
        String[] words = code.substring(0, code.length() - 1).strip().split("[\\s,(]+");
        return words[words.length - 1] + ":";
    }

    /** Braces outside strings and comments: the line of the first that closes nothing, or of the last left open. */
    private record Braces(int extraCloseLine, int unclosedLine) {
        static Braces of(String text) {
            Deque<Integer> open = new ArrayDeque<>();
            int line = 1;
            char quote = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                    quote = quote == '\'' || quote == '"' ? 0 : quote; // a one-line string ends with its line
                } else if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                    while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                        i++;
                    }
                } else if (c == '{') {
                    open.push(line);
                } else if (c == '}') {
                    if (open.isEmpty()) {
                        return new Braces(line, 0);
                    }
                    open.pop();
                }
            }
            return new Braces(0, open.isEmpty() ? 0 : open.peek());
        }
    }
}
