package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** includeVars firstFound: the OS-specific vars of a role, the first file found per host, as Ansible's first_found. */
class IncludeVarsSpec extends Specification {
    @TempDir
    Path dir

    def "each host reads the first file found, from the role's vars/ then the playbook's folder; later tasks see it"() {
        given:
        write('roles/ssh/vars/Debian.yml', "sshd_service: ssh\nmacs: hmac-sha2-512\n")
        write('roles/ssh/vars/default.yml', "sshd_service: sshd\nmacs: hmac-sha2-256\n")
        write('Alpine.yml', "sshd_service: sshd-alpine\nmacs: umac-128\n")
        write('roles/ssh/tasks/main.groovy', '''\
includeVars 'os values', firstFound: { ["${os}.yml", 'default.yml'] }
debug 'service', msg: { "${host}: ${sshd_service} ${macs}" }
''')

        when:
        def run = PlaybookRun.of([hosts: ['h1', 'h2', 'h3'],
                                  hostVars: [h1: [os: 'Debian'], h2: [os: 'RedHat'], h3: [os: 'Alpine']]], dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    role 'ssh'
    debug 'after the role', msg: { "after ${host}: ${macs}" }
} }
''')

        then:
        run.problems == []
        run.summary.exitCode() == 0
        run.out.contains('h1: ssh hmac-sha2-512')
        run.out.contains('h2: sshd hmac-sha2-256')   // no RedHat.yml: the next candidate
        run.out.contains('h3: sshd-alpine umac-128') // not in the role's vars/: the playbook's folder
        run.out.contains('after h1: hmac-sha2-512')
    }

    def "no candidate found fails the host, naming every place looked at"() {
        given:
        write('roles/ssh/tasks/main.groovy', "includeVars 'os values', firstFound: ['Plan9.yml']\n")

        when:
        def run = PlaybookRun.of([:], dir, "playbook('p') { play('p', hosts: 'web', gatherFacts: false) { role 'ssh' } }\n")

        then:
        run.summary.exitCode() != 0
        run.out.contains("no vars file found (looked for ${dir}/roles/ssh/vars/Plan9.yml, ${dir}/Plan9.yml)")
    }

    Path write(String name, String text) {
        Path p = dir.resolve(name)
        Files.createDirectories(p.parent)
        Files.writeString(p, text)
        p
    }
}
