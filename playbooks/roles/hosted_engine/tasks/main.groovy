packages 'ovirt-hosted-engine-setup', when: { facts.osFamily == 'RedHat' }
command 'is the hosted engine deployed here?', cmd: 'hosted-engine --vm-status', readOnly: true,
        register: 'engine', failedWhen: { false }
service 'hand the virtual IP to another host', name: 'ctdb', state: 'stopped', when: { !engineDeployed(engine) }
// setup mounts the engine's storage at the virtual IP at once: another host must hold it first
ctdbStatus 'wait until another host holds the virtual IP', delegateTo: { (groups[vars.group] - host)[0] },
        until: { result.holder && result.holder != ctdbAddress(hostvars, host) },
        retries: 60, delay: 2, when: { !engineDeployed(engine) && !checkMode }
// ...and answers there from this host: CTDB names the new holder a moment before the address is up on it
command 'the storage answers at the virtual IP', argv: { ['timeout', '3', 'bash', '-c', 'exec 3<>"/dev/tcp/$1/24007"', 'connect', vars.virtualIp.split('/')[0]] },
        readOnly: true, until: { result.rc == 0 }, retries: 60, delay: 2, when: { !engineDeployed(engine) && !checkMode }
if (!additionalHost) {
    hostedEngine 'deploy the self-hosted engine', storageConnection: { "${vars.virtualIp.split('/')[0]}:/engine" },
            fqdn: { vars.fqdn }, adminPassword: { vars.adminPassword }, nic: { vars.nic }, gateway: { vars.gateway },
            // "the installer script will ask if you want it to configure your iptables. You should answer no"
            configureFirewall: false,
            vmMemSizeMB: { vars.memoryMb as int }, vmVCpus: { vars.cpus as int }, vmCdrom: { vars.cdrom },
            unattended: { vars.unattended }
    // the engine's host-deploy wrote its own rules over the procedure's (engine/add_host.py:432, override_iptables)
    role 'ovirt_firewall'
    service 'take part in CTDB again', name: 'ctdb', state: 'started'
} else {
    // setup 1.1 gives an additional host the first host's answers (core/remote_answerfile.py, by scp with the
    // first host's root password): read there and carried through the control machine instead
    command "the first host's answers", argv: ['cat', '/etc/ovirt-hosted-engine/answers.conf'], readOnly: true,
            delegateTo: { groups[vars.group][0] }, register: 'firstAnswers', noLog: true, failedWhen: { false },
            when: { !engineDeployed(engine) }
    hostedEngine 'add this host to the hosted engine', storageConnection: { "${vars.virtualIp.split('/')[0]}:/engine" },
            fqdn: { vars.fqdn }, adminPassword: { vars.adminPassword }, nic: { vars.nic }, gateway: { vars.gateway },
            additionalHost: true, hostId: { groups[vars.group].indexOf(host) + 1 },
            firstHostAnswers: { firstAnswers?.rc == 0 ? firstAnswers.stdout : null }
    // the engine's host-deploy wrote its own rules over the procedure's (engine/add_host.py:432, override_iptables)
    role 'ovirt_firewall'
    service 'start CTDB again now the install is done', name: 'ctdb', state: 'started'
}
