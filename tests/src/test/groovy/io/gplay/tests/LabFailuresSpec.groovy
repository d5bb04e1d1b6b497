package io.gplay.tests

import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The bundled procedure on three hosts (replica 3), one of them dying in the middle of the first run, another
 * rebooting without its shared volume (on systemd; the el6 profile's SysV boot is GlusterizedOvirtLabSpec's); on them, an
 * operator's own rolling run stopped at its failure threshold, a rescue that repairs, and a handler kept across a kill.
 */
@ResourceLock(Lab.RESOURCE)
class LabFailuresSpec extends Specification {
    @TempDir
    Path work

    def "three hosts: one killed in the middle of the first run is marked unreachable while the others go on; once back, a re-run gives replica 3 volumes and a healthy three-node CTDB, and the next changes nothing"() {
        given:
        def lab = Lab.fresh(3)
        def cmd = [Gplay.ROOT.resolve('bin/gplay').toString(), 'run', 'glusterized-ovirt', *lab.target()]
        def pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        pb.environment().putAll(XDG_CACHE_HOME: work.toString(), NO_COLOR: '1')

        // as the partition play starts, before the plays whose runOnce tasks need every host: a runOnce task that
        // fails (gluster cannot reach lab2) fails every host of its batch, as in Ansible. Not in the firewall play:
        // a connection lost while iptablesApply checks the new rules is the rules' doing, rolled back and failed.
        when: 'lab2 loses power as the partition play starts'
        long t0 = System.nanoTime()
        def p = pb.start()
        def out = new StringBuilder()
        boolean killed = false
        p.inputStream.eachLine { line ->
            out << line << '\n'
            if (!killed && line.startsWith('PLAY [Prepare Partition for Gluster]')) {
                lab.stop('lab2', true)
                killed = true
            }
        }
        assert p.waitFor(10, TimeUnit.MINUTES)
        def run = new Gplay.Run(rc: p.exitValue(), out: out.toString(), err: '')
        System.out.printf('run with lab2 killed: %.1f s%n', (System.nanoTime() - t0) / 1e9)

        then:
        killed
        run.rc == 4
        run.recap('lab2').unreachable == 1
        ['lab1', 'lab3'].every { run.recap(it).unreachable == 0 }
        // lab1 went on past the point where lab2 died
        run.out.contains('ok: [lab1]') && run.out.readLines().findIndexOf { it.startsWith('PLAY [Prepare Partition for Gluster]') } <
                run.out.readLines().findLastIndexOf { it.contains('[lab1]') }

        when: 'lab2 is back'
        lab.start('lab2')
        def again = GlusterizedOvirtLabSpec.timed('three hosts, re-run after lab2 is back') {
            Gplay.run(Gplay.ROOT, work, 'run', 'glusterized-ovirt', *lab.target())
        }

        then:
        again.rc == 0
        lab.hosts.every { again.recap(it).failed == 0 && again.recap(it).unreachable == 0 }
        ['meta', 'engine', 'data'].every { lab.ssh('lab1', "gluster volume info ${it}").contains('Number of Bricks: 1 x 3 = 3') }
        lab.ssh('lab3', 'ctdb -X status').readLines().count { it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ } == 3
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') } == 1
        lab.ssh('lab3', 'cat /var/lib/gplay-standin/hosted-engine/dialog.log').contains('OVEHOSTED_HOST_ID=3')

        when:
        def second = GlusterizedOvirtLabSpec.timed('three hosts, second run') {
            Gplay.run(Gplay.ROOT, work, 'run', 'glusterized-ovirt', *lab.target())
        }

        then:
        second.rc == 0
        lab.hosts.every { second.recap(it).changed == 0 }

        when: "lab3 reboots with its own glusterd masked and the others refusing it the volume file: the shared volume cannot mount"
        lab.stop('lab3')
        Files.createSymbolicLink(Lab.STATE.resolve('lab3/root/etc/systemd/system/glusterd.service'), Path.of('/dev/null'))
        // ctdb tries again every 3 s rather than the role's 30 s, as an operator's own drop-in may say, so the test waits less
        Lab.STATE.resolve('lab3/root/etc/systemd/system/ctdb.service.d/zz-retry.conf').text = '[Service]\nRestartSec=3\n'
        def refuse = { String op -> ['lab1', 'lab2'].each { lab.sshRun(it, "iptables ${op} INPUT -s 10.78.0.13 -p tcp --dport 24007 -j REJECT") } }
        refuse('-I')
        lab.start('lab3')
        String journal = ''
        for (int i = 0; i < 60 && !journal.contains('ctdb kept down'); i++) {
            sleep(2000)
            journal = lab.sshRun('lab3', 'journalctl -b -u ctdb --no-pager -o cat').out
        }

        then: 'on systemd as on SysV init (GlusterizedOvirtLabSpec, the el6 profile), ctdb is kept down and says why'
        journal.contains('ctdb kept down: the shared volume is not mounted at /mnt/lock')
        lab.sshRun('lab3', 'systemctl is-active ctdb').out.trim() != 'active'
        lab.sshRun('lab3', 'pgrep -x ctdbd').rc != 0
        lab.sshRun('lab3', 'findmnt -n /gluster').rc == 0

        when: 'the others serve the volume file again'
        refuse('-D')
        String state = ''
        for (int i = 0; i < 75 && !(state ==~ /(?s)lock\nactive\n?/); i++) {
            sleep(2000)
            state = lab.sshRun('lab3', 'findmnt -n /mnt/lock >/dev/null && echo lock; systemctl is-active ctdb').out
        }

        then: 'lab3 mounts it and rejoins, in the order systemd was told: glusterd, the shared volume, then ctdb'
        state ==~ /(?s)lock\nactive\n?/
        lab.ssh('lab3', 'systemctl show -p After mnt-lock.mount').contains('glusterd.service')
        lab.ssh('lab3', 'systemctl show -p After -p Requires ctdb').contains('mnt-lock.mount')
        healthyNodes(lab, 'lab1') == 3

        when: "lab3's glusterd is unmasked and started again"
        lab.ssh('lab3', 'systemctl unmask glusterd && systemctl start glusterd')

        then:
        lab.ssh('lab3', 'systemctl is-active glusterd').trim() == 'active'

        when: "an operator's own rolling run, host by host with no failure allowed, meets a broken lab2"
        lab.ssh('lab2', 'touch /etc/gplay-broken')
        def rolling = own('rolling', lab, """\
playbook('rolling') {
    play('host by host', hosts: 'ovirt', serial: 1, maxFailPercentage: 0) {
        command 'healthy here', argv: ['test', '!', '-e', '/etc/gplay-broken'], readOnly: true
        service 'restart glusterd', name: 'glusterd', state: 'restarted'
        copy 'rolled', dest: '/etc/gplay-rolled', content: 'x\\n'
    }
}
""")

        then: 'it stops at lab2, saying so, and lab3 is never started'
        rolling.rc == 2
        rolling.out.contains("play 'host by host' stopped in batch 2 of 3 (lab2): maxFailPercentage 0%: 1 of the batch's 1 hosts failed (100%); not started: lab3")
        lab.hosts.collect { lab.sshRun(it, 'test -e /etc/gplay-rolled').rc } == [0, 1, 1]

        when: "a block whose rescue repairs: ctdb stopped on lab1 is started again, and the run goes on"
        lab.ssh('lab1', 'systemctl stop ctdb')
        def repaired = own('repair', lab, """\
playbook('repair') {
    play('ctdb everywhere', hosts: 'ovirt') {
        block('ctdb answers') {
            ctdbStatus 'ctdb answers here', failedWhen: { !result.running }
        } rescue {
            service 'start ctdb again', name: 'ctdb', state: 'started'
            ctdbStatus 'ctdb answers again', until: { result.running }, retries: 30, delay: 2
        }
        copy 'went on', dest: '/etc/gplay-went-on', content: 'x\\n'
    }
}
""")

        then:
        repaired.rc == 0
        repaired.recap('lab1').rescued == 1
        ['lab2', 'lab3'].every { repaired.recap(it).rescued == 0 }
        lab.ssh('lab1', 'systemctl is-active ctdb').trim() == 'active'
        lab.hosts.every { lab.sshRun(it, 'test -e /etc/gplay-went-on').rc == 0 }

        when: 'a run killed (SIGTERM, as kill or a stopping CI job sends it) after a change that notified a handler'
        Map<String, String> env = [XDG_STATE_HOME: work.resolve('state').toString()]
        work.resolve('notify.groovy').text = """\
playbook('notify') {
    play('config', hosts: 'ovirt', gatherFacts: false) {
        copy 'config', dest: '/etc/gplay-conf', content: 'v2\\n', notify: 'record'
        command 'wait', argv: ['sleep', '60'], when: { vars.slow ?: false }
        handlers {
            shell 'record', cmd: 'echo handled >> /etc/gplay-handled'
        }
    }
}
"""
        def started = Gplay.start(env, work, work, 'run', 'notify.groovy', *lab.target(), '-e', 'slow=yes')
        long deadline = System.currentTimeMillis() + 60_000
        while (pending(work).size() < 3 && started.process.alive && System.currentTimeMillis() < deadline) {
            sleep(200)
        }
        sleep(1000)
        started.interrupt('TERM')
        def stopped = started.finishWithin(30)
        def next = Gplay.run(env, work, work, 'run', 'notify.groovy', *lab.target())

        then: 'the handler did not run then; the next run, which changes nothing, runs it first on every host'
        stopped.rc == 99
        !stopped.out.contains('RUNNING HANDLER')
        next.rc == 0
        next.out.indexOf('RUNNING HANDLER [record]') >= 0
        next.out.indexOf('RUNNING HANDLER [record]') < next.out.indexOf('TASK [config]')
        lab.hosts.every { next.recap(it).changed == 1 }
        lab.hosts.every { lab.ssh(it, 'cat /etc/gplay-handled').trim() == 'handled' }
        pending(work).isEmpty()
    }

    /** How many CTDB nodes HOST sees healthy, once all are or after two minutes (a node rejoining is checked first). */
    int healthyNodes(Lab lab, String host) {
        int healthy = 0
        for (int i = 0; i < 60; i++) {
            def nodes = lab.sshRun(host, 'ctdb -X status').out.readLines().findAll { it =~ /^\|\d+\|/ }
            healthy = nodes.count { it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ }
            if (nodes && healthy == nodes.size()) {
                break
            }
            sleep(2000)
        }
        healthy
    }

    /** Runs an operator's own playbook on the lab. */
    Gplay.Run own(String name, Lab lab, String text) {
        work.resolve(name + '.groovy').text = text
        GlusterizedOvirtLabSpec.timed(name) { Gplay.run(Gplay.ROOT, work, 'run', work.resolve(name + '.groovy').toString(), *lab.target()) }
    }

    /** The pending-handler files a run keeps under the test's state folder. */
    List<Path> pending(Path work) {
        Path root = work.resolve('state/gplay/pending-handlers')
        java.nio.file.Files.exists(root) ? java.nio.file.Files.walk(root).withCloseable { s -> s.filter { it.toString().endsWith('.yml') }.toList() } : []
    }
}
