package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookRun
import io.gplay.engine.run.RunOptions
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The facts a module sets (getent's getent_passwd, packageFacts' packages) read by later tasks of a playbook as
 * Ansible's roles read them: ansible_facts.NAME, the variable NAME, and gplay's facts.NAME; in check mode too.
 */
class ModuleFactsSpec extends Specification {
    @TempDir
    Path dir

    def "later tasks read a module's facts and setup's under Ansible's names (check mode: #check)"() {
        when:
        def run = PlaybookRun.of([options: RunOptions.builder().output(check, false, 0).build()], dir, '''\
playbook('p') { play('p', hosts: 'web') {
    getent 'passwd', key: 'root'
    packageFacts()
    debug 'root', msg: { "root's shell ${getent_passwd.root[5]}" },
        when: { 'dpkg' in ansible_facts.packages && facts.packages.dpkg[0].source == 'apt' }
    debug 'facts', msg: { "family ${ansible_facts.os_family} on ${ansible_facts.service_mgr}, selinux ${ansible_facts.selinux.status}" }
} }
''')

        then:
        run.problems == []
        run.summary.exitCode() == 0
        run.out.contains("root's shell /bin/")
        run.out.contains('family Debian on ')
        run.out.contains('selinux disabled')

        where:
        check << [false, true]
    }

    def "the plan knows the facts a task sets, and refuses one no task sets"() {
        when:
        def run = PlaybookRun.of([:], dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    getent 'passwd', key: 'root'
    debug 'root', msg: { "${getent_passwd.root[0]}" }
    debug 'group', msg: { "${getent_group.root[0]}" }
} }
''')

        then:
        run.problems.size() == 1
        run.problems[0].startsWith("${dir.resolve('p.groovy')}:4: 'getent_group' is not defined for host h1")
    }
}
