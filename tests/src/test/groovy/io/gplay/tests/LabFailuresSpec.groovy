package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** The bundled procedure when a host dies in the middle of the run, and on three hosts (replica 3). */
class LabFailuresSpec extends Specification {
    @TempDir
    Path work

    def "a host killed in the middle of the run is marked unreachable, the others go on, and a re-run after it is back completes"() {
        given:
        def lab = Lab.fresh(2)
        def cmd = [Gplay.ROOT.resolve('bin/gplay').toString(), 'run', 'glusterized-ovirt', *lab.target()]
        def pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        pb.environment().putAll(XDG_CACHE_HOME: work.toString(), NO_COLOR: '1')

        when: 'lab2 loses power as the CTDB play starts'
        long t0 = System.nanoTime()
        def p = pb.start()
        def out = new StringBuilder()
        boolean killed = false
        p.inputStream.eachLine { line ->
            out << line << '\n'
            if (!killed && line.startsWith('PLAY [CTDB Configuration]')) {
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
        run.recap('lab1').unreachable == 0
        // lab1 went on past the point where lab2 died
        run.out.contains('ok: [lab1]') && run.out.readLines().findIndexOf { it.startsWith('PLAY [CTDB Configuration]') } <
                run.out.readLines().findLastIndexOf { it.contains('[lab1]') }

        when: 'lab2 is back'
        lab.start('lab2')
        def again = GlusterizedOvirtLabSpec.timed('re-run after lab2 is back') {
            Gplay.run(Gplay.ROOT, work, 'run', 'glusterized-ovirt', *lab.target())
        }

        then:
        again.rc == 0
        lab.hosts.every { again.recap(it).failed == 0 && again.recap(it).unreachable == 0 }
    }

    def "three hosts get replica 3 volumes, a healthy three-node CTDB, and a second run changes nothing"() {
        given:
        def lab = Lab.fresh(3)

        when:
        def run = GlusterizedOvirtLabSpec.timed('three hosts, first run') {
            Gplay.run(Gplay.ROOT, work, 'run', 'glusterized-ovirt', *lab.target())
        }

        then:
        run.rc == 0
        lab.hosts.every { run.recap(it).failed == 0 }
        ['meta', 'engine', 'data'].every { lab.ssh('lab1', "gluster volume info ${it}").contains('Number of Bricks: 1 x 3 = 3') }
        lab.ssh('lab3', 'ctdb -X status').readLines().count { it =~ /^\|\d+\|[\d.]+\|0\|0\|0\|0\|0\|0\|0\|/ } == 3
        lab.hosts.count { lab.ssh(it, 'ip -4 -o addr show host0').contains('10.78.0.200/24') } == 1
        lab.ssh('lab3', 'cat /var/lib/gplay-standin/hosted-engine/dialog.log').contains('OVEHOSTED_HOST_ID=3')

        when:
        def again = GlusterizedOvirtLabSpec.timed('three hosts, second run') {
            Gplay.run(Gplay.ROOT, work, 'run', 'glusterized-ovirt', *lab.target())
        }

        then:
        again.rc == 0
        lab.hosts.every { again.recap(it).changed == 0 }
    }
}
