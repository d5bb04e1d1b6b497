package io.gplay.modules.storage;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's LVM physical volumes, pools (volume groups) and logical volumes, read with pvs, vgs and lvs in
 * their machine-readable form (sizes in bytes). Used by ssm/lvm whichever tool makes the changes.
 */
record LvmState(List<Map<String, Object>> devices, List<Map<String, Object>> pools, List<Map<String, Object>> volumes) {
    static LvmState read(ModuleContext ctx) {
        List<Map<String, Object>> devices = new ArrayList<>();
        for (String[] r : rows(ctx.read(report("pvs", "pv_name,vg_name,pv_size")))) {
            devices.add(row("device", r[0], "pool", r[1], "size", bytes(r[2])));
        }
        List<Map<String, Object>> pools = new ArrayList<>();
        for (String[] r : rows(ctx.read(report("vgs", "vg_name,vg_size,vg_free")))) {
            pools.add(row("name", r[0], "size", bytes(r[1]), "free", bytes(r[2])));
        }
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (String[] r : rows(ctx.read(report("lvs", "vg_name,lv_name,lv_size")))) {
            volumes.add(row("pool", r[0], "name", r[1], "size", bytes(r[2]), "path", "/dev/" + r[0] + "/" + r[1]));
        }
        return new LvmState(devices, pools, volumes);
    }

    private static Cmd report(String tool, String fields) {
        return Cmd.of(tool, "--noheadings", "--units", "b", "--nosuffix", "--separator", "|", "-o", fields);
    }

    private static List<String[]> rows(String out) {
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.strip().split("\\|", -1));
            }
        }
        return rows;
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Long bytes(String s) {
        return s.isBlank() ? null : new java.math.BigDecimal(s.strip()).longValue();
    }

    /** The pool DEV belongs to: null when it is not a physical volume, "" when it is one outside any pool. */
    String poolOf(String... names) {
        for (Map<String, Object> d : devices) {
            for (String n : names) {
                if (d.get("device").equals(n)) {
                    return (String) d.get("pool");
                }
            }
        }
        return null;
    }

    boolean hasPool(String pool) {
        return pools.stream().anyMatch(p -> p.get("name").equals(pool));
    }

    boolean hasVolume(String pool, String name) {
        return volumes.stream().anyMatch(v -> v.get("pool").equals(pool) && v.get("name").equals(name));
    }
}
