// Helpers of the bundled playbooks and roles, for any playbook: the addresses a cluster's hosts are known by.

/** The Gluster address of an inventory host. */
def glusterAddress(Map hv, String name) {
    hv[name]?.gluster_address ?: hv[name]?.ansible_host ?: name
}

/** The CTDB heartbeat address of an inventory host. */
def ctdbAddress(Map hv, String name) {
    hv[name]?.ctdb_address ?: glusterAddress(hv, name)
}

// Waits (10 s at most) until this node's view of the shared public_addresses holds the address, and for ctdb to
// answer (30 s at most; machine-readable output with -X, or -Y on ctdb before 4, CentOS 6's 1.0.114: the same
// columns, ':' instead of '|'), then runs `ctdb reloadips` for this node when its public addresses differ from the
// file's (`ctdb addip` and `delip` on a ctdb without reloadips); prints "reloaded" when it did. Two nodes
// reloading at once make one fail with "Failed to disable takeover runs" (ctdb holds takeover runs off
// cluster-wide while it reloads): that one tries again, 20 s at most.
def reloadPublicAddresses(String virtualIp) {
    """\
for i in \$(seq 20); do awk -v a=${quote(virtualIp)} '\$1 == a { f = 1 } END { exit !f }' /etc/ctdb/public_addresses && break; sleep 0.5; done
for i in \$(seq 30); do have=\$(ctdb -X ip 2>/dev/null || ctdb -Y ip 2>/dev/null) && break; sleep 1; done
want=\$(sed 's|/.*||' /etc/ctdb/public_addresses | sort)
have=\$(printf '%s\\n' "\$have" | awk -F'[|:]' 'NR > 1 && \$2 != "" { print \$2 }' | sort)
[ "\$want" = "\$have" ] && exit 0
pnn=\$(ctdb pnn | sed 's/.*://')
for i in \$(seq 10); do
    out=\$(ctdb reloadips "\$pnn" 2>&1) && { echo "reloaded:" \$have "->" \$want; exit 0; }
    case \$out in *"takeover runs"*) sleep 2 ;; *) break ;; esac
done
case \$out in *"Unknown control"*) ;; *) echo "\$out" >&2; exit 1 ;; esac
# ctdb 1.0.114 (CentOS 6) has no reloadips (ctdb.git 1.0.114.7 tools/ctdb.c:4399-4484, :4653-4656): this node adds
# the addresses of the file it lacks and drops the others, with addip and delip (:4461-4462)
while read -r addr iface; do
    [ -n "\$addr" ] || continue
    printf '%s\\n' "\$have" | grep -qxF "\${addr%%/*}" || ctdb addip "\$addr" "\$iface" || exit 1
done < /etc/ctdb/public_addresses
for a in \$have; do
    printf '%s\\n' "\$want" | grep -qxF "\$a" || ctdb delip "\$a" || exit 1
done
echo "reloaded:" \$have "->" \$want
"""
}

/**
 * Whether a registered `hosted-engine --vm-status` found the hosted engine deployed here. Setup 1.1's command
 * prints "You must run deploy first" and exits 0 on a host never deployed (ovirt-hosted-engine-setup-1.1,
 * src/bin/hosted-engine.in:177-190, and no exit after its case, :351-376): its status alone cannot tell.
 */
def engineDeployed(result) {
    result?.rc == 0 && !(result.stdout =~ /You must run deploy first/)
}

/** One brick per host, in inventory order: host1:/gluster/meta0, host2:/gluster/meta1, ... */
def bricks(Map hv, List hosts, String volume) {
    hosts.withIndex().collect { h, i -> "${glusterAddress(hv, h)}:/gluster/${volume}${i}".toString() }
}

/** The volumes the bundled procedure makes: CTDB's shared lock, the hosted engine's, the VMs'. */
def procedureVolumes() {
    ['meta', 'engine', 'data']
}

/**
 * Why the cluster is not healthy enough to lose a host now, or null: a CTDB node other than the one at `spared`
 * (null: none spared) is not OK, or a volume has entries left to heal. `ctdb`: a registered ctdbStatus (any node's
 * view: ctdb status lists every node), read on `askedOn`; `heal`: a registered glusterHealInfo looped over the volumes.
 */
def clusterUnhealthy(ctdb, heal, String spared, String askedOn) {
    List<String> why = []
    if (!ctdb?.running) {
        why << "CTDB does not answer on ${askedOn}"
    } else {
        ctdb.nodes.findAll { !it.ok && it.address != spared }.each { why << "CTDB node ${it.address} is ${it.flags.join(', ')}" }
    }
    heal?.results?.findAll { it.skipped != true && !it.healed }?.each { why << (it.msg ?: "${it.item}: heal state unknown") }
    why ? why.join('; ') : null
}
