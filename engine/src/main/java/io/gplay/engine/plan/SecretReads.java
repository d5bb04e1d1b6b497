package io.gplay.engine.plan;

import io.gplay.engine.vault.ReadThroughMap;
import io.gplay.engine.vault.SecretMask;

import java.util.List;
import java.util.Map;

/**
 * Whether a per-host value read a secret while it was computed: the taint rule. A closure's scope hands out
 * what it reads through {@link #read}, which notes a value holding a registered secret (a vault value, a
 * password, a value derived from one earlier) and hands out maps and lists as views that note their items as
 * they are read, so reading one name of {@code hostvars} is no read of every secret in it. What the closure
 * returns is then a secret too, whatever it made of the one it read (upper case, base64, a part of it):
 * {@link #secret} registers it for masking, and so for the command-line guard. One watch per thread, nested
 * as closures call each other: what an inner one read counts for the outer one too.
 */
public final class SecretReads {
    /** A derived text shorter than this is left alone: masking every "yes" or "on" would hide too much. */
    static final int MIN_DERIVED = 6;
    private static final ThreadLocal<SecretReads> CURRENT = new ThreadLocal<>();

    private final SecretReads outer;
    private boolean read;

    private SecretReads(SecretReads outer) {
        this.outer = outer;
    }

    /** Watches this thread's reads until {@link #end()}, which must follow in a {@code finally}. */
    public static SecretReads start() {
        SecretReads watch = new SecretReads(CURRENT.get());
        CURRENT.set(watch);
        return watch;
    }

    /** Whether a secret was read so far. */
    public boolean any() {
        return read;
    }

    /** Ends the watch; what it saw counts for the one around it too. */
    public void end() {
        CURRENT.set(outer);
        if (outer != null) {
            outer.read |= read;
        }
    }

    /** {@code value} as a closure reads it: noted if it holds a secret, a map or list watched as it is read. */
    @SuppressWarnings("unchecked")
    static <T> T read(T value) {
        SecretReads watch = CURRENT.get();
        if (watch == null || value == null) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            // each item noted as it is read; reading the names alone reads no value
            return (T) new ReadThroughMap<>((Map<Object, Object>) m, SecretReads::read);
        }
        if (value instanceof List<?> l) {
            return (T) new WatchedList((List<Object>) l);
        }
        if (!watch.read && SecretMask.global().appearsIn(String.valueOf(value))) {
            watch.read = true;
        }
        return value;
    }

    /** Registers as secrets the texts in {@code value} (however deep in lists and maps) of a useful length. */
    public static void secret(Object value) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(SecretReads::secret);
        } else if (value instanceof Iterable<?> items) {
            items.forEach(SecretReads::secret);
        } else if (value instanceof CharSequence || value instanceof Number) {
            String text = value.toString();
            if (text.strip().length() >= MIN_DERIVED) {
                SecretMask.global().add(text);
            }
        }
    }

    /** Registers the texts of what a closure threw after it read a secret: its message would show it. */
    public static void secret(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            secret(t.getMessage());
        }
    }
}
