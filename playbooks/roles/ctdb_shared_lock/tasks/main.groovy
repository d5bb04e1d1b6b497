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
String mountUnit = sharedDir.replaceFirst('^/', '').replace('-', '\\x2d').replace('/', '-') + '.mount'
fstab 'mount the shared volume at boot, once glusterd runs', path: sharedDir, source: "localhost:/${volume}",
        fstype: 'glusterfs', options: { facts.serviceMgr == 'systemd'
            ? 'defaults,_netdev,x-systemd.after=glusterd.service' : 'defaults,_netdev' }
file '/etc/systemd/system/ctdb.service.d', state: 'directory', when: { facts.serviceMgr == 'systemd' }
copy 'ctdb starts once the shared volume is mounted', dest: '/etc/systemd/system/ctdb.service.d/shared-lock.conf',
        content: "[Unit]\nWants=${mountUnit}\nAfter=${mountUnit} glusterd.service\n",
        when: { facts.serviceMgr == 'systemd' }, notify: 'restart ctdb'
ctdb 'CTDB files in the shared volume (first host)', sharedDir: sharedDir, writeShared: true, link: false,
        nodes: { groups[vars.group].collect { ctdbAddress(hostvars, it) } },
        publicAddresses: { ["${vars.virtualIp} ${vars.nic}"] },
        when: { host == groups[vars.group][0] }
ctdb 'point the CTDB configuration at the shared files', sharedDir: sharedDir, writeShared: false, link: true,
        notify: 'restart ctdb'
flushHandlers()   // as for glusterd: configured first, then started once
service 'ctdb', state: 'started', enabled: true
// A running ctdb reads its public addresses only when it starts or is told to reload them, so a new
// virtual_ip would not reach it; each node reloads its own list once it sees the new file (Gluster's
// client may show the old one a moment, and a node reloading from it would take the old address).
shell 'CTDB serves the configured virtual IP', cmd: { reloadPublicAddresses(vars.virtualIp) },
        changedWhen: { result.stdout.contains('reloaded') }
