package io.gplay.modules.gluster;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * glusterd's own store under /var/lib/glusterd, read when the daemon does not answer. Only check mode uses it:
 * an audit of a host whose glusterd was stopped should report that, not "would create every volume".
 */
final class GlusterStore {
    static final String DIR = "/var/lib/glusterd";

    /**
     * What glusterd keeps of a volume: status, replica count, bricks in order and the options set on it.
     * {@code fromDaemon}: read from glusterd itself (which can also be asked for every option and the bricks'
     * processes), not from its store.
     */
    record Volume(String status, int replica, List<String> bricks, Map<String, String> options, boolean fromDaemon) {
        /** Registers the volume as found: its bricks, replica count and the options set on it. */
        void register(ModuleContext ctx) {
            ctx.set("bricks", bricks);
            ctx.set("replica", replica);
            ctx.set("options", options);
        }
    }

    private GlusterStore() {
    }

    /** Every name under which the pool's peers are recorded. */
    static Set<String> peers(ModuleContext ctx) {
        Set<String> names = new LinkedHashSet<>();
        ExecResult r = ctx.probe(Cmd.of("sh", "-c", "cat \"$1\"/peers/* 2>/dev/null; true", "peers", DIR));
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("hostname\\d+")) {
                names.add(line.substring(eq + 1).trim());
            }
        }
        return names;
    }

    /** The volume as stored, or null when there is none. */
    static Volume volume(ModuleContext ctx, String name) {
        ExecResult r = ctx.probe(Cmd.of("sh", "-c",
                "cd \"$1\"/vols/\"$2\" 2>/dev/null || exit 0; cat info; for f in bricks/*; do echo \"@brick ${f#bricks/}\"; cat \"$f\"; done",
                "vol", DIR, name));
        if (r.stdout().isBlank()) {
            return null;
        }
        Map<String, String> info = new LinkedHashMap<>();
        Map<String, String> brickByFile = new LinkedHashMap<>();
        String brickFile = null;
        String host = null;
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("@brick ")) {
                brickFile = line.substring(7);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1);
            if (brickFile == null) {
                info.put(k, v);
            } else if (k.equals("hostname")) {
                host = v;
            } else if (k.equals("path")) {
                brickByFile.put(brickFile, host + ":" + v);
            }
        }
        List<String> bricks = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        info.forEach((k, v) -> {
            if (k.matches("brick-\\d+")) {
                bricks.add(brickByFile.getOrDefault(v, v));
            } else if (k.contains(".")) {
                options.put(k, v);
            }
        });
        String status = switch (info.getOrDefault("status", "0")) {
            case "1" -> "Started";
            case "2" -> "Stopped";
            default -> "Created";
        };
        return new Volume(status, Integer.parseInt(info.getOrDefault("replica_count", "1")), bricks, options, false);
    }
}
