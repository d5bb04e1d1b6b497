// Maintenance: take one host down (hosted-engine local maintenance, ctdb stopped so another host takes the virtual IP), or bring it back with -e maintenance=up
//
// The procedure's Maintenance section. One host at a time: give it with -l, e.g.
//   gplay run maintenance -i hosts.yml -l ovirt2.example.com                    # take it down
//   gplay run maintenance -i hosts.yml -l ovirt2.example.com -e maintenance=up  # bring it back
// What only the oVirt admin console can do (migrate VMs, put the host in maintenance, activate it again) is
// shown as a reminder for the operator.

// ctdbAddress, procedureVolumes, clusterUnhealthy: lib/cluster.groovy.
//
// Each play has a health gate. A host is taken down only while every other host's CTDB node is OK and no volume
// has entries left to heal, as another host sees it (30 s at most; never the last healthy node); a host brought back
// is done once the whole cluster is OK and healed again (10 min at most). A gate that does not pass stops the run,
// changing nothing more, exit 2.

playbook('Maintenance') {
    play('Take a host down for maintenance', hosts: 'ovirt', serial: 1) {
        gate('every other host is healthy and nothing is left to heal', after: false, timeout: 30, delay: 5) {
            ctdbStatus 'CTDB as another host sees it', delegateTo: { (groups.ovirt - host)[0] }, register: 'gate_ctdb',
                    when: { vars.maintenance != 'up' }
            glusterHealInfo 'entries to heal', volume: { item }, loop: procedureVolumes(), register: 'gate_heal',
                    failedWhen: { false }, when: { vars.maintenance != 'up' }
            // ctdb status as the other host sees it, sparing this host's node
            verify 'no other host down, nothing to heal', when: { vars.maintenance != 'up' },
                    that: { !clusterUnhealthy(gate_ctdb, gate_heal, ctdbAddress(hostvars, host), (groups.ovirt - host)[0]) },
                    msg: { clusterUnhealthy(gate_ctdb, gate_heal, ctdbAddress(hostvars, host), (groups.ovirt - host)[0]) ?: '' }
        }
        verify 'one host at a time', that: { playHosts.size() == 1 },
                msg: 'maintenance works on one host: give it with -l HOST'
        debug 'first, in the oVirt admin console', when: { vars.maintenance != 'up' },
                msg: 'Migrate the VMs away from this host and put it in maintenance mode in the oVirt admin console.'
        command 'hosted engine status', cmd: 'hosted-engine --vm-status', readOnly: true, register: 'engine',
                failedWhen: { false }, when: { vars.maintenance != 'up' }
        command 'hosted engine local maintenance', cmd: 'hosted-engine --set-maintenance --mode=local',
                when: { vars.maintenance != 'up' && engineDeployed(engine) && !(engine.stdout =~ /(?i)local maintenance\s*:\s*true/) }
        // "run service ctdb stop to ensure that the second node takes on the virtual IP / NFS hosting chores"
        service 'hand the virtual IP to another host', name: 'ctdb', state: 'stopped', when: { vars.maintenance != 'up' }
        ctdbStatus 'wait until another host holds the virtual IP', delegateTo: { (groups.ovirt - host)[0] },
                until: { result.holder && result.holder != ctdbAddress(hostvars, host) }, retries: 30, delay: 2,
                when: { vars.maintenance != 'up' && !checkMode }
        debug 'now maintain as you will', when: { vars.maintenance != 'up' },
                msg: 'The host is out of the cluster: update, reboot or shut it down. Bring it back with -e maintenance=up.'
    }

    play('Bring a host back from maintenance', hosts: 'ovirt', serial: 1) {
        gate('the cluster is healthy and healed', before: false, timeout: 600, delay: 5) {
            ctdbStatus 'CTDB', register: 'gate_ctdb', when: { vars.maintenance == 'up' }
            glusterHealInfo 'entries to heal', volume: { item }, loop: procedureVolumes(), register: 'gate_heal',
                    failedWhen: { false }, when: { vars.maintenance == 'up' }
            verify 'every host up, nothing to heal', that: { clusterUnhealthy(gate_ctdb, gate_heal, null, host) == null },
                    msg: { clusterUnhealthy(gate_ctdb, gate_heal, null, host) ?: '' }, when: { vars.maintenance == 'up' }
        }
        // "mount -t glusterfs localhost:/meta /mnt/lock" and "service ctdb start"
        mount '/mnt/lock', src: 'localhost:/meta', fstype: 'glusterfs', when: { vars.maintenance == 'up' }
        service 'take part in CTDB again', name: 'ctdb', state: 'started', when: { vars.maintenance == 'up' }
        command 'hosted engine status', cmd: 'hosted-engine --vm-status', readOnly: true, register: 'engine',
                failedWhen: { false }, when: { vars.maintenance == 'up' }
        command 'clear hosted engine maintenance', cmd: 'hosted-engine --set-maintenance --mode=none',
                when: { vars.maintenance == 'up' && engineDeployed(engine) && engine.stdout =~ /(?i)local maintenance\s*:\s*true/ }
        ctdbStatus 'wait for a healthy cluster', until: { result.healthy && result.holder }, retries: 45, delay: 2,
                when: { vars.maintenance == 'up' && !checkMode }
        debug 'last, in the oVirt admin console', when: { vars.maintenance == 'up' },
                msg: 'Activate the host again in the oVirt admin console.'
    }
}
