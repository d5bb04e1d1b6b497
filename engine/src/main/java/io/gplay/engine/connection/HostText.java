package io.gplay.engine.connection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A host's file content as text, losslessly. Files are bytes: valid UTF-8 reads as its characters, and each byte
 * that is not UTF-8 (a Latin-1 {@code é}, a broken sequence) reads as one lone surrogate, U+DC80 to U+DCFF, which
 * no valid UTF-8 decodes to (Python's {@code surrogateescape}). Encoding maps those back, so a line a module
 * leaves alone is written with the bytes it had; everything else is written as UTF-8.
 */
public final class HostText {
    private static final char ESCAPE_BASE = '\uDC00';

    private HostText() {
    }

    public static String decode(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        while (true) {
            CoderResult r = utf8.decode(in, out, true);
            if (r.isUnderflow()) {
                utf8.flush(out);
                return out.flip().toString();
            }
            for (int i = 0; i < r.length(); i++) {
                out.put((char) (ESCAPE_BASE + (in.get() & 0xff)));
            }
        }
    }

    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                out.writeBytes(text.substring(run, i).getBytes(StandardCharsets.UTF_8));
                out.write(text.charAt(i) - ESCAPE_BASE);
                run = i + 1;
            }
        }
        out.writeBytes(text.substring(run).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The text for a person: each byte that is not UTF-8 as {@code \xNN}, so a diff shows what really changes. */
    public static String visible(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                b.append(String.format("\\x%02x", text.charAt(i) - ESCAPE_BASE));
            } else {
                b.append(text.charAt(i));
            }
        }
        return b.toString();
    }

    /** An escaped byte: U+DC80..U+DCFF standing alone (not the second half of a surrogate pair). */
    private static boolean isEscape(String s, int i) {
        char c = s.charAt(i);
        return c >= '\uDC80' && c <= '\uDCFF' && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}
