package io.gplay.tests

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * A container that podman runs for a spec, over this machine's own root mounted as an overlay (nothing written
 * inside reaches this machine), so that no image is pulled; and podman's Docker-compatible API on a socket, for
 * the docker client. Every wait is bounded, and {@link #close} removes both.
 */
class Podman implements Closeable {
    final String name = 'gplay-test-' + UUID.randomUUID().toString().take(8)
    private Process api

    /** Rootful podman with runc: what bin/install-deps installs. */
    static boolean available() {
        onPath('podman') && onPath('runc') && System.getProperty('user.name') == 'root'
    }

    static boolean onPath(String program) {
        System.getenv('PATH').split(':').any { Files.isExecutable(Path.of(it, program)) }
    }

    Podman start() {
        // runc: Debian's crun refuses a cgroup v1 host whose v2 hierarchy holds a controller ("cgroups in hybrid
        // mode not supported"). The limits: podman's defaults lie above a CI machine's hard limits, which a
        // container may not raise.
        def r = run('podman', '--runtime', 'runc', 'run', '-d', '--name', name, '--hostname', 'gplay-box',
                '--network', 'none', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024',
                '--rootfs', '/:O', 'sleep', 'infinity')
        assert r.rc == 0, "podman run failed: ${r.err}"
        this
    }

    /** Starts podman's Docker-compatible API on a socket in {@code dir}; its DOCKER_HOST value. */
    String dockerApi(Path dir) {
        Path socket = dir.resolve('podman.sock')
        api = new ProcessBuilder('podman', 'system', 'service', '--time=0', "unix://${socket}")
                .redirectErrorStream(true).redirectOutput(dir.resolve('podman-api.log').toFile()).start()
        long deadline = System.currentTimeMillis() + 10_000
        while (!Files.exists(socket) && System.currentTimeMillis() < deadline && api.alive) {
            sleep(50)
        }
        assert Files.exists(socket), "podman system service did not listen: ${dir.resolve('podman-api.log').text}"
        "unix://${socket}"
    }

    /** {@code podman exec} in the container, for what a user would check there. */
    Gplay.Run exec(String... argv) {
        run(['podman', 'exec', name] + argv.toList())
    }

    private static Gplay.Run run(List<String> argv) {
        def p = new ProcessBuilder(argv).start()
        def out = new StringBuilder()
        def err = new StringBuilder()
        def readers = [Thread.start { out << p.inputStream.text }, Thread.start { err << p.errorStream.text }]
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly()
            assert false, "${argv} had not ended after 30 s"
        }
        readers*.join()
        new Gplay.Run(rc: p.exitValue(), out: out.toString(), err: err.toString())
    }

    private static Gplay.Run run(String... argv) {
        run(argv.toList())
    }

    @Override
    void close() {
        run('podman', 'rm', '-f', '-t', '0', name)
        if (api) {
            api.destroy()
            api.waitFor(10, TimeUnit.SECONDS)
        }
    }
}
