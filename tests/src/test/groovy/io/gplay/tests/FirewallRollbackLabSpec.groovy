package io.gplay.tests

import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** iptablesApply over real SSH on a lab host: a rule set that cuts new SSH connections is rolled back. */
@ResourceLock(Lab.RESOURCE)
class FirewallRollbackLabSpec extends Specification {
    @TempDir
    Path work

    def "a rule set that blocks SSH is rolled back, and the run says so; a good one stays"() {
        given:
        def lab = Lab.fresh(2)
        def before = lab.ssh('lab1', 'iptables -S')
        def playbook = work.resolve('firewall.groovy')
        playbook.text = '''
            playbook('firewall') {
                play('rules', hosts: 'lab1') {
                    iptables 'rules', content: { vars.rules }, notify: 'apply'
                    handlers {
                        iptablesApply 'apply', timeout: 5
                    }
                }
            }
            '''.stripIndent()
        def blocking = '''*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
-A INPUT -p tcp --dport 22 -j REJECT --reject-with tcp-reset
COMMIT
'''
        work.resolve('blocking.yml').text = "rules: |\n" + blocking.readLines().collect { '  ' + it }.join('\n') + '\n'

        when:
        def run = Gplay.run(Gplay.ROOT, work, 'run', playbook.toString(), *lab.target(), '-e', "@${work}/blocking.yml")

        then: 'the established control connection survived, a new one was refused, the old rules came back'
        run.rc == 2
        run.out.contains('the new rules cut new SSH connections to lab1')
        run.out.contains('restored')
        lab.ssh('lab1', 'iptables -S') == before

        when: 'a rule set that keeps SSH open'
        work.resolve('good.yml').text = "rules: |\n" + blocking.replace('--dport 22 -j REJECT --reject-with tcp-reset', '--dport 2222 -j REJECT')
                .readLines().collect { '  ' + it }.join('\n') + '\n'
        def good = Gplay.run(Gplay.ROOT, work, 'run', playbook.toString(), *lab.target(), '-e', "@${work}/good.yml")
        sleep(6000)

        then: 'it is applied and stays after the rollback timeout'
        good.rc == 0
        good.recap('lab1').changed == 2
        lab.ssh('lab1', 'iptables -S INPUT').contains('--dport 2222 -j REJECT')
    }
}
