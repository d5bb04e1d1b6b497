package io.gplay.engine.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code !vault} value of an inventory, decrypted when it is first read: each value has its own salt, so its
 * own PBKDF2 (tens of milliseconds), and most of an inventory's are never read by a run (other hosts' values,
 * {@code --syntax-check}). Its clear text is registered with the {@link SecretMask} before anyone gets it, so
 * whatever shows it later is masked as if it had been decrypted with the file.
 */
public final class VaultValue {
    private final String vaultText;
    private final String where;
    private final VaultSecrets secrets;
    private volatile String clear;

    VaultValue(String vaultText, String where, VaultSecrets secrets) {
        this.vaultText = vaultText;
        this.where = where;
        this.secrets = secrets;
    }

    /** The clear text, decrypted (and registered as a secret) on the first call. */
    public String clear() {
        String c = clear;
        if (c == null) {
            synchronized (this) {
                if (clear == null) {
                    String text = new String(secrets.decrypt(vaultText, where), StandardCharsets.UTF_8);
                    SecretMask.global().add(text);
                    clear = text;
                }
                c = clear;
            }
        }
        return c;
    }

    /** The clear text: a value that is turned into text is read. */
    @Override
    public String toString() {
        return clear();
    }

    /** {@code v} with every vault value in it, however deep in lists and maps, as its clear text. */
    public static Object resolve(Object v) {
        if (v instanceof VaultValue vv) {
            return vv.clear();
        }
        if (v instanceof Map<?, ?> m && holdsOne(m.values())) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, resolve(x)));
            return out;
        }
        if (v instanceof Collection<?> c && holdsOne(c)) {
            List<Object> out = new ArrayList<>();
            c.forEach(x -> out.add(resolve(x)));
            return out;
        }
        return v;
    }

    private static boolean holdsOne(Collection<?> values) {
        for (Object x : values) {
            if (x instanceof VaultValue || x instanceof Map<?, ?> m && holdsOne(m.values())
                    || x instanceof Collection<?> c && holdsOne(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decrypts the first vault value in {@code v} now, so that a wrong password is found when the file is read,
     * before any host is touched, at the cost of one PBKDF2.
     */
    public static void openFirst(Object v) {
        VaultValue f = first(v);
        if (f != null) {
            f.clear();
        }
    }

    private static VaultValue first(Object v) {
        if (v instanceof VaultValue vv) {
            return vv;
        }
        Collection<?> children = v instanceof Map<?, ?> m ? m.values() : v instanceof Collection<?> c ? c : List.of();
        for (Object x : children) {
            VaultValue f = first(x);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
