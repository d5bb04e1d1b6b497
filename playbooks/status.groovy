// Status: read-only health of a glusterized oVirt cluster: CTDB and the virtual IP, Gluster peers and heal state, the hosted engine VM
//
// Changes nothing and asserts nothing: a report to read (drift from the procedure is `gplay audit glusterized-ovirt`).

playbook('Cluster status') {
    play('Cluster status', hosts: 'ovirt') {
        // "Is CTDB running ok?"
        ctdbStatus 'CTDB status', register: 'ctdb'
        debug 'CTDB', msg: { "healthy: ${ctdb.healthy}; public addresses: ${ctdb.ips}" }
        command 'Gluster peers', cmd: 'gluster peer status', readOnly: true, register: 'peers', runOnce: true
        debug 'peers', msg: { peers.stdout }, runOnce: true
        // every brick with its port and whether it is online (a brick left offline is N in the Online column)
        command 'bricks', argv: ['gluster', 'volume', 'status', 'all'], readOnly: true, register: 'bricks', runOnce: true,
                failedWhen: { false }
        debug 'bricks', msg: { bricks.stdout.readLines().findAll { it.startsWith('Brick ') || it =~ /^Status of volume/ }.join('\n') },
                runOnce: true
        // "What's the state of my Gluster volume replication?" The procedure's `heal VOL statistics` is not in
        // Gluster 3.4 (release-3.4 cli/src/cli-cmd-volume.c:1949 offers heal VOL [full | info ...]): `heal VOL info`
        // lists the entries each brick has yet to heal, in 3.4 and after
        command 'entries to heal', argv: { ['gluster', 'volume', 'heal', item, 'info'] }, readOnly: true,
                loop: ['meta', 'engine', 'data'], register: 'heal', runOnce: true, failedWhen: { false }
        debug 'heal', msg: { heal.results.collect { "${it.item}: ${it.rc == 0 ? it.stdout.readLines().findAll { it =~ /(?i)^brick|entries/ }.take(6).join('; ') : it.stderr}" }.join('\n') },
                runOnce: true
        // the view of maintenance's gate: whether this host could be taken down now (lib/cluster.groovy)
        glusterHealInfo 'heal state', volume: { item }, loop: procedureVolumes(), register: 'heal_info', failedWhen: { false }
        debug 'could this host be taken down for maintenance now?',
                msg: {
                    String why = clusterUnhealthy(ctdb, heal_info, ctdbAddress(hostvars, host), host)
                    why ? "no: $why" : 'yes: every other host is healthy and nothing is left to heal'
                }
        command 'hosted engine VM', cmd: 'hosted-engine --vm-status', readOnly: true, register: 'engine', failedWhen: { false }
        debug 'hosted engine', msg: { engineDeployed(engine) ? engine.stdout : 'not deployed here' }
        // "What's the state of the ovirt-ha daemons on my machine? tail -f /var/log/ovirt-hosted-engine-ha/*"
        command 'HA agent and broker, last log lines', argv: ['tail', '-n', '5', '--', '/var/log/ovirt-hosted-engine-ha/agent.log',
                '/var/log/ovirt-hosted-engine-ha/broker.log'], readOnly: true, register: 'ha_logs', failedWhen: { false }
        debug 'HA agent and broker', msg: { ha_logs.rc == 0 ? ha_logs.stdout : 'no HA logs here: ' + ha_logs.stderr }
    }
}
