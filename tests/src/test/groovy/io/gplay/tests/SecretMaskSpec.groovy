package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** A value read from a vault is shown nowhere gplay writes text: console at -v, diffs, reports, errors. */
class SecretMaskSpec extends Specification {
    static final String SECRET = 'pä ss; w0rd-4711'

    @TempDir
    Path work

    def "a vault value appears in no output channel, while the host gets it; a noLog task shows its status only"() {
        given:
        work.resolve('pw').text = 'vault password\n'
        work.resolve('secrets.yml').text = "db_password: '${SECRET}'\n"
        assert Gplay.run(work, work.resolve('cache'), 'vault', 'encrypt', '--vault-password-file', 'pw', 'secrets.yml').rc == 0
        assert !work.resolve('secrets.yml').text.contains(SECRET)
        work.resolve('site.groovy').text = """\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        debug 'show', msg: { "the password is \${vars.db_password}" }
        copy 'config', dest: '${work.resolve('app.conf')}', content: { "password=\${vars.db_password}\\n" }
        command 'echo', argv: ['cat'], stdin: { vars.db_password }
        command 'fail', argv: ['sh', '-c', 'IFS= read -r p; echo "refused: \$p" >&2; exit 3'], stdin: { vars.db_password }, ignoreErrors: true
        verify 'check', that: { false }, msg: { "expected \${vars.db_password}" }, ignoreErrors: true
        command 'hidden', argv: ['echo', 'no-vault-value-123'], noLog: true
        shell 'hidden failure', cmd: 'echo no-vault-error-456 >&2; exit 1', noLog: true, ignoreErrors: true
    }
}
"""

        when:
        def run = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', 'here,', '-c', 'local',
                '-e', '@secrets.yml', '--vault-password-file', 'pw', '-v', '--diff',
                '--report', "json=${work.resolve('r.jsonl')}", '--report', "junit=${work.resolve('r.xml')}",
                '--report', "html=${work.resolve('r.html')}")
        def audit = Gplay.run(work, work.resolve('cache'), 'audit', 'site.groovy', '-i', 'here,', '-c', 'local',
                '-e', '@secrets.yml', '--vault-password-file', 'pw', '-v')

        then: 'the host has it'
        run.rc == 0
        work.resolve('app.conf').text == "password=${SECRET}\n"

        and: 'no channel shows it, and the mask stands where it was'
        def channels = [run.out, run.err, audit.out, audit.err, work.resolve('r.jsonl').text, work.resolve('r.xml').text,
                        work.resolve('r.html').text]
        channels.every { !it.contains(SECRET) }
        run.out.contains('refused: ********')

        and: 'what a closure computed from it is a secret as a whole, and each of its lines'
        run.out.contains('ok: [here] => ********')
        !run.out.contains('the password is')
        run.out.contains('+********')
        !run.out.contains('+password=')

        and: 'a task marked noLog shows its status only, whatever its values'
        channels.every { !it.contains('no-vault-value-123') && !it.contains('no-vault-error-456') }
        run.out.contains('changed: [here] => the output has been hidden due to noLog: true')
        run.out.contains('failed: [here]: FAILED! => the output has been hidden due to noLog: true (ignored)')
    }
}
