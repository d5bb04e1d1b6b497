package io.gplay.dsl.build

import io.gplay.dsl.PlaybookRun
import io.gplay.engine.vault.SecretMask
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * A value a closure computed while it read a secret counts as a secret: masked wherever it is shown, refused on a
 * host's command line, whatever the closure made of the secret (upper case, base64, a part of it).
 */
class SecretTaintSpec extends Specification {
    @TempDir
    Path dir

    def "a base64 Basic header built from a secret is refused on the command line before the command runs"() {
        given: 'the secret reaches the header through a fact, which the plan cannot tell is secret'
        SecretMask.global().add('AppSecretValue-77')
        def ran = dir.resolve('ran')

        when:
        def run = PlaybookRun.of(dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    setFact 'credentials', login: { 'admin:' + vars.app_secret }
    command 'basic auth', argv: ['sh', '-c', 'touch $ran', { "Authorization: Basic " + vars.login.bytes.encodeBase64() }]
} }
""", [app_secret: 'AppSecretValue-77'])

        then:
        run.problems.isEmpty()
        run.summary.stats()['h1'].failed() == 1
        run.out.contains('p.groovy:3: refused before it ran')
        !ran.toFile().exists()
        !run.out.contains('YWRtaW46QXBwU2VjcmV0VmFsdWUtNzc=')
        !run.out.contains('AppSecretValue-77')
    }

    def "a command's argv computed by a closure that read a secret is refused before the task runs, however short"() {
        given:
        SecretMask.global().add('Short-Secret-1')
        def ran = dir.resolve('ran')

        when:
        def run = PlaybookRun.of(dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    setFact 'pin', pin: { vars.pw }
    command 'four letters', argv: ['sh', '-c', 'touch $ran', { vars.pin.take(4) }]
} }
""", [pw: 'Short-Secret-1'])

        then:
        run.problems.isEmpty()
        run.out.contains("p.groovy:3: refused before it ran: argv was computed by a closure that read a secret")
        run.summary.stats()['h1'].failed() == 1
        !ran.toFile().exists()
    }

    def "an upper-cased, a base64 and an exception's form of a secret are masked in the output"() {
        given:
        SecretMask.global().add('Sup3r&S3cret<XYZ>')

        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    debug 'upper', msg: { vars.pw.toUpperCase() }
    debug 'base64', msg: { vars.pw.bytes.encodeBase64().toString() }
    setFact 'lower', low: { vars.pw.toLowerCase() }
    debug 'through a fact', msg: { "fact: " + vars.low.reverse() }
    debug 'exception', msg: { throw new IllegalStateException("boom " + vars.pw.substring(2)) }, ignoreErrors: true
} }
''', [pw: 'Sup3r&S3cret<XYZ>'])

        then:
        !run.out.contains('SUP3R&S3CRET<XYZ>')
        !run.out.contains('U3VwM3ImUzNjcmV0PFhZWj4=')
        !run.out.contains('sup3r&s3cret<xyz>')
        !run.out.contains('>zyx<terc3s&r3pus')
        !run.out.contains('p3r&S3cret<XYZ>')
        run.out.count('********') >= 5
        run.summary.stats()['h1'].ignored() == 1
    }

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

    def "a fact set by a noLog setFact is a secret: masked when a later task shows it, refused on a command line"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    setFact 'token', tok: 'LiteralToken-31337', noLog: true
    debug 'show', msg: { "t=" + vars.tok }
    command 'on the line', argv: ['echo', { vars.tok.toLowerCase() }]
} }
''')

        then:
        !run.out.contains('LiteralToken-31337')
        run.out.contains('ok: [h1] => ********') // what the closure made of it is a secret as a whole
        run.out.contains('p.groovy:4: refused before it ran')
        !run.out.contains('literaltoken-31337')
    }

    def "reading the variables' names reads no secret; a lazy text that reads one is a secret"() {
        given:
        SecretMask.global().add('Lazy-Secret-5150')

        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    debug 'names', msg: { vars.keySet().findAll { it.startsWith('app_') }.sort().join(',') }
    debug 'lazy', msg: { "${-> vars.app_pw.toUpperCase()}" }
} }
''', [app_pw: 'Lazy-Secret-5150', app_user: 'admin'])

        then:
        run.out.contains('ok: [h1] => app_pw,app_user')
        !run.out.contains('LAZY-SECRET-5150')
    }
}
