package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookRun
import io.gplay.engine.run.RunOptions
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * A role's declared options (meta/argument_specs.yml) hold whatever gives them their value: the role's call
 * (checked when the plan is made), and the extra vars, the play's vars and the inventory (checked before any host
 * is touched), as Ansible validates a role's variables whatever their source.
 */
class RoleArgumentsSpec extends Specification {
    @TempDir
    Path dir

    static final String SPECS = '''\
argument_specs:
  main:
    options:
      motd_max_users: {type: int, default: 5}
      motd_style: {type: str, choices: [plain, banner], default: plain}
'''

    def setup() {
        Files.createDirectories(dir.resolve('roles/motd/meta'))
        Files.createDirectories(dir.resolve('roles/motd/tasks'))
        Files.writeString(dir.resolve('roles/motd/meta/argument_specs.yml'), SPECS)
        Files.writeString(dir.resolve('roles/motd/tasks/main.groovy'),
                'debug \'motd\', msg: { "${vars.motd_max_users} ${vars.motd_style}" }\n')
    }

    static RunOptions extra(Map<String, Object> vars) {
        RunOptions.builder().hosts(10, null, vars, false, null).build()
    }

    def "an extra var that the role's spec refuses stops the run before any host, at the role's line"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'all', gatherFacts: false) {
    role 'motd'
} }
''', options: extra([motd_max_users: 'ten']))

        then:
        run.problems == ["${dir}/p.groovy:2: role motd: parameter 'motd_max_users' must be an int, got String ten"
                                 + " (the value of -e motd_max_users; give one the role's meta/argument_specs.yml takes)"]*.toString()
        run.summary == null
    }

    def "an extra var wins over the role call's value, so it is the one checked"() {
        expect:
        PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'all', gatherFacts: false) {
    role 'motd', motd_max_users: 3
} }
''', options: extra([motd_max_users: 'many'])).problems.size() == 1
        PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'all', gatherFacts: false) {
    role 'motd', motd_max_users: 3
} }
''', options: extra([motd_max_users: '7'])).problems == []
    }

    def "inventory values and the play's vars are checked where the role's call does not give the option"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'all', gatherFacts: false, vars: [motd_style: 'fancy']) {
    role 'motd'
    role 'motd', motd_max_users: 2
} }
''', hosts: ['h1', 'h2', 'h3'], hostVars: [h1: [motd_max_users: 'ten'], h2: [motd_max_users: 'ten'], h3: [motd_max_users: 4]])

        then:
        run.problems == [
                "${dir}/p.groovy:2: role motd: parameter 'motd_max_users' must be an int, got String ten (the value the"
                        + " inventory gives hosts h1, h2; give one the role's meta/argument_specs.yml takes)",
                "${dir}/p.groovy:2: role motd: parameter 'motd_style' must be one of [plain, banner], got 'fancy' (the value"
                        + " of the play's vars at ${dir}/p.groovy:1; give one the role's meta/argument_specs.yml takes)",
                "${dir}/p.groovy:3: role motd: parameter 'motd_style' must be one of [plain, banner], got 'fancy' (the value"
                        + " of the play's vars at ${dir}/p.groovy:1; give one the role's meta/argument_specs.yml takes)",
        ]*.toString()
    }

    def "values the role's spec takes, from any source, run"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'all', gatherFacts: false, vars: [motd_style: 'banner']) {
    block('b', vars: [motd_max_users: 'not checked: the block gives it']) {
        role 'motd', motd_max_users: 8
    }
} }
''', hostVars: [h1: [motd_max_users: 'ten']])

        then:
        run.problems == []
        run.out.contains('8 banner')
    }
}
