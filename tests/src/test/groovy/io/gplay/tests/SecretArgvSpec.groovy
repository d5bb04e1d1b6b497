package io.gplay.tests

import spock.lang.AutoCleanup
import spock.lang.IgnoreIf
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

/**
 * A value from a vault never reaches a command line on the host, where `ps` shows it to every user: a command
 * takes it on standard input (stdin:), and one that would put it in its argv is refused before the run, or, when
 * only the host can tell, before the command runs. The host's process list is read in a loop all the while.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class SecretArgvSpec extends spock.lang.Specification {
    static final String SECRET = 'Argv-S3cret-4711 x'

    @TempDir
    Path work

    @AutoCleanup
    Sshd sshd

    Path inventory

    def setup() {
        sshd = new Sshd(work.resolve('sshd')).start()
        Path kh = work.resolve('known_hosts')
        kh.text = sshd.knownHostsLine() + '\n'
        inventory = work.resolve('hosts.yml')
        inventory.text = groovy.json.JsonOutput.toJson([all: [hosts: [h1: sshd.hostVars(kh)]]])
        work.resolve('pw').text = 'vault password\n'
        work.resolve('secrets.yml').text = "db_password: '${SECRET}'\n"
        assert gplay('vault', 'encrypt', '--vault-password-file', 'pw', 'secrets.yml').rc == 0
    }

    Gplay.Run gplay(String... args) {
        Gplay.run(work, work.resolve('cache'), args)
    }

    Gplay.Run play(String name, String text) {
        work.resolve(name).text = text
        gplay('run', name, '-i', inventory.toString(), '-e', '@secrets.yml', '--vault-password-file', 'pw')
    }

    def "a secret given on standard input reaches the program, and the host's process list never shows it"() {
        given:
        def watch = new ProcessWatch()

        when: 'the program holds it a while, as a long import with a password would'
        def run = play('site.groovy', """\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        command 'feed', argv: ['sh', '-c', 'IFS= read -r p; sleep 2; printf %s "\$p" | sha256sum'], stdin: { vars.db_password }, register: 'digest'
        shell 'shell feed', cmd: 'IFS= read -r p; sleep 1; printf %s "\$p" > ${work.resolve('fed')}', stdin: { vars.db_password }
        debug 'digest', msg: { digest.stdout }
    }
}
""")
        watch.close()

        then:
        run.rc == 0
        run.out.contains(MessageDigest.getInstance('SHA-256').digest(SECRET.getBytes('UTF-8')).encodeHex().toString())
        work.resolve('fed').text == SECRET
        watch.rounds > 10
        watch.linesWith('sleep 2').size() > 0 // the watch saw the task's processes
        watch.linesWith(SECRET).isEmpty()
        watch.linesWith('Argv-S3cret').isEmpty()
    }

    def "a command whose argv reads a vault value is refused before the run with its line and the fix"() {
        given:
        def watch = new ProcessWatch()

        when:
        def run = play('argv.groovy', """\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        command 'first', argv: ['touch', '${work.resolve('ran')}']
        command 'login', argv: { ['sh', '-c', 'echo \$1 > /dev/null', 'sh', vars.db_password] }
        shell 'import', cmd: { "mysql -p" + quote(vars.db_password) + " < dump.sql" }
    }
}
""")
        watch.close()

        then: 'both named, nothing run on the host'
        run.rc == 1
        run.err.contains("argv.groovy:4: argv reads 'db_password', a secret on host h1; on the command line `ps` would"
                + " show it to every user of the host: pass it on standard input instead (stdin: { vars.db_password },"
                + " read by the program)")
        run.err.contains("argv.groovy:5: cmd reads 'db_password', a secret on host h1")
        !Files.exists(work.resolve('ran'))
        !(run.out + run.err).contains(SECRET)
        watch.linesWith('Argv-S3cret').isEmpty()
    }

    def "a secret only the host's run can see in a command line is refused before that command runs"() {
        given:
        def watch = new ProcessWatch()

        when: 'a name made at run time, which no check before the run can follow'
        def run = play('late.groovy', """\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        shell 'leak', cmd: { "touch ${work.resolve('ran')}; echo " + quote(vars['db' + '_password']) }
        command 'after', argv: ['touch', '${work.resolve('after')}']
    }
}
""")
        watch.close()

        then: 'the closure read the secret: the task fails with its line and the fix; the host ran nothing of it'
        run.rc == 2
        run.out.contains("late.groovy:3: refused before it ran: cmd was computed by a closure that read a secret")
        run.out.contains("pass it on standard input instead (command and shell: stdin: { vars.NAME }, read by the"
                + " program)")
        !Files.exists(work.resolve('ran'))
        !Files.exists(work.resolve('after'))
        !(run.out + run.err).contains(SECRET)
        watch.linesWith('Argv-S3cret').isEmpty()
    }
}
