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

// vdsm:kvm (36:36) own the oVirt volumes' bricks, as storage.owner-uid/gid below keep them; said here
// too, so an audit sees a brick whose owner was changed
file 'brick folders', path: { "/gluster/${item}${groups[vars.group].indexOf(host)}" }, state: 'directory',
        owner: '36', group: '36', loop: volumes
// on every host: the group is set from whichever host runs the volume tasks, and a host without this
// file has its distribution's own virt group (sharding, quorum), which is not the procedure's
copy 'the virt option group', dest: '/var/lib/glusterd/groups/virt', content: virtGroup
// The procedure's "gluster volume set storage group virt" means the data volume: there is no volume
// called storage, and the step sits among the data volume's.
for (String name : volumes) {
    String volume = name
    glusterVolume volume, replica: { groups[vars.group].size() }, bricks: { bricks(hostvars, groups[vars.group], volume) },
            options: ['storage.owner-uid': 36, 'storage.owner-gid': 36], groups: ['virt'], state: 'started',
            runOnce: true
}
