package io.gplay.tests

import io.gplay.engine.connection.Command
import io.gplay.engine.connection.SshConnection
import io.gplay.engine.connection.SshTarget
import io.gplay.engine.connection.UnreachableException
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The modules' state reads share one shell per host (a channel each costs the host an sshd session and a login
 * shell); each read still gets exactly its own output, error and exit code, and everything else, a user's
 * read-only command included, runs on a channel of its own. Against a real sshd.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (bin/install-deps installs it)')
class ProbeShellSpec extends Specification {
    @Shared
    @TempDir
    Path work
    @Shared
    Sshd sshd
    SshConnection conn

    def setupSpec() {
        sshd = new Sshd(work.resolve('sshd')).start()
    }

    def cleanupSpec() {
        sshd?.close()
    }

    def setup() {
        Path known = work.resolve('known_hosts')
        known.text = sshd.knownHostsLine() + '\n'
        conn = SshConnection.open(SshTarget.builder().address('127.0.0.1').port(sshd.port)
                .user(System.getProperty('user.name')).privateKey(sshd.clientKey).knownHosts(known).timeoutSeconds(5)
                .build())
    }

    def cleanup() {
        conn?.close()
    }

    def "reads share one shell, and each gets its own output, error and exit code"() {
        when:
        def parent1 = conn.exec(Command.probe('echo $$'))
        def noNewline = conn.exec(Command.probe("printf 'no newline'"))
        def failed = conn.exec(Command.probe('echo out; echo err >&2; exit 3'))
        def big = conn.exec(Command.probe("head -c 1000000 /dev/zero | tr '\\0' x"))
        def quoted = conn.exec(Command.probe("printf '%s\\n' \"it's\" '\$HOME'"))
        def parent2 = conn.exec(Command.probe('echo $$'))
        def change = conn.exec(Command.change('echo $$'))

        then: 'one shell ran the reads, a change ran elsewhere'
        parent1.stdout() == parent2.stdout()
        change.stdout() != parent1.stdout()

        and:
        noNewline.stdout() == 'no newline' && noNewline.stderr() == '' && noNewline.rc() == 0
        failed.stdout() == 'out\n' && failed.stderr() == 'err\n' && failed.rc() == 3
        big.stdout().length() == 1_000_000 && big.stdout() ==~ /x+/
        quoted.stdout() == "it's\n\$HOME\n"
    }

    def "a read given lines of input (a become password) gets them in the same shell, on no command line"() {
        given:
        String shell = conn.exec(Command.probe('echo $$')).stdout()

        when:
        def fed = conn.exec(new Command('IFS= read -r a; IFS= read -r b; echo "$$ [$a] [$b]"',
                "it's \$HOME; `x`\nsecond\n".getBytes('UTF-8'), true, true))
        def after = conn.exec(Command.probe('cat; echo "$$ done"'))

        then: 'in the shell of the reads, as written; the next read has no input left over'
        fed.stdout() == shell.trim() + " [it's \$HOME; `x`] [second]\n"
        after.stdout() == shell.trim() + ' done\n'
    }

    def "what a read does to its shell (variables, cd, exit, a syntax error) stays in that read"() {
        given:
        String shell = conn.exec(Command.probe('echo $$')).stdout()
        String home = conn.exec(Command.probe('echo "$PWD"')).stdout()

        when:
        def exited = conn.exec(Command.probe('x=set; cd /tmp; set -e; exit 7'))
        def broken = conn.exec(Command.probe('if then'))
        def next = conn.exec(Command.probe('echo "$$ $PWD ${x:-unset}"; false; echo after-false'))

        then:
        exited.rc() == 7
        broken.rc() == 2 && broken.stderr().contains('then')
        next.stdout() == "${shell.strip()} ${home.strip()} unset\nafter-false\n"
    }

    def "a read that ends the shared shell still gets its answer, and the next read gets a new shell"() {
        given:
        String before = conn.exec(Command.probe('echo $$')).stdout()

        when: 'a read kills the shell it runs in (the shared one only: on a channel the shell is the login shell, with -c)'
        def r = conn.exec(Command.probe('if [ "$(tr \'\\0\' . </proc/$$/cmdline)" = /bin/sh. ]; then kill -9 $$; fi; echo answered'))
        String after = conn.exec(Command.probe('echo $$')).stdout()

        then:
        r.stdout() == 'answered\n'
        r.rc() == 0
        after != before
        after ==~ /\d+\n/
    }

    def "a user's read-only command runs on its own channel: what it leaves running cannot write into the next read"() {
        when:
        String shared = conn.exec(Command.probe('echo $$')).stdout()
        def user = conn.exec(new Command('echo $$; (sleep 0.3; echo stray) &', null, true))
        def next = conn.exec(Command.probe('echo next'))

        then:
        user.stdout().readLines()[0] + '\n' != shared
        user.stdout().contains('stray')
        next.stdout() == 'next\n'
    }

    def "closing the connection ends a read in progress at once, as Ctrl-C does"() {
        given:
        conn.exec(Command.probe('true'))
        def closer = Thread.start {
            sleep(500)
            conn.close()
        }

        when:
        long t0 = System.nanoTime()
        conn.exec(Command.probe('sleep 20'))

        then:
        thrown(UnreachableException)
        (System.nanoTime() - t0) / 1_000_000_000 < 10

        cleanup:
        closer.join()
    }

    def "an open connection costs one thread (its reader): keepalives for all connections share one"() {
        given: 'the shared threads already started by the connection of setup'
        conn.exec(Command.probe('true'))
        int before = Thread.activeCount()

        when:
        def more = (1..20).collect {
            SshConnection.open(SshTarget.builder().address('127.0.0.1').port(sshd.port)
                    .user(System.getProperty('user.name')).privateKey(sshd.clientKey)
                    .knownHosts(work.resolve('known_hosts')).timeoutSeconds(5).build())
        }
        more.each { it.exec(Command.probe('true')) }
        int grown = Thread.activeCount() - before

        then: 'a reader thread each, and nothing a connection besides (sshj alone would add a keepalive thread each)'
        grown <= 20 + 2

        cleanup:
        more*.close()
    }
}
