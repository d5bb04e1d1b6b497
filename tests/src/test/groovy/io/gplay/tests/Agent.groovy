package io.gplay.tests

import java.nio.file.Files
import java.nio.file.Path

/** A real OpenSSH ssh-agent started by a test, listening on a socket of its own. */
class Agent implements Closeable {
    final Path dir
    final Path socket
    Process process

    Agent(Path dir) {
        this.dir = dir
        Files.createDirectories(dir)
        this.socket = dir.resolve('agent.sock')
    }

    static boolean available() {
        Files.isExecutable(Path.of('/usr/bin/ssh-agent')) && Files.isExecutable(Path.of('/usr/bin/ssh-add'))
    }

    Agent start() {
        // -D: stays in the foreground, so the test owns the process and stops it
        process = new ProcessBuilder('ssh-agent', '-D', '-a', socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve('agent.log').toFile()).start()
        long deadline = System.currentTimeMillis() + 10_000
        while (!Files.exists(socket)) {
            if (System.currentTimeMillis() > deadline || !process.alive) {
                throw new IllegalStateException("ssh-agent did not start: ${dir.resolve('agent.log').text}")
            }
            Thread.sleep(20)
        }
        this
    }

    /** Adds a private key file to the agent (the file may be deleted afterwards: the agent keeps the key). */
    void add(Path key) {
        def pb = new ProcessBuilder('ssh-add', key.toString()).redirectErrorStream(true)
        pb.environment().put('SSH_AUTH_SOCK', socket.toString())
        def p = pb.start()
        def out = p.inputStream.text
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ssh-add ${key}: ${out}")
        }
    }

    @Override
    void close() {
        process?.destroy()
        process?.waitFor()
        process = null
    }
}
