package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** setFact with names a host computes, as Ansible's set_fact with a templated key: facts given by a closure. */
class ComputedFactNamesSpec extends Specification {
    @TempDir
    Path dir

    def "each host sets facts under names it computes; later tasks read them through vars"() {
        when:
        def run = PlaybookRun.of([hosts: ['h1', 'h2'], hostVars: [h1: [svc: 'web'], h2: [svc: 'db']]], dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    setFact 'port by service', facts: { [("${svc}_port".toString()): svc == 'web' ? 80 : 5432] }
    debug 'port', msg: { "${host} ${vars["${svc}_port".toString()]}" }
} }
''')

        then:
        run.problems == []
        run.summary.exitCode() == 0
        run.out.contains('h1 80')
        run.out.contains('h2 5432')
    }
}
