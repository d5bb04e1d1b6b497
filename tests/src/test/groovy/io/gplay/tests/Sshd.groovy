package io.gplay.tests

import groovy.yaml.YamlBuilder

import java.nio.file.Files
import java.nio.file.Path

/**
 * A real OpenSSH sshd on loopback, started by a test with its own host key and an authorized client key.
 * Logins are as the user running the tests.
 */
class Sshd implements Closeable {
    final Path dir
    final int port
    final Path clientKey
    final Path hostKeyPub
    Process process

    /** {@code hostKeyTypes}: the host keys it offers (ssh-keygen's -t), the first one's is {@link #hostKeyPub}. */
    Sshd(Path dir, List<String> hostKeyTypes = ['ed25519']) {
        this.dir = dir
        Files.createDirectories(dir)
        this.port = freePort()
        this.clientKey = dir.resolve('id_ed25519')
        this.hostKeyPub = dir.resolve("host_${hostKeyTypes[0]}.pub")
        if (!Files.exists(clientKey)) {
            hostKeyTypes.each { sh('ssh-keygen', '-q', '-t', it, '-N', '', '-f', dir.resolve("host_${it}").toString()) }
            sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', clientKey.toString())
        }
        Files.copy(dir.resolve('id_ed25519.pub'), dir.resolve('authorized_keys'), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
        Files.writeString(dir.resolve('sshd_config'), """\
Port ${port}
ListenAddress 127.0.0.1
${hostKeyTypes.collect { "HostKey ${dir.resolve("host_${it}")}" }.join('\n')}
PidFile ${dir.resolve('sshd.pid')}
AuthorizedKeysFile ${dir.resolve('authorized_keys')}
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
LogLevel ERROR
""")
    }

    /**
     * An inventory of two hosts, h1 and h2 (group web), each on its own sshd with a known_hosts file beside the
     * inventory, each with its own folder as the variable {@code root}; {@code extra} adds variables per host.
     */
    static Path inventory(Path work, Sshd one, Sshd two, Map<String, Map> extra = [:]) {
        Path kh = work.resolve('known_hosts')
        if (!Files.exists(kh)) {
            kh.text = one.knownHostsLine() + '\n' + two.knownHostsLine() + '\n'
        }
        def hosts = [h1: one.hostVars(kh) + [root: work.resolve('h1').toString()] + (extra.h1 ?: [:]),
                     h2: two.hostVars(kh) + [root: work.resolve('h2').toString()] + (extra.h2 ?: [:])]
        def yaml = new YamlBuilder()
        yaml([all: [children: [web: [hosts: hosts]]]])
        Path inv = work.resolve('inventory.yml')
        inv.text = yaml.toString()
        inv
    }

    /** Adds a line to this server's sshd_config (before start), e.g. to allow only one cipher. */
    Sshd configure(String line) {
        Files.writeString(dir.resolve('sshd_config'), line + '\n', java.nio.file.StandardOpenOption.APPEND)
        this
    }

    /** Lets users log in with their password too (before start), as most servers do. */
    Sshd allowPasswords() {
        def config = dir.resolve('sshd_config')
        config.text = config.text.replace('PasswordAuthentication no', 'PasswordAuthentication yes')
        this
    }

    static boolean available() {
        Files.isExecutable(Path.of('/usr/sbin/sshd')) && Files.isExecutable(Path.of('/usr/bin/ssh-keygen'))
    }

    Sshd start() {
        Files.createDirectories(Path.of('/run/sshd'))
        process = new ProcessBuilder('/usr/sbin/sshd', '-D', '-e', '-f', dir.resolve('sshd_config').toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve('sshd.log').toFile()).start()
        long deadline = System.currentTimeMillis() + 10_000
        while (System.currentTimeMillis() < deadline) {
            try {
                new Socket('127.0.0.1', port).close()
                return this
            } catch (IOException ignored) {
                Thread.sleep(50)
            }
        }
        throw new IllegalStateException("sshd did not start: ${dir.resolve('sshd.log').text}")
    }

    /**
     * Starts it inside a network namespace (its loopback, so nothing outside the namespace reaches it); it is
     * up once it has written its pid file, which sshd does after binding its port.
     */
    Sshd startIn(String netns) {
        Files.createDirectories(Path.of('/run/sshd'))
        Files.deleteIfExists(dir.resolve('sshd.pid'))
        process = new ProcessBuilder('ip', 'netns', 'exec', netns, '/usr/sbin/sshd', '-D', '-e', '-f',
                dir.resolve('sshd_config').toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve('sshd.log').toFile()).start()
        long deadline = System.currentTimeMillis() + 10_000
        while (!Files.exists(dir.resolve('sshd.pid'))) {
            if (System.currentTimeMillis() > deadline || !process.alive) {
                throw new IllegalStateException("sshd did not start: ${dir.resolve('sshd.log').text}")
            }
            Thread.sleep(20)
        }
        this
    }

    void stop() {
        process?.destroy()
        process?.waitFor()
        process = null
    }

    /** The known_hosts line for this server. */
    String knownHostsLine() {
        def parts = hostKeyPub.text.trim().split(' ')
        "[127.0.0.1]:${port} ${parts[0]} ${parts[1]}"
    }

    /** Inventory variables that reach this server. */
    Map<String, Object> hostVars(Path knownHosts) {
        [ansible_host: '127.0.0.1', ansible_port: port, ansible_user: System.getProperty('user.name'),
         ansible_ssh_private_key_file: clientKey.toString(), gplay_known_hosts: knownHosts.toString()]
    }

    @Override
    void close() {
        stop()
    }

    private static int freePort() {
        new ServerSocket(0).withCloseable { it.localPort }
    }

    private static void sh(String... cmd) {
        def p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
        def out = p.inputStream.text
        if (p.waitFor() != 0) {
            throw new IllegalStateException("${cmd.join(' ')}: ${out}")
        }
    }
}
