package io.gplay.modules.gluster;

import io.gplay.modules.Operand;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A volume's bricks: what gluster would refuse, checked before it is asked; which bricks are this host's and
 * already taken; the create itself, and taking off the marks a failed create left on this host's bricks.
 */
final class VolumeBricks {
    private VolumeBricks() {
    }

    /** Bricks and replica count of an existing volume must be the ones asked for. */
    static void checkLayout(ModuleContext ctx, GlusterStore.Volume volume, List<String> bricks) {
        List<String> have = volume.bricks();
        String name = ctx.str("name");
        if (bricks != null && !normalise(bricks).equals(normalise(have))) {
            ctx.fail("volume " + name + " has bricks " + have + ", not " + bricks
                    + "; changing bricks is add-brick/remove-brick work to do by hand");
        }
        int replica = volume.replica();
        if (ctx.has("replica") && ctx.integer("replica") != replica) {
            ctx.fail("volume " + name + " has replica " + replica + ", not " + ctx.integer("replica"));
        }
    }

    private static List<String> normalise(List<String> bricks) {
        return bricks.stream().map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b).toList();
    }

    /**
     * What gluster would refuse only after marking bricks, refused first: a name gluster takes, bricks as
     * HOST:/path, and as many bricks as a whole number of replica sets.
     */
    static void checkInput(ModuleContext ctx, String name) {
        // gluster takes no --: a leading dash is refused
        Operand.of(ctx, "name", name);
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            ctx.fail("not a volume name gluster takes (letters, digits, - and _): '" + name + "'");
        }
        if (!ctx.has("bricks")) {
            return;
        }
        List<Object> bricks = ctx.list("bricks");
        for (Object brick : bricks) {
            Operand.of(ctx, "bricks", brick);
            if (!String.valueOf(brick).matches("[^\\s:/]+:/\\S*")) {
                ctx.fail("a brick is HOST:/absolute/path, not '" + brick + "'");
            }
        }
        if (ctx.has("replica") && (ctx.integer("replica") < 2 || bricks.size() % ctx.integer("replica") != 0)) {
            ctx.fail("replica " + ctx.integer("replica") + " needs a whole number of replica sets of at least 2"
                    + " bricks; " + bricks.size() + " bricks given");
        }
    }

    /** The paths of the bricks that are on this host. */
    static List<String> own(GlusterCli gluster, List<String> bricks) {
        Set<String> self = gluster.selfNames();
        return bricks.stream().filter(b -> self.contains(b.substring(0, b.indexOf(':'))))
                .map(b -> b.substring(b.indexOf(':') + 1)).toList();
    }

    /** Whether a brick directory carries a volume's mark (so belongs to a volume, or did). */
    static boolean marked(ModuleContext ctx, String path) {
        return ctx.probe(Cmd.of("getfattr", "--absolute-names", "-n", "trusted.glusterfs.volume-id", "--", path)
                .raw("2>/dev/null")).ok();
    }

    /**
     * gluster volume create marks each brick directory as taken before every peer has agreed; when it then
     * fails (a peer down), the marks stay and every later create says "already part of a volume". This host's
     * bricks carried no mark before (checked first), so marks on those still empty are this create's own and are
     * taken off again, so a re-run can create the volume.
     */
    static void create(ModuleContext ctx, GlusterCli gluster, String name, List<String> bricks,
                               List<String> own) {
        try {
            gluster.change(createArgs(ctx, name, bricks));
        } catch (ModuleFailure e) {
            if (GlusterVolumeModule.volume(gluster, name) != null) {
                throw e;
            }
            if (own.isEmpty()) {
                throw e;
            }
            for (String path : own) {
                ctx.attempt(Cmd.of("sh", "-c",
                        "[ -d \"$1\" ] && [ -z \"$(ls -A \"$1\" | grep -vx .glusterfs)\" ] || exit 0; "
                                + "setfattr -x trusted.glusterfs.volume-id \"$1\" 2>/dev/null; "
                                + "setfattr -x trusted.gfid \"$1\" 2>/dev/null; rm -rf \"$1/.glusterfs\"",
                        "unmark", path), null);
            }
            throw new ModuleFailure(e.getMessage() + " (the marks it left on this host's bricks, empty and unmarked"
                    + " before, were taken off; marks on other hosts' bricks stay, for gluster to clear)");
        }
    }

    private static String[] createArgs(ModuleContext ctx, String name, List<String> bricks) {
        List<String> args = new ArrayList<>(List.of("volume", "create", name));
        if (ctx.has("replica")) {
            args.add("replica");
            args.add(String.valueOf(ctx.integer("replica")));
        }
        args.add("transport");
        args.add(ctx.str("transport"));
        args.addAll(bricks);
        if (ctx.bool("force")) {
            args.add("force");
        }
        return args.toArray(String[]::new);
    }

    static String describe(ModuleContext ctx, List<String> bricks) {
        return (ctx.has("replica") ? " replica " + ctx.integer("replica") : "") + " on " + String.join(" ", bricks);
    }
}
