command 'add the oVirt repository', cmd: 'yum localinstall -y http://resources.ovirt.org/releases/ovirt-release.noarch.rpm',
        creates: '/etc/yum.repos.d/ovirt.repo', when: { facts.osFamily == 'RedHat' }
packages 'glusterfs-server'
// "uncomment the line option base-port 49152 and change the value 49152 to 50152": brick ports clear
// of libvirt's live-migration range. Gluster 3.4 gave bricks ports in order from base-port; later
// releases pick them at random up to max-port (60999), outside the firewall's 50152:50251, so
// max-port keeps them inside it.
glusterd 'move brick ports above the migration range', options: ['base-port': basePort, 'max-port': maxPort],
        notify: 'restart glusterd'
// The procedure edits glusterd.vol before "service glusterd start", so glusterd starts once, on the new
// ports: on a fresh host the restart handler is that start, and a glusterd already running is restarted.
flushHandlers()
service 'glusterd', state: 'started', enabled: true
glusterPeer 'probe the other hosts from the first', peers: { groups[vars.group] - host }, runOnce: true,
        register: 'probed'
// Each host learns the pool from the first and connects to the others a moment later; a volume created
// before then can be refused by a host that does not see another yet.
glusterPeer 'every host sees the others connected', peers: { groups[vars.group] - host }, probe: false,
        when: { probed.changed }
