package io.gplay.tests

import spock.lang.AutoCleanup
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Logging in with a password and becoming root through sudo with a password, both kept in a vault file (or asked
 * with -k and -K), against a real sshd and sudo: a user made for the test, whose sudoers rule wants its password.
 * Neither password shows in any output nor in the host's process list.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available() || !PasswordUser.available()) },
        reason = 'needs openssh-server, sudo, and root to add a user')
class PasswordLoginSpec extends spock.lang.Specification {
    /** Quotes, a backslash, spaces and shell words: it travels as data or not at all. */
    static final String PASSWORD = 'Pw of "gplay" \\ it\'s; $HOME|x-7731'

    @Shared
    @AutoCleanup
    PasswordUser user = PasswordUser.available() ? new PasswordUser(PASSWORD) : null

    @TempDir
    Path work

    @AutoCleanup
    Sshd sshd

    Path inventory
    Path rootOnly

    def setup() {
        sshd = new Sshd(work.resolve('sshd')).allowPasswords().start()
        Path kh = work.resolve('known_hosts')
        kh.text = sshd.knownHostsLine() + '\n'
        inventory = work.resolve('hosts.yml')
        // no key file, no agent: the server knows no key of this user, the password is the only way in
        inventory.text = groovy.json.JsonOutput.toJson([all: [hosts: [h1: [ansible_host: '127.0.0.1',
                ansible_port: sshd.port, ansible_user: user.name, gplay_known_hosts: kh.toString()]]]])
        work.resolve('pw').text = 'vault password\n'
        // a directory only root can enter: reading (the probe shell) and writing there need become to work
        rootOnly = Files.createDirectories(work.resolve('root-only'))
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString('rwxr-xr-x'))
        Files.setPosixFilePermissions(rootOnly, java.nio.file.attribute.PosixFilePermissions.fromString('rwx------'))
        work.resolve('site.groovy').text = """\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false, become: true) {
        command 'whoami', argv: ['id', '-un'], register: 'who'
        command 'stdin after the password', argv: ['cat'], stdin: 'data for the command', register: 'fed'
        copy 'as root', dest: '${rootOnly.resolve('conf')}', content: 'root only\\n', mode: '0600'
        file 'read as root', path: '${rootOnly.resolve('conf')}', mode: '0600'
        debug 'show', msg: { "\${who.stdout} got '\${fed.stdout}'" }
        debug 'passwords', msg: { "the passwords: \${vars.ansible_password} \${vars.ansible_become_password}" }
    }
}
"""
    }

    Gplay.Run gplay(String input = '', String... args) {
        def pb = new ProcessBuilder(['setsid', '-w', Gplay.ROOT.resolve('bin/gplay').toString()] + args.toList())
                .directory(work.toFile())
        pb.environment().put('XDG_CACHE_HOME', work.resolve('cache').toString())
        pb.environment().put('NO_COLOR', '1')
        pb.environment().remove('SSH_AUTH_SOCK')
        def p = pb.start()
        def err = new StringBuilder()
        def t = Thread.start { err << p.errorStream.text }
        p.outputStream.withStream { it << input.getBytes('UTF-8') }
        def out = p.inputStream.getText('UTF-8')
        assert p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), 'gplay did not end within 120 s'
        t.join()
        new Gplay.Run(rc: p.exitValue(), out: out, err: err.toString())
    }

    void vaultFile(String login, String become) {
        work.resolve('secrets.yml').text = groovy.json.JsonOutput.toJson(
                [ansible_password: login, ansible_become_password: become]) + '\n'
        assert gplay('', 'vault', 'encrypt', '--vault-password-file', 'pw', 'secrets.yml').rc == 0
    }

    def "a password login and sudo with a password, both from a vault file, masked everywhere and never on argv"() {
        given:
        vaultFile(PASSWORD, PASSWORD)
        def watch = new ProcessWatch()

        when:
        def run = gplay('', 'run', 'site.groovy', '-i', inventory.toString(), '-e', '@secrets.yml',
                '--vault-password-file', 'pw', '-vvv', '--diff', '--report', "json=${work.resolve('r.jsonl')}")
        watch.close()

        then: 'logged in as the user, the commands ran as root with their own standard input'
        run.rc == 0
        run.out.contains("root got 'data for the command'")
        !run.out.contains('the passwords:') // a text made from a password is a secret as a whole
        Files.getOwner(rootOnly.resolve('conf')).name == 'root'
        rootOnly.resolve('conf').text == 'root only\n'

        and: 'neither in any output nor on the host'
        !(run.out + run.err + work.resolve('r.jsonl').text).contains(PASSWORD)
        watch.linesWith(PASSWORD).isEmpty()
        watch.linesWith('x-7731').isEmpty()

        and: 'the private directory of the password is gone'
        ['sh', '-c', "find /tmp -maxdepth 2 -user ${user.name} -name p"].execute().text.isEmpty()
    }

    def "-k and -K ask for the passwords; an empty become password is the login password, as in Ansible"() {
        when: 'no terminal (setsid): each is read as a line of standard input'
        def run = gplay("${PASSWORD}\n\n", 'run', 'site.groovy', '-i', inventory.toString(), '-k', '-K')

        then:
        run.rc == 0
        run.err.contains('SSH password: ')
        run.err.contains('BECOME password[defaults to SSH password]: ')
        run.out.contains("root got 'data for the command'")
        !(run.out + run.err).contains(PASSWORD)
    }

    def "a wrong become password fails the task at once and says so; a wrong login password makes the host unreachable"() {
        given:
        vaultFile(PASSWORD, 'not the password')

        when:
        long start = System.nanoTime()
        def wrongBecome = gplay('', 'run', 'site.groovy', '-i', inventory.toString(), '-e', '@secrets.yml',
                '--vault-password-file', 'pw')
        long seconds = (System.nanoTime() - start).intdiv(1_000_000_000L)

        then:
        wrongBecome.rc == 2
        wrongBecome.out.contains("sudo refused the become password for becoming root (ansible_become_password or"
                + " --ask-become-pass is wrong for the login user)")
        seconds < 60
        !wrongBecome.out.contains('not the password')

        when:
        vaultFile('not the login password', PASSWORD)
        def wrongLogin = gplay('', 'run', 'site.groovy', '-i', inventory.toString(), '-e', '@secrets.yml',
                '--vault-password-file', 'pw')

        then:
        wrongLogin.rc == 4
        wrongLogin.out.contains("authentication failed for ${user.name}@127.0.0.1")
        wrongLogin.out.contains('a password')
        !(wrongLogin.out + wrongLogin.err).contains('not the login password')
    }
}
