package io.gplay.tests

import groovy.json.JsonSlurper
import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The bundled procedure on a fresh two-host lab: check mode first (predicts the real run's changes, changes no
 * byte), then the real run, a second run that changes nothing, and what a user would check afterwards. On the
 * procedure's profile (el6): the hosts boot as CentOS 6 does, by SysV init (rc, chkconfig and the init scripts of
 * lab/profiles/el6/boot), and every gluster and ctdb command the playbooks send meets Gluster 3.4's and ctdb
 * 1.0.114's command lines (lab/profiles/el6); what the test itself reads, it reads from the real ones. The same
 * reboots on systemd are LabFailuresSpec's.
 * Drift is found for real on the converged cluster: nine kinds of out-of-band change, each reported by an
 * audit on its host and task with the right diff and nothing else, repaired by a run, then a clean audit.
 */
@ResourceLock(Lab.RESOURCE)
@Stepwise
class GlusterizedOvirtLabSpec extends Specification {
    @Shared @TempDir
    Path work
    @Shared
    Lab lab
    @Shared
    Path cache

    def setupSpec() {
        cache = work.resolve('cache')
        lab = Lab.fresh(2, 'el6')
    }

    Gplay.Run gplay(String... args) {
        Gplay.run(Gplay.ROOT, cache, args)
    }


    def "check mode on fresh hosts changes no byte and predicts exactly what the real run changes"() {
        given:
        def before = lab.hosts.collectEntries { [it, lab.hash(it)] }

        when:
        def check = timed('check run') { gplay('run', 'glusterized-ovirt', *lab.target(), '--check', '--report', "json=${work}/check.json") }

        then:
        check.rc == 0
        lab.hosts.collectEntries { [it, lab.hash(it)] } == before

        when:
        def real = timed('first run') { gplay('run', 'glusterized-ovirt', *lab.target(), '--report', "json=${work}/real.json") }

        then:
        real.rc == 0
        lab.hosts.every { real.recap(it).failed == 0 && real.recap(it).unreachable == 0 }
        changed(work.resolve('check.json')) == changed(work.resolve('real.json'))
        changed(work.resolve('real.json')).size() > 30

        and: 'the engine password, read from the vault file of the lab, is in no output'
        String password = engineAdminPassword()
        [check.out, check.err, real.out, real.err, work.resolve('check.json').text, work.resolve('real.json').text]
                .every { !it.contains(password) }
    }

    def "a second run changes nothing"() {
        when:
        def again = timed('second run') { gplay('run', 'glusterized-ovirt', *lab.target()) }

        then:
        again.rc == 0
        lab.hosts.every { again.recap(it).changed == 0 && again.recap(it).failed == 0 }

        when: 'the second host alone, so the run-once volume tasks read the virt group from it'
        def second = gplay('run', 'glusterized-ovirt', *lab.target(), '-l', 'lab2', '--check')

        then: 'it has the procedure\'s virt group too: nothing to set'
        second.rc == 0
        second.recap('lab2').changed == 0
    }

    def "a converged cluster audits clean"() {
        when:
        def audit = gplay('audit', 'glusterized-ovirt', *lab.target())

        then:
        audit.rc == 0
    }

    def "nine out-of-band changes are each reported on the right host and task with a correct diff, and nothing else"() {
        given: 'what operators (or accidents) do behind the playbook\'s back'
        lab.ssh('lab1', 'gluster volume set engine performance.quick-read on')                          // a volume option changed
        lab.ssh('lab2', "sed -i 's|xfs defaults 1 2|xfs defaults,noatime 1 2|' /etc/fstab")          // an fstab line edited
        lab.ssh('lab2', 'chown root:root /gluster/data1')                                               // a brick's owner changed
        lab.ssh('lab1', "sed -i '/--dport 4379 /d' /etc/iptables/rules.v4")                             // an iptables rule removed
        lab.ssh('lab1', "sed -i 's|^10.78.0.200/24|10.78.0.201/24|' /mnt/lock/public_addresses")        // a CTDB public address changed
        lab.ssh('lab2', 'dpkg -r nfs-common >/dev/null')                                                // a package removed
        lab.ssh('lab2', 'cp --remove-destination /mnt/lock/nodes /etc/ctdb/nodes')                       // a link replaced by a file
        lab.ssh('lab2', 'service glusterd stop')                                                        // glusterd stopped
        lab.ssh('lab2', 'iptables -I INPUT 1 -p tcp --dport 9999 -j ACCEPT')                             // a live rule added

        when:
        def audit = timed('audit with drift') {
            gplay('audit', 'glusterized-ovirt', *lab.target(), '--report', "json=${work}/drift.json")
        }
        def handlers = handlerNames(work.resolve('drift.json'))
        def drift = results(work.resolve('drift.json')).findAll { it.status == 'changed' && !(it.task in handlers) }
        def notified = results(work.resolve('drift.json')).findAll { it.status == 'changed' && it.task in handlers }

        then:
        audit.rc == 3
        drift.collect { [it.host, it.task, it.item ?: ''] } as Set == [
                ['lab2', 'mount the brick partition at /gluster by UUID', ''],
                ['lab2', 'glusterd', ''],
                ['lab1', 'engine', ''],
                ['lab2', 'brick folders', 'data'],
                ['lab1', 'the oVirt/Gluster/CTDB rule set', ''],
                ['lab1', 'CTDB files in the shared volume (first host)', ''],
                ['lab2', 'nfs and ctdb', ''],
                ['lab2', 'point the CTDB configuration at the shared files', ''],
                ['lab2', 'the live firewall follows the rule set', '']] as Set
        // the relinked file would restart ctdb there; lab1's rules file, once put back, matches the rules in
        // force there, so only lab2's live firewall is out of line
        notified.collect { [it.host, it.task] } == [['lab2', 'restart ctdb']]

        diff(drift, 'lab2', 'mount the brick partition at /gluster by UUID') =~ /(?m)^-UUID=\S+ \/gluster xfs defaults,noatime 1 2$/
        diff(drift, 'lab2', 'mount the brick partition at /gluster by UUID') =~ /(?m)^\+UUID=\S+ \/gluster xfs defaults 1 2$/
        msg(drift, 'lab2', 'glusterd').contains('start glusterd')
        diff(drift, 'lab1', 'engine').contains('-performance.quick-read = on')
        diff(drift, 'lab1', 'engine').contains('+performance.quick-read = off')
        msg(drift, 'lab2', 'brick folders').contains('set owner of /gluster/data1 from root to 36')
        diff(drift, 'lab1', 'the oVirt/Gluster/CTDB rule set').contains('+-A INPUT -p tcp -m tcp --dport 4379  -j ACCEPT')
        diff(drift, 'lab1', 'CTDB files in the shared volume (first host)').contains('-10.78.0.201/24 host0')
        diff(drift, 'lab1', 'CTDB files in the shared volume (first host)').contains('+10.78.0.200/24 host0')
        msg(drift, 'lab2', 'nfs and ctdb').contains('nfs-common')
        diff(drift, 'lab2', 'point the CTDB configuration at the shared files').contains('+-> /mnt/lock/nodes')
        diff(drift, 'lab2', 'the live firewall follows the rule set').contains('--A INPUT -p tcp -m tcp --dport 9999 -j ACCEPT')
    }

    def "a real run repairs every drift, and the next audit is clean"() {
        when:
        def repair = timed('repair run') {
            gplay('run', 'glusterized-ovirt', *lab.target())
        }
        def audit = gplay('audit', 'glusterized-ovirt', *lab.target())

        then:
        repair.rc == 0
        audit.rc == 0
        lab.ssh('lab2', 'stat -c %u:%g /gluster/data1').trim() == '36:36'
        lab.ssh('lab2', 'readlink /etc/ctdb/nodes').trim() == '/mnt/lock/nodes'
        lab.ssh('lab1', 'cat /etc/iptables/rules.v4').contains('-A INPUT -p tcp -m tcp --dport 4379  -j ACCEPT')
        lab.ssh('lab2', 'dpkg-query -W -f=\'${Status}\' nfs-common') == 'install ok installed'
        !lab.ssh('lab2', 'iptables -S INPUT').contains('9999')
    }

    def "each volume is replicated: a file written through one host is read on the other"() {
        expect:
        ['meta', 'engine', 'data'].each { vol ->
            def info = lab.ssh('lab1', "/usr/sbin/gluster volume info ${vol}")
            assert info.contains('Status: Started') && info.contains('Number of Bricks: 1 x 2 = 2')
            lab.hosts.each { lab.ssh(it, "mkdir -p /mnt/t-${vol} && (findmnt /mnt/t-${vol} >/dev/null || mount -t glusterfs localhost:/${vol} /mnt/t-${vol})") }
            lab.ssh('lab1', "echo written-on-lab1 > /mnt/t-${vol}/probe")
            assert lab.ssh('lab2', "cat /mnt/t-${vol}/probe").trim() == 'written-on-lab1'
            lab.hosts.each { lab.ssh(it, "rm -f /mnt/t-${vol}/probe; umount /mnt/t-${vol}; rmdir /mnt/t-${vol}") }
        }
        // the oVirt volumes belong to vdsm:kvm (36:36) and carry the virt group
        lab.ssh('lab1', 'stat -c %u:%g /gluster/engine0 /gluster/data0').readLines() == ['36:36', '36:36']
        lab.ssh('lab1', '/usr/sbin/gluster volume get data network.remote-dio').contains('enable')
    }

    def "a playbook of the user's own uses a bundled role by name: one more replicated volume, owned by vdsm"() {
        given:
        def mine = work.resolve('mine')
        mine.toFile().mkdirs()
        mine.resolve('scratch.groovy').text = """\
playbook('scratch') {
    play('scratch volume', hosts: 'ovirt') {
        role 'gluster_vm_volumes', volumes: ['scratch']
    }
}
"""

        when:
        def run = Gplay.run(mine, cache, 'run', 'scratch.groovy', *lab.target())
        def again = Gplay.run(mine, cache, 'run', 'scratch.groovy', *lab.target())

        then:
        run.rc == 0
        run.out.contains('TASK [gluster_vm_volumes : scratch]')
        again.rc == 0
        lab.hosts.every { again.recap(it).changed == 0 }
        def info = lab.ssh('lab1', '/usr/sbin/gluster volume info scratch')
        info.contains('Status: Started') && info.contains('Number of Bricks: 1 x 2 = 2')
        lab.ssh('lab2', 'stat -c %u:%g /gluster/scratch1').trim() == '36:36'

        cleanup:
        lab.sshRun('lab1', '/usr/sbin/gluster --mode=script volume stop scratch force; /usr/sbin/gluster --mode=script volume delete scratch')
    }

    def "a run's volume tasks ask glusterd for every volume once, and again after any task changes something"() {
        given: 'a gluster command on lab1 that notes each question before asking glusterd'
        lab.ssh('lab1', 'mv /usr/sbin/gluster /usr/sbin/gluster.real && printf \'%s\\n\' \'#!/bin/sh\' '
                + '\'echo "$*" >> /tmp/gluster-asked\' \'exec /usr/sbin/gluster.real "$@"\' > /usr/sbin/gluster '
                + '&& chmod 755 /usr/sbin/gluster && rm -f /tmp/gluster-asked')
        def reads = work.resolve('volume-reads.groovy')
        reads.text = """\
playbook('volume reads') {
    play('volumes', hosts: 'lab1', gatherFacts: false) {
        glusterVolume 'meta', state: 'started'
        glusterVolume 'engine', state: 'started'
        glusterVolume 'data', state: 'started'
    }
}
"""
        def behindItsBack = work.resolve('behind-its-back.groovy')
        behindItsBack.text = """\
playbook('a change between two reads') {
    play('data', hosts: 'lab1', gatherFacts: false) {
        glusterVolume 'data', options: ['diagnostics.brick-log-level': 'INFO']
        glusterVolume 'engine', state: 'started'
        command 'the option changed by hand', cmd: 'gluster --mode=script volume set data diagnostics.brick-log-level WARNING'
        glusterVolume 'data again', name: 'data', options: ['diagnostics.brick-log-level': 'INFO']
    }
}
"""

        when: 'three converged volume tasks'
        def run = gplay('run', reads.toString(), *lab.target())
        def asked = lab.ssh('lab1', 'cat /tmp/gluster-asked').readLines()

        then: 'one question for the volumes, one for their status'
        run.rc == 0
        run.recap('lab1').changed == 0
        asked.count { it.contains('volume info') } == 1
        asked.count { it.contains('volume status') } == 1

        when: 'the option set on the volume, so that the volumes\' list shows it; then a command changes it between two reads'
        lab.ssh('lab1', '/usr/sbin/gluster --mode=script volume set data diagnostics.brick-log-level INFO')
        def again = gplay('run', behindItsBack.toString(), *lab.target())

        then: 'the first task finds it set; the task after the command reads the volumes again and puts it back'
        again.rc == 0
        again.out.substring(again.out.indexOf('TASK [data]')).readLines()[1] == 'ok: [lab1]'
        again.out.substring(again.out.indexOf('TASK [data again]')).readLines()[1]
                .startsWith('changed: [lab1] => set diagnostics.brick-log-level')
        lab.ssh('lab1', '/usr/sbin/gluster --mode=script volume get data diagnostics.brick-log-level') =~ /brick-log-level\s+INFO/

        cleanup:
        lab.sshRun('lab1', '[ -x /usr/sbin/gluster.real ] && mv /usr/sbin/gluster.real /usr/sbin/gluster; '
                + '/usr/sbin/gluster --mode=script volume reset data diagnostics.brick-log-level')
    }

    def "CTDB is healthy with the virtual IP on exactly one host"() {
        when:
        def status = ctdbStatus('lab1')

        then:
        status.findAll { it.startsWith('|') && !it.startsWith('|Node') }.size() == 2
        status.every { !it.startsWith('|') || it.startsWith('|Node') || it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ }
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') } == 1
    }

    def "a host that reboots comes back whole without a manual step, by SysV init in the order of CentOS 6: glusterd (S20), the shared volume (netfs, S25), then ctdb (S91)"() {
        when: 'lab2 shuts down cleanly and boots again'
        lab.stop('lab2')
        lab.start('lab2')
        String state = ''
        for (int i = 0; i < 90 && !(state ==~ /(?s)gluster\nlock\nctdb\n?/); i++) {
            sleep(2000)
            state = lab.sshRun('lab2', 'findmnt -n /gluster >/dev/null && echo gluster; findmnt -n /mnt/lock >/dev/null && echo lock;'
                    + ' service ctdb status >/dev/null && echo ctdb').out
        }
        def boot = lab.ssh('lab2', 'cat /var/log/boot.log').readLines()

        then: 'in the order the procedure does by hand: bricks, glusterd, the shared volume, then ctdb'
        state ==~ /(?s)gluster\nlock\nctdb\n?/
        lab.ssh('lab2', 'findmnt -n -o FSTYPE /mnt/lock').trim() == 'fuse.glusterfs'
        lab.ssh('lab2', 'ls /etc/rc.d/rc3.d').readLines().findAll { it =~ /glusterd|netfs|ctdb/ } ==
                ['K01ctdb', 'S20glusterd', 'S25netfs', 'S91ctdb-shared-lock']
        // BOOT-SYSINIT, BOOT-SERVICES, BOOT-GLUSTERD, BOOT-NETFS, BOOT-CTDB: the boot log, in order
        boot.findIndexOf { it.startsWith('Mounting local filesystems: ') } == 0
        ['Bringing up interface host0: [  OK  ]', 'Starting rsyslog: [  OK  ]', 'Starting rpcbind: [  OK  ]',
         'Starting glusterd: [  OK  ]', 'Mounting filesystems: [  OK  ]', 'Starting sshd: [  OK  ]',
         'Starting ctdbd service: [  OK  ]'].collect { line -> boot.indexOf(line) }.with { it == it.sort(false) && !it.contains(-1) }
        ctdbStatus('lab1').count { it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ } == 2
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') } == 1
        lab.ssh('lab1', '/usr/sbin/gluster volume status meta') =~ /(?m)^Brick 10\.78\.0\.12:\/gluster\/meta1\s+\d+\s+\S+\s+Y\b/
    }

    def "a host that boots without its shared volume keeps ctdb down and says why, and rejoins once it is back, leaving the virtual IP where it is"() {
        given: "lab1, the virtual IP's home node, boots with its own glusterd off and lab2 refusing it the volume file (lab2's bricks keep serving)"
        lab.ssh('lab1', 'chkconfig glusterd off')
        // tries every 3 s rather than every 30 s, as an operator may set it, so the test waits less
        lab.ssh('lab1', 'for f in /etc/sysconfig/ctdb-shared-lock /etc/default/ctdb-shared-lock; do [ ! -f $f ] || echo RETRY_SECONDS=3 >> $f; done')
        lab.stop('lab1')
        lab.ssh('lab2', 'iptables -I INPUT 1 -s 10.78.0.11 -p tcp --dport 24007 -j REJECT')
        lab.start('lab1')

        when: 'its boot has come to ctdb'
        String messages = ''
        for (int i = 0; i < 60 && !messages.contains('ctdb kept down'); i++) {
            sleep(2000)
            messages = lab.sshRun('lab1', 'cat /var/log/messages').out
        }

        then: 'it is down, and says why, where a CentOS 6 operator looks: the boot log and /var/log/messages (BOOT-LOG)'
        messages.contains('ctdb-shared-lock: ctdb kept down: the shared volume is not mounted at /mnt/lock, where CTDB keeps its configuration and lock; mounting it again every 3 s')
        def boot = lab.ssh('lab1', 'cat /var/log/boot.log')
        boot.contains('ctdb kept down: the shared volume is not mounted at /mnt/lock')
        boot =~ /Mounting filesystems: [^\n]*failed\.?\n\[FAILED\]/     // BOOT-NETFS: reported, and the boot went on
        boot.contains('Starting sshd: [  OK  ]')
        lab.sshRun('lab1', 'service ctdb status').rc == 3          // BOOT-CTDB
        lab.sshRun('lab1', 'pgrep -x ctdbd').rc != 0
        lab.ssh('lab2', 'ip -4 -o addr show host0').contains('10.78.0.200/24')

        when: "the volume file is served again, by lab2 (the fstab line's backup volume file server: lab1's glusterd is still down)"
        lab.ssh('lab2', 'iptables -D INPUT -s 10.78.0.11 -p tcp --dport 24007 -j REJECT')
        String state = ''
        for (int i = 0; i < 75 && !(state ==~ /(?s)lock\nctdb\n?/); i++) {
            sleep(2000)
            state = lab.sshRun('lab1', 'findmnt -n /mnt/lock >/dev/null && echo lock; service ctdb status >/dev/null && echo ctdb').out
        }

        then: 'it mounts the volume and rejoins; the virtual IP stays on lab2 (vip_failback is false by default)'
        state ==~ /(?s)lock\nctdb\n?/
        lab.ssh('lab1', 'cat /var/log/messages').contains('ctdb-shared-lock: the shared volume is mounted at /mnt/lock: starting ctdb')
        ctdbStatus('lab2').count { it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ } == 2
        lab.hosts.findAll { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') } == ['lab2']

        cleanup:
        lab.sshRun('lab2', 'iptables -D INPUT -s 10.78.0.11 -p tcp --dport 24007 -j REJECT')
        lab.sshRun('lab1', 'chkconfig glusterd on && service glusterd start')
        lab.sshRun('lab1', "sed -i '/^RETRY_SECONDS=/d' /etc/sysconfig/ctdb-shared-lock /etc/default/ctdb-shared-lock 2>/dev/null; true")
    }

    def "a new virtual IP reaches the running CTDB: one host holds it and none the old one; and back"() {
        when:
        def moved = timed('new virtual IP') { gplay('run', 'glusterized-ovirt', *lab.target(), '-e', 'virtual_ip=10.78.0.201/24') }
        ctdbStatus('lab1')

        then:
        moved.rc == 0
        moved.out.contains('changed: [lab1] => update /mnt/lock/public_addresses')
        moved.out =~ /changed: \[lab\d\] => run: /
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.201/24') } == 1
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') } == 0

        when:
        def back = gplay('run', 'glusterized-ovirt', *lab.target())
        ctdbStatus('lab1')

        then:
        back.rc == 0
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') } == 1
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.201/24') } == 0
    }

    def "the status playbook reports CTDB, the virtual IP, the bricks, heal state and the engine, and changes nothing"() {
        given:
        def before = lab.hosts.collectEntries { [it, lab.hash(it)] }

        when:
        def status = gplay('run', 'status', *lab.target())

        then:
        status.rc == 0
        lab.hosts.every { status.recap(it).changed == 0 && status.recap(it).failed == 0 }
        status.out.contains('healthy: true')
        status.out.contains('10.78.0.200')
        status.out =~ /meta: Brick \S+; Number of entries: 0/
        // maintenance's gate, as each host sees it
        status.out.count('yes: every other host is healthy and nothing is left to heal') == 2
        status.out =~ /(?m)^Brick 10\.78\.0\.12:\/gluster\/data1\s+\d+\s+\S+\s+Y\s+\d+/
        lab.hosts.collectEntries { [it, lab.hash(it)] } == before
    }

    def "the firewall file holds the procedure's rule set, and the live rules are it"() {
        when:
        def file = lab.ssh('lab2', 'cat /etc/iptables/rules.v4')
        def live = lab.ssh('lab2', 'iptables -S INPUT')

        then:
        file.startsWith('# oVirt/Gluster firewall configuration\n*filter\n')
        ['# glusterd', '-A INPUT -p tcp -m tcp --dport 24007 -j ACCEPT', '# ctdbd',
         '-A INPUT -p tcp -m tcp --dport 50152:50251 -j ACCEPT',
         '-A INPUT -j REJECT --reject-with icmp-host-prohibited'].every { file.contains(it) }
        live.contains('-A INPUT -p tcp -m tcp --dport 4379 -j ACCEPT')
        live.readLines().last() == '-A INPUT -j REJECT --reject-with icmp-host-prohibited'
    }

    def "a volume asked for on another volume's brick is refused before gluster marks anything; that volume stays whole"() {
        given: 'a plain distributed volume on an empty brick of lab1, then the same brick under another name'
        def playbook = work.resolve('renamed.groovy')
        playbook.text = """\
playbook('renamed') {
    play('volumes', hosts: 'lab1', gatherFacts: false) {
        file '/gluster/victim0', state: 'directory'
        glusterVolume 'victim', bricks: ['${lab.address('lab1')}:/gluster/victim0'], state: 'started'
        glusterVolume 'renamed', bricks: ['${lab.address('lab1')}:/gluster/victim0'], state: 'started'
    }
}
"""

        when:
        def run = gplay('run', playbook.toString(), *lab.target())

        then:
        run.rc == 2
        run.out.contains('changed: [lab1] => create volume victim')
        run.out.contains('/gluster/victim0 on this host already belong to a volume')
        lab.sshRun('lab1', '/usr/sbin/gluster volume info renamed').rc != 0
        lab.sshRun('lab1', 'getfattr --absolute-names -n trusted.glusterfs.volume-id /gluster/victim0').rc == 0
        lab.ssh('lab1', '/usr/sbin/gluster volume stop victim --mode=script && /usr/sbin/gluster volume start victim --mode=script')
                .contains('success')

        cleanup:
        lab.sshRun('lab1', '/usr/sbin/gluster --mode=script volume stop victim; /usr/sbin/gluster --mode=script volume delete victim;'
                + ' rm -rf /gluster/victim0')
    }

    def "a brick whose process is gone is found by an audit and started by a run; an option a volume lacks is refused by glusterd 3.4"() {
        given: 'the data brick of lab2 killed'
        lab.ssh('lab2', "pkill -f -- '--brick-name /gluster/data1'")
        def offline = ~/(?m)^Brick 10\.78\.0\.12:\/gluster\/data1\s+\S+\s+\S+\s+N\b/
        for (int i = 0; i < 40 && !(lab.ssh('lab1', '/usr/sbin/gluster volume status data') =~ offline); i++) {
            sleep(500)
        }
        def unknown = work.resolve('unknown-option.groovy')
        unknown.text = """\
playbook('unknown option') {
    play('data', hosts: 'lab1', gatherFacts: false) {
        glusterVolume 'data', options: ['performance.no-such-option': 'on']
    }
}
"""

        when:
        def audit = gplay('audit', 'glusterized-ovirt', *lab.target())
        def run = gplay('run', 'glusterized-ovirt', *lab.target())

        then:
        audit.rc == 3
        run.rc == 0
        run.out.contains('changed: [lab1] => start the offline bricks of volume data: 10.78.0.12:/gluster/data1')
        lab.ssh('lab1', '/usr/sbin/gluster volume status data') =~ /(?m)^Brick 10\.78\.0\.12:\/gluster\/data1\s+\d+\s+\S+\s+Y\b/

        when: "Gluster 3.4 cannot list a volume's options (no volume get): check mode can only predict the set"
        def predicted = gplay('run', unknown.toString(), *lab.target(), '--check')
        def refused = gplay('run', unknown.toString(), *lab.target())

        then: 'and glusterd refuses the name when it is set, changing nothing'
        predicted.rc == 0
        predicted.out.contains('set performance.no-such-option on volume data')
        refused.rc == 2
        refused.out.contains('option : performance.no-such-option does not exist')
        !lab.ssh('lab1', '/usr/sbin/gluster volume info data').contains('no-such-option')
    }

    def "the hosted engine was deployed on both hosts through the stand-in, the second as an additional host"() {
        expect:
        lab.ssh('lab1', 'hosted-engine --vm-status').contains('Host ID')
        lab.ssh('lab2', 'hosted-engine --vm-status').contains('Host ID')
        // what setup 1.1 leaves on a deployed host, and what gplay decides "deployed" from
        lab.ssh('lab1', 'cat /etc/ovirt-hosted-engine/hosted-engine.conf').contains('host_id=1')
        lab.ssh('lab2', 'cat /etc/ovirt-hosted-engine/hosted-engine.conf').contains('host_id=2')
        // every host's HA configuration names the same VM and disk: the second took the first host's answers
        lab.hosts.collect { lab.ssh(it, 'grep -E "^(vmid|vm_disk_id|storage)=" /etc/ovirt-hosted-engine/hosted-engine.conf') }.unique().size() == 1
        // the engine replaced each host's firewall when setup added the host (as the stand-in does, from the
        // engine's 3.4 rules), and each host ends with the procedure's rules again: CTDB's port among them
        lab.hosts.every { lab.ssh(it, 'cat /var/lib/gplay-standin/hosted-engine/calls.log').contains('engine replaced the firewall') }
        lab.hosts.every { lab.ssh(it, 'iptables -S INPUT').contains('--dport 4379') }
        // what setup's dialog was answered (the stand-in records it)
        lab.ssh('lab2', 'cat /var/lib/gplay-standin/hosted-engine/dialog.log').contains('OVEHOSTED_HOST_ID=2')
        lab.ssh('lab1', 'cat /var/lib/gplay-standin/hosted-engine/dialog.log').contains('OVEHOSTED_STORAGE_DOMAIN_CONNECTION=10.78.0.200:/engine')
        lab.ssh('lab1', 'cat /var/lib/gplay-standin/hosted-engine/dialog.log').contains('OVEHOSTED_INSTALLING_OS=1')
        lab.ssh('lab1', 'stat -c %a /etc/ovirt-hosted-engine/gplay-answers.conf').trim() == '600'
        // the password went to setup's dialog on its standard input: not into the answer file left on the host
        lab.hosts.every { !lab.ssh(it, 'cat /etc/ovirt-hosted-engine/gplay-answers.conf').contains(engineAdminPassword()) }
    }

    def "maintenance on the host holding the virtual IP moves it to the other host; the other is refused while the first is down, and allowed once it is back and healed"() {
        given:
        def holder = lab.hosts.find { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') }
        def other = (lab.hosts - holder)[0]

        when:
        def down = timed('maintenance down') { gplay('run', 'maintenance', *lab.target(), '-l', holder) }

        then:
        down.rc == 0
        down.out.contains("GATE [every other host is healthy and nothing is left to heal] before batch 1 of 1 ($holder)")
        lab.ssh(other, 'ip -4 -o addr show host0').contains('10.78.0.200/24')
        !lab.ssh(holder, 'ip -4 -o addr show host0').contains('10.78.0.200/24')
        lab.ssh(holder, 'hosted-engine --vm-status') =~ /(?i)local maintenance\s*:\s*true/

        when: 'the other host, the last healthy one, is asked to go down too'
        def refused = timed('maintenance down refused') { gplay('run', 'maintenance', *lab.target(), '-l', other) }

        then: 'refused by the gate, naming the node that is down, and nothing changed: ctdb still serves the address there'
        refused.rc == 2
        refused.out =~ /play 'Take a host down for maintenance' stopped before batch 1 of 1 \($other\): gate 'every other host is healthy and nothing is left to heal' \(maintenance\.groovy \(bundled\):18\) did not pass within 30 s/
        refused.out.contains("$other: 'no other host down, nothing to heal' failed: CTDB does not answer on $holder")
        lab.ssh(other, 'ip -4 -o addr show host0').contains('10.78.0.200/24')
        !(lab.ssh(other, 'hosted-engine --vm-status') =~ /(?i)local maintenance\s*:\s*true/)

        when:
        def up = timed('maintenance up') { gplay('run', 'maintenance', *lab.target(), '-l', holder, '-e', 'maintenance=up') }

        then: 'done once the whole cluster is healthy and healed'
        up.rc == 0
        up.out.contains("GATE [the cluster is healthy and healed] after batch 1 of 1 ($holder)")
        ctdbStatus(other).count { it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ } == 2
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') } == 1

        when: 'the other host may go down now, and comes back'
        def otherDown = timed('maintenance down, other') { gplay('run', 'maintenance', *lab.target(), '-l', other) }
        def otherUp = timed('maintenance up, other') { gplay('run', 'maintenance', *lab.target(), '-l', other, '-e', 'maintenance=up') }

        then:
        otherDown.rc == 0
        otherDown.out.contains('passes')
        otherUp.rc == 0
        ctdbStatus(holder).count { it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ } == 2
    }

    /** ctdb -X status once every node is OK (ctdb needs a few monitor cycles after a change); what it printed. */
    List<String> ctdbStatus(String host) {
        List<String> lines = []
        for (int i = 0; i < 60; i++) {
            lines = lab.sshRun(host, '/usr/bin/ctdb -X status').out.readLines()
            def nodes = lines.findAll { it.startsWith('|') && !it.startsWith('|Node') }
            if (nodes && nodes.every { it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ }) {
                break
            }
            sleep(2000)
        }
        lines
    }

    /** Task (host, name, item) keys reported changed, from a JSON-lines report. */
    static Set<List<String>> changed(Path report) {
        def slurper = new JsonSlurper()
        report.readLines().collect { slurper.parseText(it) }
                .findAll { it.event == 'host_result' && it.status == 'changed' }
                .collect { [it.host, it.task, "${it.item ?: ''}".toString()] } as Set
    }

    /** The engine's admin password, as the lab keeps it: in its vault file. */
    String engineAdminPassword() {
        (gplay('vault', 'view', '--vault-password-file', lab.vaultPasswordFile.toString(),
                Lab.STATE.resolve('group_vars/all/secrets.yml').toString()).out =~ /engine_admin_password: "(\w+)"/)[0][1]
    }

    /** Runs and prints the wall time, for the record of what each proof costs. */
    static <T> T timed(String what, Closure<T> body) {
        long t0 = System.nanoTime()
        T result = body()
        System.out.printf('%s: %.1f s%n', what, (System.nanoTime() - t0) / 1e9)
        result
    }

    static List<Map> results(Path report) {
        def slurper = new JsonSlurper()
        report.readLines().collect { slurper.parseText(it) as Map }.findAll { it.event == 'host_result' }
    }

    static Set<String> handlerNames(Path report) {
        def slurper = new JsonSlurper()
        report.readLines().collect { slurper.parseText(it) as Map }.findAll { it.event == 'task_start' && it.handler }*.task as Set
    }

    static String diff(List<Map> results, String host, String task) {
        results.find { it.host == host && it.task == task }.diffs.join('\n')
    }

    static String msg(List<Map> results, String host, String task) {
        results.find { it.host == host && it.task == task }.msg
    }
}
