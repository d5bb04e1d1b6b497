file 'brick folder for meta', path: { "/gluster/${vars.volume}${groups[vars.group].indexOf(host)}" }, state: 'directory'
// The procedure says "replica 2" for its two hosts; the replica count follows the number of hosts.
glusterVolume volume, replica: { groups[vars.group].size() }, bricks: { bricks(hostvars, groups[vars.group], vars.volume) },
        state: 'started', runOnce: true
service 'rpcbind', state: 'started', enabled: true
packages 'nfs and ctdb', name: { facts.osFamily == 'RedHat' ? ['nfs-utils', 'ctdb'] : ['nfs-common', 'ctdb'] }
mount sharedDir, src: "localhost:/${volume}", fstype: 'glusterfs'
// After a reboot the procedure mounts the shared volume by hand and then starts ctdb ("mount -t glusterfs
// localhost:/meta /mnt/lock && service ctdb start"). Here the host does it at boot, in that order: the volume
// is in fstab as a network file system, mounted once glusterd runs, and ctdb starts once it is mounted. On
// CentOS 6, init starts glusterd (S20) before netfs mounts the _netdev entries (S25), and ctdb (S90) after
// both; systemd is told the same order (x-systemd.after here, After= in ctdb's drop-in below). Order only, not
// Requires=: a glusterd stopped later must not unmount the volume, nor its unmounting stop ctdb.
service 'netfs', enabled: true, when: { facts.serviceMgr != 'systemd' }   // CentOS 6: it mounts the _netdev entries
// Gluster 3.4's client gives up on the first failed connection to the volfile server (release-3.4
// glusterfsd/src/glusterfsd-mgmt.c:1870-1880, max_connect_attempts 0 unless fetch-attempts is given,
// xlators/mount/fuse/utils/mount.glusterfs.in:365-368): try again, and ask another host when this one's glusterd is down.
String mountUnit = sharedDir.replaceFirst('^/', '').replace('-', '\\x2d').replace('/', '-') + '.mount'
fstab 'mount the shared volume at boot, once glusterd runs', path: sharedDir, source: "localhost:/${volume}",
        fstype: 'glusterfs', options: {
            String backup = glusterAddress(hostvars, (groups[vars.group] - host)[0] ?: host)
            "defaults,_netdev,fetch-attempts=5,backupvolfile-server=${backup}" +
                    (facts.serviceMgr == 'systemd' ? ',x-systemd.after=glusterd.service' : '') }
// CTDB's configuration and recovery lock live in the shared volume: without it mounted, ctdb stays down and says so
// (systemctl status ctdb), and tries again every 30 s, mounting the volume first, so the host rejoins once it is back.
// The empty ConditionFileNotEmpty= lifts the package's own condition, which would skip ctdb silently when the
// configuration links dangle.
file '/etc/systemd/system/ctdb.service.d', state: 'directory', when: { facts.serviceMgr == 'systemd' }
copy 'ctdb starts once the shared volume is mounted', dest: '/etc/systemd/system/ctdb.service.d/shared-lock.conf',
        content: """\
[Unit]
Wants=${mountUnit}
After=${mountUnit} glusterd.service
ConditionFileNotEmpty=
StartLimitIntervalSec=0
[Service]
ExecStartPre=/bin/sh -c 'mountpoint -q ${sharedDir} && test -s ${sharedDir}/nodes || { systemctl start --no-block ${mountUnit}; \\
echo "ctdb kept down: the shared volume is not mounted at ${sharedDir}, where CTDB keeps its configuration and lock; \\
mounting it again, ctdb starts once it is there" >&2; exit 1; }'
Restart=on-failure
RestartSec=30
""", when: { facts.serviceMgr == 'systemd' }, notify: 'restart ctdb'
// SysV init (CentOS 6) has no such condition: init does not start ctdb itself, files/ctdb-shared-lock (S91) does,
// once the volume is mounted, trying again every 30 s for an hour and saying why it waits.
// Its settings go where the host's init scripts keep theirs: /etc/sysconfig on CentOS, /etc/default elsewhere.
copy 'where the shared volume is mounted, for its init script',
        dest: { facts.osFamily == 'RedHat' ? '/etc/sysconfig/ctdb-shared-lock' : '/etc/default/ctdb-shared-lock' },
        content: "SHARED_DIR=${sharedDir}\n", when: { facts.serviceMgr != 'systemd' }
copy 'ctdb starts at boot once the shared volume is mounted', src: 'ctdb-shared-lock', dest: '/etc/init.d/ctdb-shared-lock',
        mode: '0755', when: { facts.serviceMgr != 'systemd' }
service 'ctdb-shared-lock', enabled: true, when: { facts.serviceMgr != 'systemd' }
// ipFailback: false keeps the virtual IP with its holder when its home node comes back (from a reboot, or from
// maintenance before its heals are done); true lets DeterministicIPs take it home at once.
ctdb 'CTDB files in the shared volume (first host)', sharedDir: sharedDir, writeShared: true, link: false,
        ipFailback: { vars.failback },
        nodes: { groups[vars.group].collect { ctdbAddress(hostvars, it) } },
        publicAddresses: { ["${vars.virtualIp} ${vars.nic}"] },
        when: { host == groups[vars.group][0] }
ctdb 'point the CTDB configuration at the shared files', sharedDir: sharedDir, writeShared: false, link: true,
        notify: 'restart ctdb'
flushHandlers()   // as for glusterd: configured first, then started once
service 'ctdb', state: 'started', enabled: { facts.serviceMgr == 'systemd' }   // on SysV, ctdb-shared-lock starts it
// A running ctdb reads its public addresses only when it starts or is told to reload them, so a new
// virtual_ip would not reach it; each node reloads its own list once it sees the new file (Gluster's
// client may show the old one a moment, and a node reloading from it would take the old address).
shell 'CTDB serves the configured virtual IP', cmd: { reloadPublicAddresses(vars.virtualIp) },
        changedWhen: { result.stdout.contains('reloaded') }
