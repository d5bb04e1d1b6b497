package io.gplay.modules.gluster;

import io.gplay.modules.Operand;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Probes hosts into this host's trusted storage pool; a host already in the pool is left alone. */
public final class GlusterPeerModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("glusterPeer", "Probes hosts into the Gluster trusted pool from this host (gluster peer probe), idempotently.")
            .param(Param.required("peers", ParamType.LIST, "host names or addresses to have in the pool"))
            .param(Param.optional("wait", ParamType.INT, 60, "seconds to wait for the peers to be connected and 'Peer in Cluster'"))
            .param(Param.optional("probe", ParamType.BOOL, true, "false: probe no one, only wait until every peer is in this host's pool and connected"))
            .checkMode("the pool is read with gluster peer status --xml (with glusterd stopped, from its store); missing peers are reported as would-be probes")
            .notes("Run it on one host (runOnce: true); the others learn the pool from it, and connect to each other, "
                    + "a moment later. A volume created meanwhile can be refused (\"Staging failed on HOST. Error: Host "
                    + "... not connected\"), so wait on every host with probe: false before creating volumes. A peer "
                    + "is known by any of the names gluster records for it. This host itself is skipped.")
            .leavesOut("nodes", "called peers")
            .leavesOut("state: absent", "peers are never detached: run gluster peer detach by hand")
            .returns("peers", "list", "success", "the pool's peers by every name gluster records for them, sorted: after the task, or in check mode as found", "[h2, h2.example.com, h3]")
            .returns("states", "map", "when glusterd answered", "each peer, by the host name gluster lists it under, with its state and whether it is connected", "{h2: {state: Peer in Cluster, connected: true}}")
            .returns("read_from", "string", "in check mode, when glusterd is not running", "where the pool was read instead", "/var/lib/glusterd (glusterd is not running)")
            .example("glusterPeer 'probe the other hosts from the first', peers: { groups.ovirt - host }, runOnce: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        ctx.list("peers").forEach(p -> Operand.of(ctx, "peers", p)); // gluster takes no --
        GlusterCli gluster = new GlusterCli(ctx);
        Set<String> self = gluster.selfNames();
        Map<String, Element> read = read(ctx, gluster);
        Set<String> pool = read == null ? GlusterStore.peers(ctx) : read.keySet();
        List<String> missing = new ArrayList<>();
        for (Object p : ctx.list("peers")) {
            String peer = String.valueOf(p);
            if (!self.contains(peer) && !pool.contains(peer)) {
                missing.add(peer);
            }
        }
        if (!missing.isEmpty() && !ctx.bool("probe")) {
            if (ctx.checkMode()) {
                // the host that probes has not yet, in a check run: its peers are missing here too
                ctx.msg("not in this host's pool yet: " + String.join(", ", missing) + " (to be probed by another host)");
                ctx.set("peers", List.copyOf(new TreeSet<>(pool)));
                if (read != null) {
                    ctx.set("states", states(read));
                }
                return;
            }
        } else if (!missing.isEmpty()) {
            ctx.converge("probe " + String.join(", ", missing), () -> {
                for (String peer : missing) {
                    gluster.change("peer", "probe", peer);
                }
            });
        }
        if (!ctx.checkMode()) {
            // A peer whose glusterd has just started is in the pool but not yet connected; volume commands
            // sent meanwhile can leave cluster locks held until they time out. A pool read before with every
            // peer in it and connected is not read again: each gluster query costs a fraction of a second.
            read = awaitInCluster(ctx, gluster, ctx.list("peers").stream().map(String::valueOf)
                    .filter(p -> !self.contains(p)).toList(), missing.isEmpty() || !ctx.bool("probe") ? read : null);
        }
        ctx.set("peers", List.copyOf(new TreeSet<>(ctx.checkMode() ? pool : read.keySet())));
        if (read != null) {
            ctx.set("states", states(read));
        }
    }

    /** Each peer once, by the host name gluster lists it under: its state and whether it is connected. */
    private static Map<String, Object> states(Map<String, Element> pool) {
        Map<String, Object> states = new TreeMap<>();
        for (Element peer : new LinkedHashSet<>(pool.values())) {
            states.put(GlusterCli.text(peer, "hostname", ""), Map.of("state", GlusterCli.text(peer, "stateStr", ""),
                    "connected", GlusterCli.text(peer, "connected", "0").equals("1")));
        }
        return states;
    }

    /** The pool as glusterd reports it; null in check mode when glusterd does not answer (read its store then). */
    private static Map<String, Element> read(ModuleContext ctx, GlusterCli gluster) {
        try {
            return pool(gluster);
        } catch (GlusterCli.DaemonDown e) {
            if (!ctx.checkMode()) {
                throw e;
            }
            ctx.set("read_from", GlusterStore.DIR + " (glusterd is not running)");
            return null;
        }
    }

    /** Each peer under every name gluster records for it. */
    static Map<String, Element> pool(GlusterCli gluster) {
        Element root = gluster.queryOk("peer", "status");
        Map<String, Element> byName = new LinkedHashMap<>();
        Element status = GlusterCli.child(root, "peerStatus");
        for (Element peer : GlusterCli.children(status, "peer")) {
            byName.put(GlusterCli.text(peer, "hostname", ""), peer);
            Element names = GlusterCli.child(peer, "hostnames");
            for (Element n : GlusterCli.children(names, "hostname")) {
                byName.put(n.getTextContent().trim(), peer);
            }
        }
        return byName;
    }

    /** Waits until each peer is connected and in the pool; the pool as last read. {@code known}: a read to start from, or null. */
    private static Map<String, Element> awaitInCluster(ModuleContext ctx, GlusterCli gluster, List<String> peers,
                                                       Map<String, Element> known) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ctx.integer("wait") * 1000L;
        Map<String, Element> pool = known != null ? known : pool(gluster);
        while (true) {
            Map<String, Element> now = pool;
            List<String> waiting = peers.stream().filter(p -> !inCluster(now.get(p))).toList();
            if (waiting.isEmpty()) {
                return pool;
            }
            if (System.currentTimeMillis() > deadline) {
                ctx.fail("not connected and in this host's pool after " + ctx.integer("wait") + " s: " + waiting);
            }
            Thread.sleep(500);
            pool = pool(gluster);
        }
    }

    private static boolean inCluster(Element peer) {
        return peer != null && GlusterCli.text(peer, "connected", "0").equals("1")
                && GlusterCli.text(peer, "stateStr", "").equals("Peer in Cluster");
    }
}
