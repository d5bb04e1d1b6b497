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
//   engine_gateway        required  the gateway hosted-engine setup asks for on every host (it pings it)
//   engine_unattended     optional  true: engine_vm_cdrom is a kickstart image that installs the OS and runs
//                                   engine-setup by itself; else the run waits for the operator to do both
//   engine_api_url        optional  the engine's REST API (https://ENGINE/api): the `data` storage domain is then
//                                   made through it (the procedure's "Configuring Storage"); engine_ca_file
//                                   optional, the engine's CA certificate
//   engine_vm_cdrom       required  the ISO image on the first host to install the engine VM from
//   engine_admin_password required  the engine's admin password; never printed and never on a host's command
//                                   line (hostedEngine writes it to an answer file of mode 0600, removed after
//                                   the deploy). Keep it in a vault file beside the inventory:
//                                     gplay vault create --vault-password-file ~/.vault-ovirt group_vars/all/secrets.yml
//                                   and run with --vault-password-file ~/.vault-ovirt (or --ask-vault-pass)
//   gluster_address       optional  per host: the address on the Gluster network (default: ansible_host)
//   ctdb_address          optional  per host: the CTDB heartbeat address (default: gluster_address)
//   vip_failback          optional  true: a host coming back (from a reboot or maintenance) takes the virtual IP
//                                   home at once, as the procedure's DeterministicIPs=1 does when the operator
//                                   starts ctdb; default false: the address stays where it is until its holder
//                                   leaves, so a host rejoining before its heals are done is not handed the NFS
//   engine_vm_memory_mb   optional  default 4096
//   engine_vm_cpus        optional  default 2
// Tags, one a play: hosts, storage, firewall, gluster, ctdb, volumes, engine, health (-t firewall runs the firewall
// play alone on a cluster the playbook has already set up).
// Differences between CentOS 6 and Debian hosts (packages, service manager, file locations) are handled by the
// modules from facts and by the per-family values below, never by a second playbook.

// The roles it is made of are in roles/ beside it, its helpers in lib/cluster.groovy; a playbook of your own
// can use them by name (gplay doc ROLE).

playbook('oVirt 3.4, Glusterized') {
    requires virtual_ip: 'the CTDB virtual address with its prefix, e.g. 10.0.0.200/24',
             virtual_ip_interface: 'the NIC carrying the virtual address, e.g. eth0',
             brick_device: 'the disk for the Gluster bricks, e.g. /dev/vdb',
             engine_fqdn: "the engine VM's host name",
             engine_gateway: 'the gateway address hosted-engine setup asks for (it pings it), e.g. 10.0.0.1',
             engine_vm_cdrom: 'the ISO image on the first host to install the engine VM from, readable by vdsm:kvm (not under /root), e.g. /var/tmp/CentOS-6.5-x86_64-minimal.iso',
             engine_admin_password: "the engine's admin password (keep it in a vault file, group_vars/all/secrets.yml beside the inventory, and run with --vault-password-file)"

    play('Host names', hosts: 'ovirt', tags: 'hosts') {
        // "If need be, edit /etc/hosts on both of your machines to establish the right ip address / host name mappings."
        lineinfile 'map every host name to its address', path: '/etc/hosts', loop: { groups.ovirt },
                regexp: { "\\s${java.util.regex.Pattern.quote(item)}(\\s|\$)" },
                line: { "${glusterAddress(hostvars, item)} ${item}" }
    }

    play('Prepare Partition for Gluster', hosts: 'ovirt', tags: 'storage') {
        // CentOS 6 has no ssm: the procedure takes it from its author's Copr repository, and its dependency
        // python-argparse from EPEL (the addresses it gives; Copr has since moved to copr.fedorainfracloud.org)
        command 'add the Copr repository for system-storage-manager', argv: ['curl', '-fsSL', '-o',
                '/etc/yum.repos.d/jasonbrooks-system-storage-manager-epel-6-x86_64.repo',
                'http://copr.fedoraproject.org/coprs/jasonbrooks/system-storage-manager/repo/epel-6-x86_64/jasonbrooks-system-storage-manager-epel-6-x86_64.repo'],
                creates: '/etc/yum.repos.d/jasonbrooks-system-storage-manager-epel-6-x86_64.repo',
                when: { vars.brick_pool && facts.osFamily == 'RedHat' }
        command 'add EPEL', cmd: 'yum install -y http://dl.fedoraproject.org/pub/epel/6/x86_64/epel-release-6-8.noarch.rpm',
                creates: '/etc/yum.repos.d/epel.repo', when: { vars.brick_pool && facts.osFamily == 'RedHat' }
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
        role 'ovirt_firewall'
    }

    play('Install Gluster', hosts: 'ovirt', tags: 'gluster') {
        role 'gluster_server'
    }

    play('CTDB Configuration', hosts: 'ovirt', tags: 'ctdb') {
        role 'ctdb_shared_lock', virtualIp: { vars.virtual_ip }, nic: { vars.virtual_ip_interface },
                failback: { vars.vip_failback ?: false }
    }

    play('Gluster volumes for the engine VM and for VM storage', hosts: 'ovirt', tags: 'volumes') {
        role 'gluster_vm_volumes'
    }

    // "Before running hosted-engine --deploy on your first machine, run service ctdb stop to ensure that the
    // shared virtual IP address is hosted from your other machine." Then ctdb starts again on the first host,
    // and each further host stops its ctdb for its own deploy and starts it again after.
    play('Hosted engine, first host', hosts: 'ovirt[0]', tags: 'engine') {
        role 'hosted_engine', virtualIp: { vars.virtual_ip }, nic: { vars.virtual_ip_interface },
                fqdn: { vars.engine_fqdn }, adminPassword: { vars.engine_admin_password }, gateway: { vars.engine_gateway },
                cdrom: { vars.engine_vm_cdrom }, memoryMb: { vars.engine_vm_memory_mb ?: 4096 },
                cpus: { vars.engine_vm_cpus ?: 2 }, unattended: { vars.engine_unattended ?: false }
    }

    play('Hosted engine, further hosts', hosts: 'ovirt[1:]', serial: 1, tags: 'engine') {
        role 'hosted_engine', additionalHost: true, virtualIp: { vars.virtual_ip },
                nic: { vars.virtual_ip_interface }, fqdn: { vars.engine_fqdn },
                adminPassword: { vars.engine_admin_password }, gateway: { vars.engine_gateway }
    }

    play('The data storage domain', hosts: 'ovirt[0]', gatherFacts: false, tags: 'engine') {
        // "choose Data / GlusterFS as the storage type, and for the storage path, use $YOUR_VIRTUAL_IP:data"
        ovirtStorageDomain 'the data domain at the virtual IP', url: { vars.engine_api_url },
                password: { vars.engine_admin_password }, caFile: { vars.engine_ca_file ?: null }, name: 'data',
                type: 'data', storageType: 'glusterfs', address: { vars.virtual_ip.split('/')[0] }, path: 'data',
                host: 'hosted_engine_1', when: { vars.engine_api_url }
    }

    play('The cluster is healthy', hosts: 'ovirt[0]', tags: 'health') {
        ctdbStatus 'every CTDB node OK and the virtual IP held', until: { result.healthy && result.holder },
                retries: 60, delay: 2, when: { !checkMode }
    }
}
