package io.gplay.tests

import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** A service that will not start, on a lab host's real systemd: the failure says why, not only "see journalctl". */
@ResourceLock(Lab.RESOURCE)
class ServiceFailureLabSpec extends Specification {
    @TempDir
    Path work

    def "a unit that fails to start fails its task with the unit's own last journal lines"() {
        given:
        def lab = Lab.fresh(2)
        lab.ssh('lab1', '''printf '%s\\n' '[Service]' 'Type=oneshot' 'RemainAfterExit=yes' \
            "ExecStart=/bin/sh -c 'echo port 24007 is taken by someone else >&2; exit 3'" > /etc/systemd/system/gplay-broken.service
            systemctl daemon-reload''')
        def playbook = work.resolve('broken.groovy')
        playbook.text = '''
            playbook('a broken service') {
                play('start it', hosts: 'lab1') {
                    service 'gplay-broken', state: 'started'
                }
            }
            '''.stripIndent()

        when:
        def run = Gplay.run(Gplay.ROOT, work, 'run', playbook.toString(), *lab.target())

        then:
        run.rc == 2
        run.recap('lab1').failed == 1
        def failure = run.out.readLines().dropWhile { !it.startsWith('failed: [lab1]') }.take(20).join('\n')
        failure.contains('systemctl start -- gplay-broken: rc=1')
        failure.contains('port 24007 is taken by someone else')
    }
}
