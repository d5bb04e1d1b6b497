package io.gplay.dsl.build

import io.gplay.dsl.DslException
import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import io.gplay.engine.module.ModuleRegistry
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * A module's rules across its parameters (copy's content or src, file's src for a link...) are found with the
 * plan, by {@code run}, {@code --list-tasks} and {@code --syntax-check} alike, each at its line, before any host is
 * touched; a rule whose condition is a per-host value is checked on the host, when the task runs.
 */
class ParamRulesSpec extends Specification {
    @TempDir
    Path dir

    PlaybookLoader loader() {
        new PlaybookLoader(ModuleRegistry.load(), dir.resolve('cache'))
    }

    def "a task that breaks a rule fails the plan and --syntax-check with FILE:LINE; per-host values count as given"() {
        given:
        Path f = dir.resolve('rules.groovy')
        Files.writeString(f, '''\
playbook('r') {
    play('p', hosts: 'all') {
        copy dest: '/tmp/x'
        file '/tmp/l', state: 'link'
        lineinfile 'motd', path: '/etc/motd'
        iptables 'firewall', content: '*filter\\nCOMMIT\\n', rules: [[jump: 'ACCEPT']]
        fstab '/mnt/a', state: 'absent', mount: true
        file '/tmp/m', state: { vars.kind }
        copy 'per host', dest: '/tmp/y', content: { host }
        fstab '/mnt/b', uuidOf: { vars.disk }, fstype: 'xfs', mount: true
        file '/tmp/n', state: 'link', loop: ['a'], src: { item }
    }
}
''')
        def expected = [
                "${f}:3: copy: give 'content' or 'src'",
                "${f}:4: file: give 'src' when state is 'link'",
                "${f}:5: lineinfile: give 'line' when state is 'present' (the default)",
                "${f}:6: iptables: give only one of 'content' and 'rules'",
                "${f}:7: fstab: parameter 'state' must be 'present' when mount is true, got 'absent'",
        ]*.toString()

        when: 'the plan is built, as run and --list-tasks build it'
        loader().load(f)

        then:
        DslException built = thrown()
        built.problems() == expected

        when: '--syntax-check, which runs none of the playbook'
        loader().check(f)

        then:
        DslException checked = thrown()
        checked.problems() == expected
    }

    def "a rule whose condition is a per-host value fails the task on the host, and nothing is made"() {
        given:
        Path link = dir.resolve('link')

        when:
        def run = PlaybookRun.of(dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    file '${link}', state: { 'link' }
} }
""")

        then:
        run.problems == []
        run.out.contains("p.groovy:2: file: give 'src' when state is 'link'")
        run.summary.stats()['h1'].failed() == 1
        !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
    }
}
