package io.gplay.engine.module;

import io.gplay.engine.connection.RemoteFile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the earlier tasks of a check run would have left on one host: files by path, and other state by a key
 * of the module's (e.g. {@code service:ctdb} → {@code running}). A later task of the same run decides from
 * these rather than from the unchanged host, so a check run on a fresh host reports what the real run does.
 */
public final class Predictions {
    private final Map<String, RemoteFile> files = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();

    /** The predicted file at this path, or null when no earlier task predicted one. */
    public RemoteFile file(String path) {
        return files.get(path);
    }

    /** The paths earlier tasks predicted a change at. */
    public java.util.Set<String> paths() {
        return java.util.Set.copyOf(files.keySet());
    }

    public void file(RemoteFile after) {
        files.put(after.path(), after);
    }

    /** The predicted value of a state, or null when no earlier task predicted it. */
    public String state(String key) {
        return states.get(key);
    }

    public void state(String key, String value) {
        states.put(key, value);
    }
}
