// oVirt 3.4, Glusterized: two or three hosts serve their own replicated Gluster storage, with a CTDB virtual IP and the self-hosted engine
//
// The procedure of "oVirt 3.4, Glusterized" (Jason Brooks, 2014), step by step and in its order, for two
// hosts (replica 2, as written) or three (replica 3, for quorum, as its author runs it). Run it again and
// nothing changes. Where the procedure has a slip, the playbook does what was meant and says so.
//
// Inventory: a group `ovirt` with the hosts, the FIRST host first. Variables (inventory or -e):
//   virtual_ip            required  the CTDB virtual address with its prefix, e.g. 10.0.0.200/24; the NFS
//                                   storage for the engine VM is mounted from it
//   virtual_ip_interface  required  the NIC that carries the virtual address, e.g. eth0
//   brick_device          required  the disk (or partition) for the Gluster bricks, e.g. /dev/vdb
//   brick_pool            optional  an LVM pool (volume group) to add brick_device to, as the procedure does
//                                   with ssm; the bricks then live on the logical volume <pool>/gluster.
//                                   Without it, brick_device is formatted directly.
//   engine_fqdn           required  the engine VM's host name
//   engine_vm_cdrom       required  the ISO image on the first host to install the engine VM from
//   engine_admin_password required  the engine's admin password (never printed; keep it in a vault file
//                                   passed with -e @secrets.yml)
//   gluster_address       optional  per host: the address on the Gluster network (default: ansible_host)
//   ctdb_address          optional  per host: the CTDB heartbeat address (default: gluster_address)
//   engine_vm_memory_mb   optional  default 4096
//   engine_vm_cpus        optional  default 2
// Tags, one a play: hosts, storage, firewall, gluster, ctdb, volumes, engine, health (-t firewall runs the firewall
// play alone on a cluster the playbook has already set up).
// Differences between CentOS 6 and Debian hosts (packages, service manager, file locations) are handled by the
// modules from facts and by the per-family values below, never by a second playbook.

/** The Gluster address of an inventory host. */
def glusterAddress(Map hv, String name) {
    hv[name]?.gluster_address ?: hv[name]?.ansible_host ?: name
}

/** The CTDB heartbeat address of an inventory host. */
def ctdbAddress(Map hv, String name) {
    hv[name]?.ctdb_address ?: glusterAddress(hv, name)
}

// Waits (10 s at most) until this node's view of the shared public_addresses holds the address, and for ctdb to
// answer (30 s at most), then runs `ctdb reloadips` for this node when its public addresses differ from the
// file's; prints "reloaded" when it did. Two nodes reloading at once make one fail with "Failed to disable
// takeover runs" (ctdb holds takeover runs off cluster-wide while it reloads): that one tries again, 20 s at most.
def reloadPublicAddresses(String virtualIp) {
    """\
for i in \$(seq 20); do awk -v a=${quote(virtualIp)} '\$1 == a { f = 1 } END { exit !f }' /etc/ctdb/public_addresses && break; sleep 0.5; done
for i in \$(seq 30); do have=\$(ctdb -X ip 2>/dev/null) && break; sleep 1; done
want=\$(sed 's|/.*||' /etc/ctdb/public_addresses | sort)
have=\$(printf '%s\\n' "\$have" | awk -F'|' 'NR > 1 && \$2 != "" { print \$2 }' | sort)
[ "\$want" = "\$have" ] && exit 0
pnn=\$(ctdb pnn | sed 's/.*://')
for i in \$(seq 10); do
    out=\$(ctdb reloadips "\$pnn" 2>&1) && { echo "reloaded:" \$have "->" \$want; exit 0; }
    case \$out in *"takeover runs"*) sleep 2 ;; *) break ;; esac
done
echo "\$out" >&2; exit 1
"""
}

/** One brick per host, in inventory order: host1:/gluster/meta0, host2:/gluster/meta1, ... */
def bricks(Map hv, List hosts, String volume) {
    hosts.withIndex().collect { h, i -> "${glusterAddress(hv, h)}:/gluster/${volume}${i}".toString() }
}

// The procedure's firewall, whole, with its comments.
def firewall = '''\
# oVirt/Gluster firewall configuration
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT

-A INPUT -i lo -j ACCEPT

# vdsm
-A INPUT -p tcp --dport 54321 -j ACCEPT

# SSH
-A INPUT -p tcp --dport 22 -j ACCEPT

# snmp
-A INPUT -p udp --dport 161 -j ACCEPT

# libvirt tls
-A INPUT -p tcp --dport 16514 -j ACCEPT

# guest consoles
-A INPUT -p tcp -m multiport --dports 5900:6923 -j ACCEPT

# migration
-A INPUT -p tcp -m multiport --dports 49152:49216 -j ACCEPT

# glusterd
-A INPUT -p tcp -m tcp --dport 24007 -j ACCEPT

# portmapper
-A INPUT -p udp -m udp --dport 111   -j ACCEPT
-A INPUT -p tcp -m tcp --dport 38465 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 38466 -j ACCEPT

# nfs
-A INPUT -p tcp -m tcp --dport 111   -j ACCEPT
-A INPUT -p tcp -m tcp --dport 38467 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 2049  -j ACCEPT

# status
-A INPUT -p tcp -m tcp --dport 39543 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 55863 -j ACCEPT

# nlockmgr
-A INPUT -p tcp -m tcp --dport 38468 -j ACCEPT
-A INPUT -p udp -m udp --dport 963   -j ACCEPT
-A INPUT -p tcp -m tcp --dport 965   -j ACCEPT

# ctdbd
-A INPUT -p tcp -m tcp --dport 4379  -j ACCEPT

# Ports for gluster volume bricks (default 100 ports)
-A INPUT -p tcp -m tcp --dport 24009:24108 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 50152:50251 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 34865:34867 -j ACCEPT

# Reject any other input traffic
-A INPUT -j REJECT --reject-with icmp-host-prohibited
-A FORWARD -m physdev ! --physdev-is-bridged -j REJECT --reject-with icmp-host-prohibited
COMMIT
'''

// The procedure's "virt" group: the original group-virt.example less its two quorum options, which would
// pause the VMs of a two-host setup whenever one host is down. The options carry their full names
// (performance.quick-read, not quick-read): current Gluster rejects short names in a group file, and the
// full names are the same options on Gluster 3.4.
def virtGroup = '''\
performance.quick-read=off
performance.read-ahead=off
performance.io-cache=off
performance.stat-prefetch=off
cluster.eager-lock=enable
network.remote-dio=enable
'''

playbook('oVirt 3.4, Glusterized') {
    requires virtual_ip: 'the CTDB virtual address with its prefix, e.g. 10.0.0.200/24',
             virtual_ip_interface: 'the NIC carrying the virtual address, e.g. eth0',
             brick_device: 'the disk for the Gluster bricks, e.g. /dev/vdb',
             engine_fqdn: "the engine VM's host name",
             engine_vm_cdrom: 'the ISO image on the first host to install the engine VM from, e.g. /root/CentOS-6.5-x86_64-minimal.iso',
             engine_admin_password: "the engine's admin password (keep it in a file given with -e @secrets.yml)"

    play('Host names', hosts: 'ovirt', tags: 'hosts') {
        // "If need be, edit /etc/hosts on both of your machines to establish the right ip address / host name mappings."
        lineinfile 'map every host name to its address', path: '/etc/hosts', loop: { groups.ovirt },
                regexp: { "\\s${java.util.regex.Pattern.quote(item)}(\\s|\$)" },
                line: { "${glusterAddress(hostvars, item)} ${item}" }
    }

    play('Prepare Partition for Gluster', hosts: 'ovirt', tags: 'storage') {
        packages 'system-storage-manager (CentOS, from the Copr repository the procedure adds)',
                name: ['system-storage-manager', 'python-argparse'],
                when: { vars.brick_pool && facts.osFamily == 'RedHat' }
        ssm 'list the storage (take note of your pool name)', action: 'list', when: { vars.brick_pool }
        ssm 'add the disk to the pool', action: 'add', pool: { vars.brick_pool }, device: { vars.brick_device },
                when: { vars.brick_pool }
        ssm 'create the XFS volume for the bricks', action: 'create', pool: { vars.brick_pool }, name: 'gluster',
                fstype: 'xfs', when: { vars.brick_pool }
        // Without a pool (e.g. a host whose kernel has no device-mapper), the disk itself holds the XFS file system.
        filesystem 'make XFS on the brick disk', dev: { vars.brick_device }, fstype: 'xfs',
                when: { !vars.brick_pool }
        file '/gluster', state: 'directory'
        fstab 'mount the brick partition at /gluster by UUID', path: '/gluster',
                uuidOf: { vars.brick_pool ? "/dev/${vars.brick_pool}/gluster" : vars.brick_device },
                fstype: 'xfs', options: 'defaults', dump: 1, pass: 2, mount: true
    }

    play('Configure Firewall', hosts: 'ovirt', tags: 'firewall') {
        iptables 'the oVirt/Gluster/CTDB rule set', content: firewall
        // "service iptables restart", applied safely (the old rules come back if SSH would be cut); a task, not
        // a handler, so that rules changed on the live firewall by hand are found and put back too
        iptablesApply 'the live firewall follows the rule set', timeout: 30
        // CentOS loads the rules file at boot through its iptables service (on by default; made sure of here)
        service 'iptables', enabled: true, when: { facts.osFamily == 'RedHat' }
    }

    play('Install Gluster', hosts: 'ovirt', tags: 'gluster') {
        command 'add the oVirt repository', cmd: 'yum localinstall -y http://resources.ovirt.org/releases/ovirt-release.noarch.rpm',
                creates: '/etc/yum.repos.d/ovirt.repo', when: { facts.osFamily == 'RedHat' }
        packages 'glusterfs-server'
        // "uncomment the line option base-port 49152 and change the value 49152 to 50152": brick ports clear
        // of libvirt's live-migration range. Gluster 3.4 gave bricks ports in order from base-port; later
        // releases pick them at random up to max-port (60999), outside the firewall's 50152:50251, so
        // max-port keeps them inside it.
        glusterd 'move brick ports above the migration range', options: ['base-port': 50152, 'max-port': 50251],
                notify: 'restart glusterd'
        // The procedure edits glusterd.vol before "service glusterd start", so glusterd starts once, on the new
        // ports: on a fresh host the restart handler is that start, and a glusterd already running is restarted.
        flushHandlers()
        service 'glusterd', state: 'started', enabled: true
        glusterPeer 'probe the other hosts from the first', peers: { groups.ovirt - host }, runOnce: true
        handlers {
            service 'restart glusterd', name: 'glusterd', state: 'restarted'
        }
    }

    play('CTDB Configuration', hosts: 'ovirt', tags: 'ctdb') {
        file 'brick folder for meta', path: { "/gluster/meta${groups.ovirt.indexOf(host)}" }, state: 'directory'
        // The procedure says "replica 2" for its two hosts; the replica count follows the number of hosts.
        glusterVolume 'meta', replica: { groups.ovirt.size() }, bricks: { bricks(hostvars, groups.ovirt, 'meta') },
                state: 'started', runOnce: true
        service 'rpcbind', state: 'started', enabled: true
        packages 'nfs and ctdb', name: { facts.osFamily == 'RedHat' ? ['nfs-utils', 'ctdb'] : ['nfs-common', 'ctdb'] }
        mount '/mnt/lock', src: 'localhost:/meta', fstype: 'glusterfs'
        ctdb 'CTDB files in the shared volume (first host)', sharedDir: '/mnt/lock', writeShared: true, link: false,
                nodes: { groups.ovirt.collect { ctdbAddress(hostvars, it) } },
                publicAddresses: { ["${vars.virtual_ip} ${vars.virtual_ip_interface}"] },
                when: { host == groups.ovirt[0] }
        ctdb 'point the CTDB configuration at the shared files', sharedDir: '/mnt/lock', writeShared: false, link: true,
                notify: 'restart ctdb'
        flushHandlers()   // as for glusterd: configured first, then started once
        service 'ctdb', state: 'started', enabled: true
        // A running ctdb reads its public addresses only when it starts or is told to reload them, so a new
        // virtual_ip would not reach it; each node reloads its own list once it sees the new file (Gluster's
        // client may show the old one a moment, and a node reloading from it would take the old address).
        shell 'CTDB serves the configured virtual IP', cmd: { reloadPublicAddresses(vars.virtual_ip) },
                changedWhen: { result.stdout.contains('reloaded') }
        handlers {
            service 'restart ctdb', name: 'ctdb', state: 'restarted'
        }
    }

    play('Gluster volumes for the engine VM and for VM storage', hosts: 'ovirt', tags: 'volumes') {
        // vdsm:kvm (36:36) own the oVirt volumes' bricks, as storage.owner-uid/gid below keep them; said here
        // too, so an audit sees a brick whose owner was changed
        file 'brick folders', path: { "/gluster/${item}${groups.ovirt.indexOf(host)}" }, state: 'directory',
                owner: '36', group: '36', loop: ['engine', 'data']
        // on every host: the group is set from whichever host runs the volume tasks, and a host without this
        // file has its distribution's own virt group (sharding, quorum), which is not the procedure's
        copy 'the virt option group', dest: '/var/lib/glusterd/groups/virt', content: virtGroup
        glusterVolume 'engine', replica: { groups.ovirt.size() }, bricks: { bricks(hostvars, groups.ovirt, 'engine') },
                options: ['storage.owner-uid': 36, 'storage.owner-gid': 36], groups: ['virt'], state: 'started',
                runOnce: true
        // The procedure's "gluster volume set storage group virt" means the data volume: there is no volume
        // called storage, and the step sits among the data volume's.
        glusterVolume 'data', replica: { groups.ovirt.size() }, bricks: { bricks(hostvars, groups.ovirt, 'data') },
                options: ['storage.owner-uid': 36, 'storage.owner-gid': 36], groups: ['virt'], state: 'started',
                runOnce: true
    }

    // "Before running hosted-engine --deploy on your first machine, run service ctdb stop to ensure that the
    // shared virtual IP address is hosted from your other machine." Then ctdb starts again on the first host,
    // and each further host stops its ctdb for its own deploy and starts it again after.
    play('Hosted engine, first host', hosts: 'ovirt[0]', tags: 'engine') {
        packages 'ovirt-hosted-engine-setup', when: { facts.osFamily == 'RedHat' }
        command 'is the hosted engine deployed here?', cmd: 'hosted-engine --vm-status', readOnly: true,
                register: 'engine', failedWhen: { false }
        service 'hand the virtual IP to another host', name: 'ctdb', state: 'stopped', when: { engine.rc != 0 }
        ctdbStatus 'wait until another host holds the virtual IP', delegateTo: { groups.ovirt[1] },
                until: { result.holder && result.holder != ctdbAddress(hostvars, groups.ovirt[0]) },
                retries: 30, delay: 2, when: { engine.rc != 0 && !checkMode }
        hostedEngine 'deploy the self-hosted engine', storageConnection: { "${vars.virtual_ip.split('/')[0]}:/engine" },
                fqdn: { vars.engine_fqdn }, adminPassword: { vars.engine_admin_password },
                nic: { vars.virtual_ip_interface }, vmMemSizeMB: { (vars.engine_vm_memory_mb ?: 4096) as int },
                vmVCpus: { (vars.engine_vm_cpus ?: 2) as int }, vmCdrom: { vars.engine_vm_cdrom }
        service 'take part in CTDB again', name: 'ctdb', state: 'started'
    }

    play('Hosted engine, further hosts', hosts: 'ovirt[1:]', serial: 1, tags: 'engine') {
        packages 'ovirt-hosted-engine-setup', when: { facts.osFamily == 'RedHat' }
        command 'is the hosted engine deployed here?', cmd: 'hosted-engine --vm-status', readOnly: true,
                register: 'engine', failedWhen: { false }
        service 'hand the virtual IP to another host', name: 'ctdb', state: 'stopped', when: { engine.rc != 0 }
        hostedEngine 'add this host to the hosted engine', storageConnection: { "${vars.virtual_ip.split('/')[0]}:/engine" },
                fqdn: { vars.engine_fqdn }, adminPassword: { vars.engine_admin_password },
                nic: { vars.virtual_ip_interface }, additionalHost: true, hostId: { groups.ovirt.indexOf(host) + 1 }
        service 'start CTDB again now the install is done', name: 'ctdb', state: 'started'
    }

    play('The cluster is healthy', hosts: 'ovirt[0]', tags: 'health') {
        ctdbStatus 'every CTDB node OK and the virtual IP held', until: { result.healthy && result.holder },
                retries: 60, delay: 2, when: { !checkMode }
    }
}
