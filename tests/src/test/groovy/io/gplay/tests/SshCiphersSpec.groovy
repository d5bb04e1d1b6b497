package io.gplay.tests

import io.gplay.engine.connection.Command
import io.gplay.engine.connection.SshConnection
import io.gplay.engine.connection.SshTarget
import io.gplay.engine.connection.UnreachableException
import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * gplay offers OpenSSH's default ciphers plus AES-CBC: a real sshd that allows only one of them is reached,
 * and one that allows only a cipher gplay does not offer is refused with a message that says so.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (bin/install-deps installs it)')
class SshCiphersSpec extends Specification {
    @TempDir
    Path work

    def "a server that allows only #cipher is reached"() {
        given:
        def sshd = server(cipher)

        when:
        def conn = SshConnection.open(target(sshd))
        def r = conn.exec(Command.probe('echo reached'))
        conn.close()

        then:
        r.stdout() == 'reached\n'

        cleanup:
        sshd.close()

        where:
        cipher << ['chacha20-poly1305@openssh.com', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr',
                   'aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'aes128-cbc', 'aes256-cbc']
    }

    def "a server that allows only 3des-cbc is unreachable, and the message says no cipher was agreed"() {
        given:
        def sshd = server('3des-cbc')

        when:
        SshConnection.open(target(sshd))

        then:
        def e = thrown(UnreachableException)
        e.message.toLowerCase().contains('cipher')

        cleanup:
        sshd.close()
    }

    private Sshd server(String cipher) {
        new Sshd(work.resolve(cipher.replaceAll(/\W/, '_'))).configure("Ciphers ${cipher}").start()
    }

    private SshTarget target(Sshd sshd) {
        Path known = sshd.dir.resolve('known_hosts')
        known.text = sshd.knownHostsLine() + '\n'
        SshTarget.builder().address('127.0.0.1').port(sshd.port).user(System.getProperty('user.name'))
                .privateKey(sshd.clientKey).knownHosts(known).timeoutSeconds(5).build()
    }
}
