package io.gplay.engine.vault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clear texts that came from a vault, and {@link #mask(String)}, which replaces each of them in a text by
 * {@link #MASK}. A registry of strings rather than a value type, so that a secret is caught wherever it ends
 * up: in a variable, inside a templated file or command line, in a module's message or a diff.
 */
public final class SecretMask {
    public static final String MASK = "********";
    /**
     * A line of a multi-line secret is registered alone (a diff or {@code readLines()} shows it alone) when it has
     * at least this many characters, a letter or digit among them. Shorter lines ("}", "---", "ok") are syntax or
     * common words: masking them would hide them in all output, and a 3-character fragment gives little away.
     */
    private static final int MIN_LINE = 4;
    private static final SecretMask GLOBAL = new SecretMask();

    /** Secrets by length, longest first, so that a secret containing another is masked whole. */
    private final ConcurrentSkipListMap<Integer, Set<String>> byLength =
            new ConcurrentSkipListMap<>(Comparator.reverseOrder());
    private final AtomicInteger size = new AtomicInteger();

    /** The registry of this process, filled as vault data is read, for every channel that writes text. */
    public static SecretMask global() {
        return GLOBAL;
    }

    /**
     * Registers {@code value}; its stripped form ({@code "hunter3\n"} is mostly used as {@code hunter3}); its
     * escaped form, as Groovy's assert messages and JSON show a newline; and each line of it, when it has several.
     */
    public void add(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        put(value);
        put(value.strip());
        put(escaped(value));
        put(escaped(value.strip()));
        if (value.contains("\n")) {
            for (String line : value.split("\r?\n")) {
                String l = line.strip();
                if (l.length() >= MIN_LINE && l.chars().anyMatch(Character::isLetterOrDigit)) {
                    put(l);
                }
            }
        }
    }

    private void put(String s) {
        if (byLength.computeIfAbsent(s.length(), n -> ConcurrentHashMap.newKeySet()).add(s)) {
            size.incrementAndGet();
        }
    }

    private static String escaped(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    /** {@code text} with every registered secret replaced by {@link #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Set<String> same : byLength.tailMap(out.length(), true).values()) {
            for (String s : same) {
                if (out.contains(s)) {
                    out = out.replace(s, MASK);
                }
            }
        }
        return out;
    }

    /**
     * {@code value} for showing: strings masked however deep in lists, sets and maps, map keys too (a loop item's
     * label shows them); any other value as it is, unless its text holds a secret (a number read from a vault),
     * then its masked text.
     */
    public Object maskAll(Object value) {
        // a vault value not read yet is read now, so that its text is registered before it is masked
        value = VaultValue.resolve(value);
        if (isEmpty() || value == null) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return mask(s.toString());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(mask(String.valueOf(k)), maskAll(x)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(x -> out.add(maskAll(x)));
            return out;
        }
        String text = String.valueOf(value);
        return appearsIn(text) ? mask(text) : value;
    }

    /** Whether a registered secret appears in {@code text} (a command line about to be sent to a host, say). */
    public boolean appearsIn(String text) {
        if (text == null) {
            return false;
        }
        for (Set<String> same : byLength.tailMap(text.length(), true).values()) {
            for (String s : same) {
                if (text.contains(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return size.get() == 0;
    }
}
