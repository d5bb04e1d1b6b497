package io.gplay.tests

import groovy.yaml.YamlBuilder
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** known_hosts as OpenSSH reads it: a host known under any key type is verified against those keys only. */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class HostKeySpec extends Specification {
    @Shared @TempDir
    Path shared
    @Shared
    Sshd rsaOnly
    @Shared
    Sshd twoKeys
    @TempDir
    Path work

    def setupSpec() {
        rsaOnly = new Sshd(shared.resolve('rsa'), ['rsa']).start()
        twoKeys = new Sshd(shared.resolve('two-keys'), ['ed25519', 'rsa']).start()
    }

    def cleanupSpec() {
        rsaOnly?.close()
        twoKeys?.close()
    }

    /** Runs a one-task playbook on one host, h1, on this sshd, with this known_hosts file. */
    Gplay.Run gplay(Sshd sshd, Path knownHosts, String... options) {
        def yaml = new YamlBuilder()
        yaml([all: [hosts: [h1: sshd.hostVars(knownHosts)]]])
        work.resolve('inventory.yml').text = yaml.toString()
        work.resolve('site.groovy').text = '''\
playbook('one') {
    play('p', hosts: 'all', gatherFacts: false) {
        command 'noop', argv: ['true']
    }
}
'''
        Gplay.run(work, work.resolve('cache'), (['run', 'site.groovy', '-i', 'inventory.yml'] + options.toList()) as String[])
    }

    /** The public half of an ed25519 key no server here has, as "ssh-ed25519 BASE64". */
    String strangerKey() {
        Path key = work.resolve('stranger')
        assert ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.toString()].execute().waitFor() == 0
        key.resolveSibling('stranger.pub').text.trim().split(' ')[0..1].join(' ')
    }

    def "a host known by an ed25519 key that now offers only an RSA key is refused, even with --accept-new-host-keys"() {
        given:
        Path kh = work.resolve('known_hosts')
        kh.text = "# a comment\n[127.0.0.1]:${rsaOnly.port} ${strangerKey()}\n"
        String before = kh.text

        when:
        def run = gplay(rsaOnly, kh, '--accept-new-host-keys')

        then: 'refused as OpenSSH does, naming the known line and the fix; nothing learned'
        run.rc == 4
        run.out.contains('fatal: [h1]: UNREACHABLE!')
        run.out.contains('HOST KEY CHANGED')
        run.out.contains("${kh}:2")
        run.out.contains("ssh-keygen -R '[127.0.0.1]:${rsaOnly.port}' -f ${kh}")
        kh.text == before
    }

    def "a host with two keys is verified with the one known, and the other is not learned"() {
        given:
        Path kh = work.resolve('known_hosts')
        kh.text = twoKeys.knownHostsLine() + '\n'

        when:
        def run = gplay(twoKeys, kh, '--accept-new-host-keys')

        then:
        run.rc == 0
        kh.text == twoKeys.knownHostsLine() + '\n'
    }
}
