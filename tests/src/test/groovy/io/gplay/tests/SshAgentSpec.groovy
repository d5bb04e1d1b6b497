package io.gplay.tests

import io.gplay.engine.connection.Command
import io.gplay.engine.connection.SshConnection
import io.gplay.engine.connection.SshTarget
import io.gplay.engine.connection.UnreachableException
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Logins with keys that only a real ssh-agent holds (their files are deleted once added), against real sshd
 * servers on loopback: one with OpenSSH's default algorithms, and two that take RSA keys only as rsa-sha2-512
 * or only as rsa-sha2-256, so that a login there shows the agent signed with that hash.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available() || !Agent.available()) }, reason = 'needs openssh-server and openssh-client')
class SshAgentSpec extends Specification {
    @Shared @TempDir
    Path shared
    @Shared
    Agent agent
    /** authorized_keys lines of the agent's keys, by type. */
    @Shared
    Map<String, String> agentKeys = [:]
    @Shared
    Map<String, Sshd> servers = [:]
    @TempDir
    Path work

    def setupSpec() {
        agent = new Agent(shared.resolve('agent')).start()
        for (type in ['ed25519', 'rsa']) {
            Path key = shared.resolve("keys/id_${type}")
            Files.createDirectories(key.parent)
            sh('ssh-keygen', '-q', '-t', type, '-N', '', '-C', "agent-${type}", '-f', key.toString())
            agent.add(key)
            agentKeys[type] = Files.readString(Path.of("${key}.pub"))
            Files.delete(key)
            Files.delete(Path.of("${key}.pub"))
        }
        servers.default = new Sshd(shared.resolve('sshd-default')).start()
        for (alg in ['rsa-sha2-512', 'rsa-sha2-256']) {
            servers[alg] = new Sshd(shared.resolve("sshd-${alg}")).configure("PubkeyAcceptedAlgorithms ${alg}").start()
        }
    }

    def cleanupSpec() {
        servers.values()*.close()
        agent?.close()
    }

    /** Only these keys may log in to the server (sshd reads the file at each login). */
    static void authorize(Sshd sshd, String... lines) {
        Files.writeString(sshd.dir.resolve('authorized_keys'), lines.join(''))
    }

    Path knownHosts() {
        Path kh = work.resolve('known_hosts')
        Files.writeString(kh, servers.values()*.knownHostsLine().join('\n') + '\n')
        kh
    }

    SshTarget target(Sshd sshd, Path keyFile, Path agentSocket) {
        SshTarget.builder().address('127.0.0.1').port(sshd.port).user(System.getProperty('user.name'))
                .privateKey(keyFile).knownHosts(knownHosts()).timeoutSeconds(10).agentSocket(agentSocket).build()
    }

    def "a key held only by ssh-agent logs in and runs a command (#type on a server taking #server)"() {
        given:
        def sshd = servers[server]
        authorize(sshd, agentKeys[type])

        when:
        def result = SshConnection.open(target(sshd, null, agent.socket)).withCloseable {
            it.exec(Command.probe('echo logged in as $(id -un)'))
        }

        then:
        result.rc() == 0
        result.stdout() == "logged in as ${System.getProperty('user.name')}\n"

        where:
        type      | server
        'ed25519' | 'default'
        'rsa'     | 'default'
        'rsa'     | 'rsa-sha2-512'
        'rsa'     | 'rsa-sha2-256'
    }

    def "the agent's keys are offered after a key file the server refuses"() {
        given:
        def sshd = servers.default
        authorize(sshd, agentKeys.rsa)

        when:
        def result = SshConnection.open(target(sshd, sshd.clientKey, agent.socket)).withCloseable {
            it.exec(Command.probe('true'))
        }

        then:
        result.rc() == 0
    }

    def "without the agent the same login fails as unreachable: authentication failed (#why)"() {
        given:
        def sshd = servers.default
        authorize(sshd, agentKeys.ed25519)
        def user = System.getProperty('user.name')

        when:
        SshConnection.open(target(sshd, sshd.clientKey, agentSocket == null ? null : work.resolve(agentSocket)))

        then:
        def e = thrown(UnreachableException)
        e.message == "authentication failed for ${user}@127.0.0.1 (tried key ${sshd.clientKey}" + tail.replace('WORK', "${work}")

        where:
        why                | agentSocket | tail
        'no SSH_AUTH_SOCK' | null        | ')'
        'agent gone'       | 'gone.sock' | ', ssh-agent WORK/gone.sock (no answer: No such file or directory))'
    }

    def "bin/gplay logs in through the agent SSH_AUTH_SOCK names; without it the host is unreachable"() {
        given:
        def sshd = servers.default
        authorize(sshd, agentKeys.ed25519)
        Path inventory = work.resolve('inventory.yml')
        inventory.text = """\
all:
  hosts:
    h1:
      ansible_host: 127.0.0.1
      ansible_port: ${sshd.port}
      ansible_user: ${System.getProperty('user.name')}
      gplay_known_hosts: ${knownHosts()}
"""
        def exec = { Map<String, String> env ->
            Gplay.run(env, work, work.resolve('cache'), 'exec', 'all', '-i', inventory.toString(), '-a', 'true')
        }

        when:
        def withAgent = exec([SSH_AUTH_SOCK: agent.socket.toString()])
        def without = exec([SSH_AUTH_SOCK: null])

        then:
        withAgent.rc == 0
        without.rc == 4
        (without.out + without.err).contains('authentication failed')
    }

    static void sh(String... cmd) {
        def p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
        def out = p.inputStream.text
        if (p.waitFor() != 0) {
            throw new IllegalStateException("${cmd.join(' ')}: ${out}")
        }
    }
}
