package io.gplay.dsl

import io.gplay.engine.vault.SecretMask
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** A secret on a host's command line is refused before the run where the plan can tell. */
class SecretTaintSpec extends Specification {
    @TempDir
    Path dir

    def "a closure in argv that reads a secret of the inventory is refused before the run, with its line"() {
        given:
        SecretMask.global().add('ArgvSecret-4242')
        def changed = dir.resolve('changed')

        when:
        def run = PlaybookRun.of(dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    command 'change', argv: ['touch', '$changed']
    command 'argv-secret', argv: ['echo', { vars.app_secret }]
    command 'argv-derived', argv: ['echo', { vars.app_secret.toUpperCase() }]
} }
""", [app_secret: 'ArgvSecret-4242'])

        then:
        run.problems.any { it.startsWith("p.groovy:3: argv reads 'app_secret'") }
        run.problems.any { it.startsWith("p.groovy:4: argv reads 'app_secret'") }
        run.summary == null
        !changed.toFile().exists()
    }
}
