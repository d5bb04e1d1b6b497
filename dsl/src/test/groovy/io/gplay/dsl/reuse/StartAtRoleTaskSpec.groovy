package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookRun
import io.gplay.engine.run.RunOptions
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** --start-at-task 'ROLE : TITLE', as Ansible heads a role's task: the task of that role, not a namesake elsewhere. */
class StartAtRoleTaskSpec extends Specification {
    @TempDir
    Path dir

    static final String PLAYBOOK = '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    debug 'configure', msg: 'the playbook's own'
    role 'firewall'
    debug 'after', msg: 'x'
} }
'''

    def setup() {
        Path tasks = dir.resolve('roles/firewall/tasks/main.groovy')
        Files.createDirectories(tasks.parent)
        Files.writeString(tasks, "debug 'open ports', msg: 'x'\ndebug 'configure', msg: 'x'\n")
    }

    def "a role's task is started at by its role and title; the same title elsewhere is not it"() {
        when:
        def run = PlaybookRun.of([options: RunOptions.builder().tasks([], [], 'firewall : configure', false).build()],
                dir, PLAYBOOK.replace("the playbook's own", 'own'))

        then:
        run.problems == []
        run.ran == ['firewall : configure: h1 ok', 'after: h1 ok']
        !run.out.contains('open ports')
    }

    def "a heading no task has is refused before any host, with the nearest"() {
        when:
        def run = PlaybookRun.of([options: RunOptions.builder().tasks([], [], 'firewal : configure', false).build()],
                dir, PLAYBOOK.replace("the playbook's own", 'own'))

        then:
        run.problems == ["--start-at-task 'firewal : configure': no task has this title (did you mean 'firewall : configure'?)"]
    }
}
