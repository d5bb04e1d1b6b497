package io.gplay.tests

import java.nio.file.Files
import java.nio.file.Path

/** Runs bin/gplay as a user would, with its own compile cache, and keeps what it printed. */
class Gplay {
    static final Path ROOT = Path.of(System.getProperty('gplay.root', '..')).toAbsolutePath().normalize()

    static class Run {
        int rc
        String out
        String err

        /**
         * What failed first (a long output is often shown cut short in its middle), then the whole output.
         */
        String toString() {
            def failures = []
            String task = null
            (out ?: '').readLines().each {
                if (it.startsWith('TASK [')) {
                    task = it.replaceAll(/ \*+$/, '')
                } else if (it =~ /^(fatal|failed): |^\S+ \| FAILED|^gplay: /) {
                    failures << (task ? "${task} ${it}" : it)
                }
            }
            "rc=${rc}\n" + (failures ? "--- failures\n${failures.take(20).join('\n')}\n" : '') +
                    "--- stderr\n${err}\n--- stdout\n${out}"
        }

        /** The recap line's counters for a host, e.g. [ok: 3, changed: 1, ...]. */
        Map<String, Integer> recap(String host) {
            def line = out.readLines().find { it.startsWith(host + ' ') && it.contains('ok=') }
            assert line, "no recap line for ${host} in:\n${out}"
            (line =~ /(\w+)=(\d+)/).collect { [it[1], it[2] as int] }.collectEntries()
        }
    }

    static Run run(Path workDir, Path cache, String... args) {
        exec([ROOT.resolve('bin/gplay').toString()] + args.toList(), workDir, cache)
    }

    /** As {@link #run(Path, Path, String...)}, with these environment variables set (a null value unsets one). */
    static Run run(Map<String, String> env, Path workDir, Path cache, String... args) {
        exec([ROOT.resolve('bin/gplay').toString()] + args.toList(), workDir, cache, env)
    }

    /** Runs a command line as gplay runs in the tests (own compile cache, no colour), keeping what it printed. */
    static Run exec(List<String> cmd, Path workDir = null, Path cache = null, Map<String, String> env = [:]) {
        launch(cmd, workDir, cache, env).finish()
    }

    /** bin/gplay started and still running, for a test that acts on it meanwhile (Ctrl-C, say). */
    static Started start(Path workDir, Path cache, String... args) {
        start([:], workDir, cache, args)
    }

    /** As {@link #start(Path, Path, String...)}, with these environment variables set. */
    static Started start(Map<String, String> env, Path workDir, Path cache, String... args) {
        launch([ROOT.resolve('bin/gplay').toString()] + args.toList(), workDir, cache, env)
    }

    static class Started {
        Process process
        private Thread errReader
        private StringBuilder err
        private Thread outReader
        private final StringBuffer out = new StringBuffer()

        /** Waits, at most this many seconds, until gplay has printed {@code text}: past its start-up, at a task. */
        void awaitOut(String text, int seconds) {
            long deadline = System.currentTimeMillis() + seconds * 1000L
            while (!out.toString().contains(text) && process.alive && System.currentTimeMillis() < deadline) {
                Thread.sleep(50)
            }
            assert out.toString().contains(text), "gplay had not printed '${text}' after ${seconds} s: ${out}"
        }

        /** Sends SIGINT, as Ctrl-C in a terminal does, or another signal (TERM, say). */
        void interrupt(String signal = 'INT') {
            assert ['kill', "-${signal}", process.pid().toString()].execute().waitFor() == 0
        }

        Run finish() {
            int rc = process.waitFor()
            outReader.join()
            errReader.join()
            new Run(rc: rc, out: out.toString(), err: err.toString())
        }

        /** As {@link #finish()}, failing (and ending gplay) when it has not ended within this many seconds. */
        Run finishWithin(int seconds) {
            if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach { it.destroyForcibly() }
                process.destroyForcibly()
                assert false, "gplay had not ended after ${seconds} s"
            }
            finish()
        }
    }

    private static Started launch(List<String> cmd, Path workDir, Path cache, Map<String, String> env) {
        def pb = new ProcessBuilder(cmd)
        env.each { k, v -> v == null ? pb.environment().remove(k) : pb.environment().put(k, v) }
        if (workDir) {
            pb.directory(workDir.toFile())
        }
        if (cache) {
            pb.environment().put('XDG_CACHE_HOME', cache.toString())
        }
        if (!env.containsKey('XDG_STATE_HOME')) {
            // pending handlers: none carried from one run to the next unless a test says where, none in the real home
            Path state = Files.createTempDirectory('gplay-state')
            state.toFile().deleteOnExit()
            pb.environment().put('XDG_STATE_HOME', state.toString())
        }
        pb.environment().put('NO_COLOR', '1')
        def p = pb.start()
        def err = new StringBuilder()
        def t = Thread.start { err << p.errorStream.text }
        def started = new Started(process: p, errReader: t, err: err)
        started.outReader = Thread.start {
            // as it comes, so a test can wait for a line (awaitOut)
            p.inputStream.withReader('UTF-8') { r ->
                char[] buf = new char[8192]
                for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                    started.out.append(buf, 0, n)
                }
            }
        }
        started
    }
}
