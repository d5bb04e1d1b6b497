package io.gplay.tests

import spock.lang.IgnoreIf

/** A value no shell command line can hold. */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class NulValueSpec extends TwoSshdSpec {
    def "a NUL in a per-host value fails its task with a clear message naming the parameter, the host stays reachable"() {
        given:
        def inv = inventory(h1: [bad: 'a\u0000b'])
        work.resolve('site.groovy').text = '''\
playbook('nul') {
    play('p', hosts: 'web', gatherFacts: false) {
        command 'echo it', argv: { ['echo', vars.bad ?: 'fine'] }
    }
}
'''

        when:
        def run = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', inv.toString())

        then:
        run.rc == 2
        run.out.contains("failed: [h1]: FAILED! => site.groovy:3: command: parameter 'argv' holds a NUL character")
        !run.out.contains('Broken transport')
        run.recap('h1').unreachable == 0
        run.recap('h2').changed == 1
    }
}
