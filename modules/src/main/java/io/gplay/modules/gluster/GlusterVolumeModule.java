package io.gplay.modules.gluster;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Gluster volume: created with its type, replica count and bricks, its options and option groups set, and
 * started or stopped. Decides from {@code gluster volume info --xml}, {@code volume get NAME all --xml} (only when
 * an option wanted is not set on the volume with its value already) and, for a started volume,
 * {@code volume status all --xml}. The lists of every volume and of every started volume's status are asked
 * once for the run's volume tasks on a host, and again after any task changes something.
 */
public final class GlusterVolumeModule implements Module {
    private static final Set<String> TRUE = Set.of("on", "enable", "yes", "true", "1");
    private static final Set<String> FALSE = Set.of("off", "disable", "no", "false", "0");

    private static final ModuleSpec SPEC = new ModuleSpec("glusterVolume", "Creates, starts, stops or deletes a Gluster volume and sets its options and option groups.")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the volume"))
            .param(Param.choice("state", "started", List.of("present", "started", "stopped", "absent"),
                    "present: created (started or not); started; stopped; absent: stopped and deleted (its bricks' data stays)"))
            .param(Param.optional("bricks", ParamType.LIST, null, "HOST:/path for each brick, in replica-set order (needed to create)"))
            .param(Param.optional("replica", ParamType.INT, null, "replica count; without it a distributed volume"))
            .param(Param.choice("transport", "tcp", List.of("tcp", "rdma", "tcp,rdma"), "the volume's transport"))
            .param(Param.optional("options", ParamType.MAP, Map.of(), "volume options, e.g. ['storage.owner-uid': 36]"))
            .param(Param.optional("groups", ParamType.LIST, List.of(), "option groups to apply (gluster volume set NAME group G), read from /var/lib/glusterd/groups/G"))
            .param(Param.optional("force", ParamType.BOOL, false, "create even with bricks on the root file system (gluster's force)"))
            .checkMode("the volume is read with --xml; creation, option changes and start/stop are predicted with a diff of the "
                    + "options. With glusterd stopped, the volume is read from glusterd's store (/var/lib/glusterd) instead")
            .notes("Run it on one host of the pool (runOnce: true). The bricks' directories' parents must exist on their "
                    + "hosts. Changing the bricks or replica count of an existing volume is refused: that is add-brick/"
                    + "remove-brick work to do by hand. An option group's file (e.g. the procedure's virt group) must be on "
                    + "this host; its options count as set when the volume has each of them. An option the volume does not "
                    + "have (not in gluster volume get NAME all) is refused. A started volume whose bricks glusterd lists "
                    + "as offline is started again with start force (bricks of a peer that is down are not listed). The name, "
                    + "the bricks' HOST:/path form and whole replica sets are checked before gluster is asked; bricks of "
                    + "this host that already carry a volume's mark are refused, and after a failed create only the marks "
                    + "it left on this host's bricks are taken off.")
            .returns("volume", "string", "success", "the volume", "engine")
            .returns("exists", "bool", "success", "whether the volume was there before the task", "true")
            .returns("status", "string", "when state is not absent", "Created, Started or Stopped: the volume after the task (in check mode: would be)", "Started")
            .returns("type", "string", "when the volume was there and glusterd answered", "its type as gluster names it", "Replicate")
            .returns("bricks", "list", "when the volume was there", "its bricks, HOST:/path, as found", "[h1:/gluster/engine0, h2:/gluster/engine1]")
            .returns("replica", "int", "when the volume was there", "its replica count (1: distributed)", "2")
            .returns("options", "map", "when the volume was there", "the options set on it, as found (gluster volume info)", "{storage.owner-uid: '36', performance.quick-read: 'off'}")
            .returns("read_from", "string", "in check mode, when glusterd is not running", "where the volume was read instead", "/var/lib/glusterd (glusterd is not running)")
            .example("glusterVolume 'engine', replica: 2, bricks: ['h1:/gluster/engine0', 'h2:/gluster/engine1'],\n"
                    + "        options: ['storage.owner-uid': 36, 'storage.owner-gid': 36], groups: ['virt'], state: 'started', runOnce: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        String state = ctx.str("state");
        VolumeBricks.checkInput(ctx, name);
        GlusterCli gluster = new GlusterCli(ctx);
        GlusterStore.Volume volume = read(ctx, gluster, name);
        ctx.set("volume", name);
        ctx.set("exists", volume != null);
        if (volume != null) {
            volume.register(ctx);
        }
        if (state.equals("absent")) {
            if (volume != null) {
                ctx.converge("delete volume " + name, () -> {
                    if (volume.status().equals("Started")) {
                        gluster.change("volume", "stop", name);
                    }
                    gluster.change("volume", "delete", name);
                });
            }
            return;
        }
        List<String> bricks = ctx.has("bricks") ? ctx.list("bricks").stream().map(String::valueOf).toList() : null;
        String status;
        GlusterStore.Volume current;
        if (volume == null) {
            if (bricks == null || bricks.isEmpty()) {
                ctx.fail("volume " + name + " does not exist; give its bricks to create it");
            }
            // without getfattr a brick's mark cannot be told, and nothing is taken off after a failed create
            List<String> own = ctx.hasProgram("getfattr") ? VolumeBricks.own(gluster, bricks) : List.of();
            List<String> taken = own.stream().filter(path -> VolumeBricks.marked(ctx, path)).toList();
            if (!taken.isEmpty()) {
                ctx.fail("volume " + name + " cannot be created: " + String.join(", ", taken) + " on this host already"
                        + " belong to a volume (they carry trusted.glusterfs.volume-id); gluster would refuse them too");
            }
            ctx.converge("create volume " + name + VolumeBricks.describe(ctx, bricks),
                    () -> VolumeBricks.create(ctx, gluster, name, bricks, own));
            status = "Created";
            current = null;
        } else {
            VolumeBricks.checkLayout(ctx, volume, bricks);
            status = volume.status();
            current = volume;
        }
        ensureOptions(ctx, gluster, name, current);
        if (state.equals("started") && !status.equals("Started")) {
            ctx.converge("start volume " + name, () -> gluster.change("volume", "start", name));
            status = "Started";
        } else if (state.equals("started") && volume.fromDaemon()) {
            // a started volume may have bricks whose process is gone (a host restarted before its brick's file
            // system was mounted, say): gluster starts them again with start force, leaving the others be
            List<String> offline = offlineBricks(gluster, name);
            if (!offline.isEmpty()) {
                ctx.converge("start the offline bricks of volume " + name + ": " + String.join(" ", offline),
                        () -> gluster.change("volume", "start", name, "force"));
            }
        } else if (state.equals("stopped") && status.equals("Started")) {
            ctx.converge("stop volume " + name, () -> gluster.change("volume", "stop", name));
            status = "Stopped";
        }
        ctx.set("status", status);
    }

    /**
     * The volume as glusterd reports it (options with their effective values); in check mode, from glusterd's
     * store when glusterd does not answer (options: only those set on the volume).
     */
    private static GlusterStore.Volume read(ModuleContext ctx, GlusterCli gluster, String name) {
        Element v;
        try {
            v = volume(gluster, name);
        } catch (GlusterCli.DaemonDown e) {
            if (!ctx.checkMode()) {
                throw e;
            }
            ctx.set("read_from", GlusterStore.DIR + " (glusterd is not running)");
            return GlusterStore.volume(ctx, name);
        }
        if (v == null) {
            return null;
        }
        ctx.set("type", GlusterCli.text(v, "typeStr", ""));
        List<String> bricks = new ArrayList<>();
        for (Element b : GlusterCli.children(GlusterCli.child(v, "bricks"), "brick")) {
            // 3.4 writes <brick>HOST:/PATH</brick> (release-3.4 cli/src/cli-xml-output.c:2596-2606); later
            // releases add <name>HOST:/PATH</name> and the host's UUID inside, after the same text
            bricks.add(GlusterCli.text(b, "name", GlusterCli.ownText(b)));
        }
        Map<String, String> set = new LinkedHashMap<>();
        for (Element o : GlusterCli.children(GlusterCli.child(v, "options"), "option")) {
            set.put(GlusterCli.text(o, "name", ""), GlusterCli.text(o, "value", ""));
        }
        return new GlusterStore.Volume(GlusterCli.text(v, "statusStr", ""),
                Integer.parseInt(GlusterCli.text(v, "replicaCount", "1")), bricks, set, true);
    }

    /**
     * Options and groups: each differing option is set; a group is applied when any of its options differs.
     * When every wanted option is among those set on the volume (gluster volume info), with its value, nothing
     * more is asked; else glusterd is asked for every option's effective value (volume get NAME all, another
     * fraction of a second), and an option not among them does not exist. {@code volume}: null for a new one.
     */
    private void ensureOptions(ModuleContext ctx, GlusterCli gluster, String name, GlusterStore.Volume volume)
            throws Exception {
        Map<String, String> wanted = new LinkedHashMap<>();
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        for (Object g : ctx.list("groups")) {
            Map<String, String> opts = group(ctx, String.valueOf(g));
            groups.put(String.valueOf(g), opts);
        }
        ctx.map("options").forEach((k, v) -> wanted.put(k, String.valueOf(v)));
        Map<String, String> current = volume == null ? null : volume.options();
        boolean everyOption = false;
        if (volume != null && volume.fromDaemon() && !allSet(current, wanted, groups)) {
            Map<String, String> every = settings(gluster, name);
            if (every != null) {
                current = every;
                everyOption = true;
            } // else Gluster before 3.7: only the options set are known, and glusterd refuses an unknown one when set
        }
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        List<String> groupsToApply = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> g : groups.entrySet()) {
            boolean differs = false;
            for (Map.Entry<String, String> o : g.getValue().entrySet()) {
                String have = lookup(current, o.getKey());
                if (!same(have, o.getValue())) {
                    differs = true;
                    before.add(o.getKey() + " = " + (have == null ? "(unset)" : have));
                    after.add(o.getKey() + " = " + o.getValue() + "    (group " + g.getKey() + ")");
                }
            }
            if (differs) {
                groupsToApply.add(g.getKey());
            }
        }
        Map<String, String> toSet = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : wanted.entrySet()) {
            String have = lookup(current, o.getKey());
            if (have == null && everyOption && !o.getKey().startsWith("user.")) {
                ctx.fail("volume " + name + " has no option '" + o.getKey() + "' (gluster volume get " + name
                        + " all lists those it has)");
            }
            if (!same(have, o.getValue())) {
                toSet.put(o.getKey(), o.getValue());
                before.add(o.getKey() + " = " + (have == null ? "(unset)" : have));
                after.add(o.getKey() + " = " + o.getValue());
            }
        }
        if (groupsToApply.isEmpty() && toSet.isEmpty()) {
            return;
        }
        String label = "gluster volume " + name + " options";
        ctx.converge("set " + String.join(", ", toSet.keySet())
                        + (groupsToApply.isEmpty() ? "" : (toSet.isEmpty() ? "" : " and ") + "group " + String.join(", ", groupsToApply))
                        + " on volume " + name,
                new Diff(label, lines(before), lines(after)), () -> {
                    for (String g : groupsToApply) {
                        gluster.change("volume", "set", name, "group", g);
                    }
                    for (Map.Entry<String, String> o : toSet.entrySet()) {
                        gluster.change("volume", "set", name, o.getKey(), o.getValue());
                    }
                });
    }

    /** Whether each wanted option, and each option of each group, has its value in {@code current}. */
    private static boolean allSet(Map<String, String> current, Map<String, String> wanted,
                                  Map<String, Map<String, String>> groups) {
        List<Map<String, String>> all = new ArrayList<>(groups.values());
        all.add(wanted);
        return all.stream().allMatch(m -> m.entrySet().stream().allMatch(o -> same(lookup(current, o.getKey()), o.getValue())));
    }

    private static String lines(List<String> l) {
        return l.isEmpty() ? "" : String.join("\n", l) + "\n";
    }

    /** An option group's file, as gluster reads it: KEY=VALUE lines. */
    private static Map<String, String> group(ModuleContext ctx, String group) {
        if (!group.matches("[A-Za-z0-9_.-]+")) {
            ctx.fail("not an option group name: " + group);
        }
        String path = "/var/lib/glusterd/groups/" + group;
        RemoteFile f = ctx.stat(path);
        if (!f.isFile()) {
            ctx.fail("option group " + group + " has no file " + path + " on this host");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (String line : f.content().split("\n")) {
            String t = line.trim();
            int eq = t.indexOf('=');
            if (!t.isEmpty() && !t.startsWith("#") && eq > 0) {
                opts.put(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
            }
        }
        return opts;
    }

    /** The current value of an option by its full or short name (quick-read is performance.quick-read). */
    static String lookup(Map<String, String> current, String key) {
        if (current == null) {
            return null;
        }
        if (current.containsKey(key)) {
            return current.get(key);
        }
        for (Map.Entry<String, String> e : current.entrySet()) {
            if (e.getKey().endsWith("." + key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Gluster's boolean spellings are interchangeable (enable, on, yes, true, 1). */
    static boolean same(String have, String want) {
        if (have == null) {
            return false;
        }
        String h = have.toLowerCase();
        String w = want.toLowerCase();
        return h.equals(w) || TRUE.contains(h) && TRUE.contains(w) || FALSE.contains(h) && FALSE.contains(w);
    }

    /**
     * The volume's bricks that glusterd lists as not running. Bricks of a peer that is down are not listed at
     * all, and are not counted: start force could not reach them.
     */
    private static List<String> offlineBricks(GlusterCli gluster, String name) {
        List<String> offline = new ArrayList<>();
        // cliOutput/volStatus/volumes/volume/node: a brick, or a daemon (its path not a folder)
        Element root = gluster.queryKept("volume", "status", "all");
        if (GlusterCli.opRet(root) != 0) {
            throw new ModuleFailure("gluster volume status all: " + GlusterCli.opErr(root));
        }
        Element volume = named(GlusterCli.child(GlusterCli.child(root, "volStatus"), "volumes"), "volName", name);
        for (Element node : GlusterCli.children(volume, "node")) {
            if (GlusterCli.text(node, "path", "").startsWith("/") && GlusterCli.text(node, "status", "1").equals("0")) {
                offline.add(GlusterCli.text(node, "hostname", "") + ":" + GlusterCli.text(node, "path", ""));
            }
        }
        return offline;
    }

    /** The volume in glusterd's list of every volume (asked once for the run's volume tasks), or null. */
    static Element volume(GlusterCli gluster, String name) {
        Element root = gluster.queryKept("volume", "info");
        Element volumes = GlusterCli.child(GlusterCli.child(root, "volInfo"), "volumes");
        if (GlusterCli.opRet(root) != 0) {
            // a pool with no volume at all: "No volumes present" (older releases: no list, or an empty one)
            if (GlusterCli.children(volumes, "volume").isEmpty() && GlusterCli.opErr(root).matches(
                    "(?is).*(no volumes present|does not exist).*")) {
                return null;
            }
            throw new ModuleFailure("gluster volume info: " + GlusterCli.opErr(root));
        }
        return named(volumes, "name", name);
    }

    /** The child {@code volume} of {@code volumes} whose {@code tag} is {@code name}, or null. */
    private static Element named(Element volumes, String tag, String name) {
        for (Element v : GlusterCli.children(volumes, "volume")) {
            if (GlusterCli.text(v, tag, "").equals(name)) {
                return v;
            }
        }
        return null;
    }

    /**
     * Every option's effective value (gluster marks defaults "(DEFAULT)"; the mark is dropped), or null from a
     * Gluster without {@code volume get} (before 3.7: release-3.4's {@code cli/src/cli-cmd-volume.c:1855-1962}
     * lists no such command).
     */
    private static Map<String, String> settings(GlusterCli gluster, String name) {
        Element root;
        try {
            root = gluster.queryOk("volume", "get", name, "all");
        } catch (GlusterCli.UnknownCommand e) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Element opt : GlusterCli.children(GlusterCli.child(root, "volGetopts"), "Opt")) {
            String value = GlusterCli.text(opt, "Value", "");
            out.put(GlusterCli.text(opt, "Option", ""), value.endsWith(" (DEFAULT)") ? value.substring(0, value.length() - 10) : value);
        }
        return out;
    }
}
