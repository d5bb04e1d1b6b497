package io.gplay.engine.vault;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clear texts that came from a vault, and {@link #mask(String)}, which replaces each of them in a text by
 * {@link #MASK}. A registry of strings rather than a value type, so that a secret is caught wherever it ends
 * up: in a variable, inside a templated file or command line, in a module's message or a diff.
 */
public final class SecretMask {
    public static final String MASK = "********";
    /** A line of a multi-line secret shorter than this (a brace, "---") is no secret by itself. */
    private static final int MIN_LINE = 8;
    private static final SecretMask GLOBAL = new SecretMask();

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** Longest first, so that a secret containing another is masked whole. */
    private volatile List<String> ordered = List.of();

    /** The registry of this process, filled as vault data is read, for every channel that writes text. */
    public static SecretMask global() {
        return GLOBAL;
    }

    /** Registers {@code value}, and each line of it, when it has several (a diff shows a file line by line). */
    public void add(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        boolean added = secrets.add(value);
        if (value.contains("\n")) {
            for (String line : value.split("\r?\n")) {
                if (line.strip().length() >= MIN_LINE) {
                    added |= secrets.add(line.strip());
                }
            }
        }
        if (added) {
            synchronized (this) {
                ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
            }
        }
    }

    /** {@code text} with every registered secret replaced by {@link #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : ordered) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    /** Whether a registered secret appears in {@code text} (a command line about to be sent to a host, say). */
    public boolean appearsIn(String text) {
        if (text == null) {
            return false;
        }
        for (String s : ordered) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }
}
