package io.gplay.tests

import java.nio.file.Files
import java.nio.file.Path
import java.util.regex.Pattern

/**
 * A program in a real terminal: a tmux server of its own (its own socket) with one pane, typed into with
 * send-keys and read with capture-pane, as a user at a terminal would. Waits poll the screen up to a deadline.
 */
class Tmux implements Closeable {
    static final String SESSION = 'term'
    final String socket = 'gplay-test-' + UUID.randomUUID().toString().substring(0, 8)
    final Path conf

    Tmux(Path dir) {
        conf = dir.resolve('tmux.conf')
        conf.text = 'set -g history-limit 50000\nset -g status off\n'
    }

    static boolean available() {
        System.getenv('PATH').split(File.pathSeparator).any { Files.isExecutable(Path.of(it, 'tmux')) }
    }

    /**
     * Starts the command in a new 250x50 terminal, {@code env} added to its environment. A shell waits for it
     * and shows its exit status: tmux alone does not always reap a pane's process promptly, and would then not
     * tell the status. (bash, as it lets its child handle Ctrl-C: it exits only if the child died of it.)
     */
    void start(Path dir, Map<String, String> env, List<String> command) {
        def argv = ['bash', '-c', 'env "$@"; echo "[exit status $?]"; exec sleep 3600', 'bash'] +
                env.collect { k, v -> "${k}=${v}".toString() } + command
        tmux(['new-session', '-d', '-s', SESSION, '-x', '250', '-y', '50', '-c', dir.toString()] + argv)
    }

    /** Keys by tmux name: Enter, Tab, C-c, C-d, C-u. */
    void keys(String... keys) {
        tmux(['send-keys', '-t', SESSION] + keys.toList())
    }

    /** Text typed as it is. */
    void type(String text) {
        tmux(['send-keys', '-t', SESSION, '-l', text])
    }

    /** Everything the terminal shows and has scrolled off, wrapped lines joined, trailing blanks dropped. */
    String screen() {
        tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', SESSION]).readLines()*.replaceAll(/\s+$/, '')
                .join('\n').replaceAll(/\n+$/, '')
    }

    /** The last line with something on it. */
    String lastLine() {
        screen().readLines().findAll { it }.with { it ? it.last() : '' }
    }

    /** The program's exit status once it has ended, else null. */
    Integer exitStatus() {
        def m = screen() =~ /(?m)^\[exit status (\d+)\]$/
        m.find() ? m.group(1) as int : null
    }

    /** Polls the screen until {@code ready} holds; fails with what the screen showed after {@code ms}. */
    String waitFor(String what, long ms = 20_000, Closure<Boolean> ready) {
        long deadline = System.currentTimeMillis() + ms
        while (true) {
            String s = screen()
            if (ready(s)) {
                return s
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no ${what} within ${ms} ms; the terminal shows:\n${s}".toString())
            }
            Thread.sleep(50)
        }
    }

    /** Lines of the screen matching a pattern. */
    static List<String> lines(String screen, Pattern p) {
        screen.readLines().findAll { it =~ p }
    }

    /** Ends the tmux server and what runs in it, and removes its socket. */
    @Override
    void close() {
        String path = null
        try {
            path = tmux(['display-message', '-p', '#{socket_path}']).trim()
            tmux(['kill-server'])
        } catch (IOException | IllegalStateException ignored) {
            // no tmux server left to end
        }
        if (path) {
            Files.deleteIfExists(Path.of(path))
        }
    }

    private String tmux(List<String> args) {
        def p = new ProcessBuilder(['tmux', '-L', socket, '-f', conf.toString()] + args).start()
        def err = new StringBuilder()
        def t = Thread.start { err << p.errorStream.text }
        def out = p.inputStream.text
        int rc = p.waitFor()
        t.join()
        if (rc != 0) {
            throw new IllegalStateException("tmux ${args.join(' ')}: rc=${rc} ${err}")
        }
        out
    }
}
