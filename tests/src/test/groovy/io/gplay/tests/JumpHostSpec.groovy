package io.gplay.tests

import groovy.yaml.YamlBuilder
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
 * Jump hosts against real OpenSSH sshd. The target listens on the loopback of a network namespace of its own,
 * which no connection from this machine's namespace reaches; the jump host's sshd runs inside that namespace
 * too, an {@code sshd -i} for each connection to a loopback port of this machine ({@link InetdRelay}): the jump
 * host is the only way in. No file of the user's ~/.ssh is read: the ssh config is given with --ssh-config or
 * gplay_ssh_config.
 */
@IgnoreIf(value = { Needs.skip(!JumpHostSpec.available()) },
        reason = 'needs root, iproute2 (ip netns), openssh-server and openssh-client')
class JumpHostSpec extends Specification {
    static final String USER = System.getProperty('user.name')

    @Shared @TempDir
    Path shared
    @Shared
    String netns = "gplayjump${ProcessHandle.current().pid()}"
    @Shared
    Sshd target
    @Shared
    Sshd jump
    @Shared
    InetdRelay relay
    @Shared
    Agent agent
    @TempDir
    Path work

    static boolean available() {
        USER == 'root' && Sshd.available() && Agent.available() && ['sh', '-c', 'command -v ip'].execute().waitFor() == 0
    }

    def setupSpec() {
        sh('ip', 'netns', 'add', netns)
        sh('ip', 'netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up')
        target = new Sshd(shared.resolve('target')).startIn(netns)
        jump = new Sshd(shared.resolve('jump'))
        relay = new InetdRelay(netns, jump.dir.resolve('sshd_config'), jump.dir.resolve('sshd.log'))
        agent = new Agent(shared.resolve('agent')).start()
        agent.add(jump.clientKey)
    }

    def cleanupSpec() {
        relay?.close()
        target?.close()
        agent?.close()
        ['sh', '-c', "ip netns pids ${netns} | xargs -r kill -9; ip netns del ${netns}"].execute().waitFor()
    }

    /** The known_hosts line of the jump host, as reached on the relay's port. */
    String jumpLine(String key = publicKey(jump.hostKeyPub)) {
        "[127.0.0.1]:${relay.port} ${key}"
    }

    String targetLine(String key = publicKey(target.hostKeyPub)) {
        "[127.0.0.1]:${target.port} ${key}"
    }

    static String publicKey(Path pub) {
        pub.text.trim().split(' ')[0..1].join(' ')
    }

    /** "ssh-ed25519 BASE64" of a key no server here has. */
    String strangerKey() {
        Path key = work.resolve("stranger${UUID.randomUUID()}")
        sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.toString())
        publicKey(Path.of("${key}.pub"))
    }

    Path knownHosts(String name, String... lines) {
        Path kh = work.resolve(name)
        kh.text = lines.join('\n') + '\n'
        kh
    }

    /**
     * The test's ssh config: aliases target and target2 behind bastion, behind behind a jump host that is down,
     * nowhere behind bastion on a port where nothing listens.
     */
    Path sshConfig(Path knownHosts, int downPort = 1) {
        Path cfg = work.resolve('ssh_config')
        cfg.text = """\
Host target target2 behind
  HostName 127.0.0.1
  Port ${target.port}
  IdentityFile ${target.clientKey}
Host target target2
  ProxyJump bastion
Host behind
  ProxyJump deadjump
Host bastion
  HostName 127.0.0.1
  Port ${relay.port}
  IdentityFile ${jump.clientKey}
Host deadjump
  HostName 127.0.0.1
  Port ${downPort}
Host nowhere
  HostName 127.0.0.1
  Port ${downPort}
  ProxyJump bastion
Host *
  User ${USER}
  IdentitiesOnly yes
  UserKnownHostsFile ${knownHosts}
"""
        cfg
    }

    Path inventory(Map<String, Map> hosts) {
        def yaml = new YamlBuilder()
        yaml([all: [hosts: hosts]])
        Path inv = work.resolve('inventory.yml')
        inv.text = yaml.toString()
        inv
    }

    Gplay.Run sshConnection(Path inventory, Map<String, String> env = [SSH_AUTH_SOCK: null], String... options) {
        Gplay.run(env, work, shared.resolve('cache'), (['exec', 'all', '-i', inventory.toString(), '-m', 'shell', '-a',
                'echo $SSH_CONNECTION'] + options.toList()) as String[])
    }

    /** What SSH_CONNECTION said on the host: the connection's "client-address port server-address port". */
    static String sshConnectionOf(Gplay.Run run, String host) {
        def m = run.out =~ /(?m)^${host} \| CHANGED \| .*\n\s+(.*)$/
        assert m.find(), "no output of ${host} in\n${run}"
        m.group(1)
    }

    static void sh(String... cmd) {
        def p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
        def out = p.inputStream.text
        if (p.waitFor() != 0) {
            throw new IllegalStateException("${cmd.join(' ')}: ${out}")
        }
    }

    def "the target accepts no direct connection: from this machine its port is closed"() {
        when:
        new Socket('127.0.0.1', target.port).close()

        then:
        thrown(ConnectException)
    }

    def "a host reached only through its jump host: by an alias of the ssh config, by ansible_ssh_common_args, by a ProxyCommand ssh -W"() {
        given:
        Path kh = knownHosts('known_hosts', jumpLine(), targetLine())
        def direct = [ansible_host: '127.0.0.1', ansible_port: target.port, ansible_user: USER, gplay_ssh_config: 'none',
                      ansible_ssh_private_key_file: target.clientKey.toString(), gplay_known_hosts: kh.toString()]
        def inv = inventory([
                target    : [:],
                target2   : [:],
                viaargs   : direct + [ansible_ssh_common_args: "-o ControlMaster=auto -o ProxyJump=${USER}@127.0.0.1:${relay.port}".toString()],
                viacommand: direct + [ansible_ssh_common_args: "-o ProxyCommand=\"ssh -F none -q -i ${jump.clientKey} -W %h:%p -p ${relay.port} ${USER}@127.0.0.1\"".toString()],
                direct    : direct])
        int before = relay.accepted.get()

        when: 'the aliases from --ssh-config; viaargs logs in to the jump host with the key ssh-agent holds'
        def run = sshConnection(inv, [SSH_AUTH_SOCK: agent.socket.toString()], '--ssh-config', sshConfig(kh).toString())

        then: 'each ran on the target, which the jump host connected to from inside the namespace'
        ['target', 'target2', 'viaargs', 'viacommand'].each {
            assert sshConnectionOf(run, it) ==~ /127\.0\.0\.1 \d+ 127\.0\.0\.1 ${target.port}/
        }

        and: 'target and target2 shared one connection to the jump host: three in all'
        relay.accepted.get() - before == 3

        and: 'the same address and port without the jump host is refused'
        run.out.contains("direct | UNREACHABLE | failed connecting to 127.0.0.1:${target.port}: Connection refused")
        run.rc == 4
    }

    def "known_hosts is checked on both hops: a wrong key for either refuses the host, naming the hop, and learns nothing"() {
        given:
        Path wrongJump = knownHosts('kh_wrong_jump', jumpLine(strangerKey()), targetLine())
        Path wrongTarget = knownHosts('kh_wrong_target', jumpLine(), targetLine(strangerKey()))
        String before = wrongJump.text + wrongTarget.text
        def inv = inventory([target : [gplay_known_hosts: wrongJump.toString()],
                             target2: [gplay_known_hosts: wrongTarget.toString()]])

        when:
        def run = sshConnection(inv, [SSH_AUTH_SOCK: null], '--ssh-config', sshConfig(wrongJump).toString(),
                '--accept-new-host-keys')

        then:
        run.rc == 4
        run.out.contains("target | UNREACHABLE | jump host bastion (${USER}@127.0.0.1:${relay.port}): HOST KEY"
                + " CHANGED for [127.0.0.1]:${relay.port}")
        run.out.contains("target2 | UNREACHABLE | HOST KEY CHANGED for [127.0.0.1]:${target.port}")
        wrongJump.text + wrongTarget.text == before
    }

    def "a jump host that is down fails the hosts behind it, naming the hop, while the others go on"() {
        given:
        int downPort = new ServerSocket(0).withCloseable { it.localPort }
        Path kh = knownHosts('known_hosts', jumpLine(), targetLine())
        def inv = inventory([behind: [:], bastion: [:], target: [:], nowhere: [:]])

        when:
        def run = sshConnection(inv, [SSH_AUTH_SOCK: null], '--ssh-config', sshConfig(kh, downPort).toString())

        then:
        run.rc == 4
        run.out.contains("behind | UNREACHABLE | jump host deadjump (${USER}@127.0.0.1:${downPort}): failed"
                + " connecting to 127.0.0.1:${downPort}: Connection refused")
        run.out.contains("nowhere | UNREACHABLE | failed connecting to 127.0.0.1:${downPort} through jump host bastion"
                + " (${USER}@127.0.0.1:${relay.port}): Connection refused")
        !sshConnectionOf(run, 'bastion').endsWith(" ${target.port}")
        sshConnectionOf(run, 'target') ==~ /127\.0\.0\.1 \d+ 127\.0\.0\.1 ${target.port}/
    }

    def "a connection lost with its jump host says so, and the next connection opens the jump host anew"() {
        given:
        Path kh = knownHosts('known_hosts', jumpLine(), targetLine())
        def hop = SshTarget.builder().name('bastion').address('127.0.0.1').port(relay.port).user(USER)
                .privateKey(jump.clientKey).knownHosts(kh).timeoutSeconds(5).build()
        def behind = SshTarget.builder().name('target').address('127.0.0.1').port(target.port).user(USER)
                .privateKey(target.clientKey).knownHosts(kh).timeoutSeconds(5).jump(hop).build()
        def first = SshConnection.open(behind)
        assert first.exec(Command.probe('true')).ok()
        int before = relay.accepted.get()

        when: "the jump host's sshd goes away"
        relay.dropSessions()
        first.exec(Command.probe('true'))

        then:
        def e = thrown(UnreachableException)
        e.message.startsWith('connection lost: ')
        e.message.endsWith("(through jump host bastion (${USER}@127.0.0.1:${relay.port}))")

        when:
        def again = SshConnection.open(behind)

        then:
        again.exec(Command.probe('true')).ok()
        relay.accepted.get() == before + 1

        cleanup:
        first?.close()
        again?.close()
    }
}
