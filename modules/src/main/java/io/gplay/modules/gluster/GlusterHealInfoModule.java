package io.gplay.modules.gluster;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a replicated volume has left to heal, from {@code gluster volume heal VOL info}, as Ansible's
 * {@code gluster.gluster.gluster_heal_info} reads it: for reports, {@code until:} waits and health gates.
 */
public final class GlusterHealInfoModule implements Module {
    /**
     * Gluster 3.4 (release-3.4 cli/src/cli-rpc-ops.c:6194-6208): "Brick HOST:PATH", a "Status: ..." line only for
     * a brick it could not crawl ("Brick is Not connected", xlators/cluster/afr/src/afr-self-heald.c:472), then
     * "Number of entries: N". Gluster 10 (release-10 heal/src/glfs-heal.c:936, 464-486, 503): "Brick HOST:PATH",
     * "Status: Connected" or the error, "Number of entries: N", or "-" when it could not count.
     */
    private static final Pattern BRICK = Pattern.compile("^Brick (\\S+)\\s*$");
    private static final Pattern STATUS = Pattern.compile("^Status: (.*?)\\s*$");
    private static final Pattern ENTRIES = Pattern.compile("^Number of entries: (\\d+|-)\\s*$");

    private static final ModuleSpec SPEC = new ModuleSpec("glusterHealInfo",
            "Reads what a replicated Gluster volume has left to heal; changes nothing.")
            .param(Param.required("volume", ParamType.STRING, "the volume's name"))
            .checkMode("runs in check mode too: it only reads")
            .returns("volume", "string", "success", "the volume", "engine")
            .returns("healed", "bool", "success", "every brick answered, connected, with no entry to heal", "true")
            .returns("entries", "int", "success", "the entries left to heal on all bricks; null when a brick could not count them", "0")
            .returns("bricks", "list", "success", "each brick as heal info lists it: brick, status, entries (null: not counted)",
                    "[{brick: h1:/gluster/engine0, status: Connected, entries: 0}]")
            .notes("The task is ok whatever it finds, so it can be polled with until: or used "
                    + "as a gate's check with failedWhen: { !result.healed }; it fails when glusterd is not "
                    + "running or gluster refuses the volume (not replicated, unknown). Reads what Gluster 3.4 "
                    + "and 10 print, since 3.4 writes no XML for heal info.")
            .example("glusterHealInfo 'nothing left to heal', volume: 'engine', until: { result.healed }, retries: 60, delay: 5")
            .example("glusterHealInfo 'heal state', volume: 'data', register: 'heal'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String volume = ctx.str("volume");
        ExecResult r = new GlusterCli(ctx).queryText("volume", "heal", volume, "info");
        if (!r.ok()) {
            ctx.fail("gluster volume heal " + volume + " info: " + r.reason());
            return;
        }
        List<Map<String, Object>> bricks = bricks(r.stdout());
        boolean counted = bricks.stream().allMatch(b -> b.get("entries") != null);
        long entries = bricks.stream().mapToLong(b -> b.get("entries") == null ? 0 : (Long) b.get("entries")).sum();
        boolean healed = !bricks.isEmpty() && counted && entries == 0
                && bricks.stream().allMatch(b -> "Connected".equals(b.get("status")));
        ctx.set("volume", volume);
        ctx.set("healed", healed);
        ctx.set("entries", counted ? entries : null);
        ctx.set("bricks", bricks);
        ctx.msg(volume + ": " + (healed ? "nothing to heal on " + bricks.size() + " bricks" : why(bricks)));
    }

    /** Each brick's section of the answer: its name, status (Connected when 3.4 prints none) and entries. */
    static List<Map<String, Object>> bricks(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> brick = null;
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = BRICK.matcher(line)).matches()) {
                brick = new LinkedHashMap<>();
                brick.put("brick", m.group(1));
                brick.put("status", "Connected");
                brick.put("entries", null);
                out.add(brick);
            } else if (brick != null && (m = STATUS.matcher(line)).matches()) {
                brick.put("status", m.group(1));
            } else if (brick != null && (m = ENTRIES.matcher(line)).matches()) {
                brick.put("entries", m.group(1).equals("-") ? null : Long.parseLong(m.group(1)));
            }
        }
        return out;
    }

    private static String why(List<Map<String, Object>> bricks) {
        if (bricks.isEmpty()) {
            return "gluster listed no brick";
        }
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> b : bricks) {
            if (!"Connected".equals(b.get("status"))) {
                parts.add(b.get("brick") + " " + b.get("status"));
            } else if (b.get("entries") == null) {
                parts.add(b.get("brick") + " could not count its entries");
            } else if ((Long) b.get("entries") > 0) {
                parts.add(b.get("entries") + " entries to heal on " + b.get("brick"));
            }
        }
        return String.join("; ", parts);
    }
}
