package io.gplay.cli;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/** Lets a line continue while a brace, bracket, parenthesis or string is still open, as groovysh does. */
final class ReplParser extends DefaultParser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && open(line) > 0) {
            throw new EOFError(-1, -1, "open brace", "continue");
        }
        return super.parse(line, cursor, context);
    }

    /** How many brackets are open, outside strings. */
    static int open(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
            }
        }
        return quote != 0 ? depth + 1 : depth;
    }
}
