package io.gplay.tests

import spock.lang.IgnoreIf
import spock.lang.Isolated

import java.nio.file.Files
import java.nio.file.Path
import java.util.regex.Pattern

/**
 * bin/gplay repl in a real terminal (tmux), typed into as a user would, against real OpenSSH sshd servers on
 * loopback: module calls and their per-host results, timing and kept connections, Tab completion, Ctrl-C,
 * multi-line input, check mode in the prompt, :quit and Ctrl-D.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available() || !Tmux.available()) }, reason = 'needs tmux and openssh-server (bin/install-deps installs them)')
@Isolated('its prompts come back within seconds of a key: no spec runs beside it')
class ReplTmuxSpec extends TwoSshdSpec {
    static final Pattern PROMPT = ~/^gplay \[.*\]>$/
    static final Pattern ANY_PROMPT = ~/^gplay \[.*\]>/
    static final Pattern TIMING = ~/^\((\d+) ms, (.+)\)$/

    Tmux term
    /** Remote commands a feature started and may have left running, by the exact command line. */
    List<String> leftovers = []

    def cleanup() {
        if (term != null) {
            println "--- ${specificationContext.currentIteration.displayName}: the terminal showed\n${term.screen()}"
        }
        term?.close()
        leftovers.each { line -> remote(line)*.destroy() }
    }

    /** Two hosts, each on its own sshd, each with its own folder (the variable root). */
    Path inventory(Map<String, Map> extra = [:]) {
        ['h1', 'h2'].each { Files.createDirectories(work.resolve(it)) }
        super.inventory(extra)
    }

    /** Starts the console in a terminal and waits for its first prompt. */
    void repl(String... args) {
        term = new Tmux(work)
        term.start(work, [XDG_CACHE_HOME: work.resolve('cache').toString(), NO_COLOR: '1',
                          GPLAY_JAVA_OPTS: "-Duser.home=${work}".toString()],
                [Gplay.ROOT.resolve('bin/gplay').toString(), 'repl', '-i', inventory().toString()] + args.toList())
        term.waitFor('first prompt', 30_000) { prompts(it) == 1 && atPrompt(it) }
    }

    static int prompts(String screen) {
        Tmux.lines(screen, ANY_PROMPT).size()
    }

    static boolean atPrompt(String screen) {
        screen.readLines().findAll { it }.with { it && it.last() ==~ PROMPT }
    }

    /** Types a line and Enter, waits for the next prompt, and returns what the line printed. */
    String enter(String line, long ms = 20_000) {
        int before = prompts(term.screen())
        term.type(line)
        term.keys('Enter')
        String s = term.waitFor("prompt after '${line}'", ms) { prompts(it) > before && atPrompt(it) }
        printed(s, line)
    }

    /** The lines between the last prompt (or continuation prompt) showing {@code line} and the next prompt. */
    static String printed(String screen, String line) {
        def lines = screen.readLines()
        int start = lines.findLastIndexOf { it =~ ANY_PROMPT && it.endsWith(']> ' + line) || it == '... ' + line }
        assert start >= 0: "'${line}' is not on the screen:\n${screen}"
        int end = lines.findIndexOf(start + 1) { it =~ ANY_PROMPT }
        assert end > start: "no prompt after '${line}':\n${screen}"
        lines.subList(start + 1, end).join('\n')
    }

    static List<String> timings(String printed) {
        Tmux.lines(printed, TIMING)
    }

    static long ms(String timing) {
        (timing =~ TIMING)[0][1] as long
    }

    /** Processes on this machine (where both sshd hosts are) that run exactly {@code line}. */
    static List<ProcessHandle> remote(String line) {
        List<String> argv = line.split(' ').toList()
        ProcessHandle.allProcesses().filter { ph ->
            def info = ph.info()
            info.command().map { it.endsWith('/' + argv[0]) }.orElse(false) &&
                    info.arguments().map { it.toList() == argv.tail() }.orElse(false)
        }.toList()
    }

    /** True when no process runs {@code line} any more, within 5 s (a process just killed is still listed a moment). */
    static boolean gone(String line) {
        long deadline = System.currentTimeMillis() + 5_000
        while (!remote(line).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20)
        }
        remote(line).isEmpty()
    }

    def "module calls run on both hosts over SSH, per-host results on screen; the second call opens no connection"() {
        given:
        repl()

        expect: 'the prompt names the targets and their number'
        term.lastLine() == 'gplay [all (2 hosts)]>'

        when: 'a module call with a per-host value'
        String made = enter("file 'made', path: { \"\${vars.root}/made\" }, state: 'directory'")

        then:
        made.contains("h1 | CHANGED | create directory ${work}/h1/made")
        made.contains("h2 | CHANGED | create directory ${work}/h2/made")
        Files.isDirectory(work.resolve('h1/made'))
        Files.isDirectory(work.resolve('h2/made'))
        timings(made).size() == 1
        timings(made)[0].endsWith(', 2 new connections)')

        when: 'the next calls on the same hosts'
        String hostname = enter("command 'hostname'")
        List<Long> reused = (1..3).collect { ms(timings(enter("command 'true'"))[0]) }

        then:
        hostname.contains('h1 | CHANGED | run: hostname')
        hostname.contains('h2 | CHANGED | run: hostname')
        hostname.readLines().count { it.startsWith('    ') } == 2  // each host's output, indented
        timings(hostname)[0].endsWith(', no new connection)')

        when: 'the same command as a fresh gplay exec: a new JVM and a new SSH handshake per host'
        long t0 = System.nanoTime()
        def exec = Gplay.run(work, work.resolve('cache'), 'exec', 'all', '-i', work.resolve('inventory.yml').toString(), '-a', 'true')
        long execMs = (System.nanoTime() - t0).intdiv(1_000_000)
        println "console: first call ${ms(timings(made)[0])} ms (2 new connections), " +
                "then ${reused.join(', ')} ms (no new connection); fresh gplay exec: ${execMs} ms"

        then:
        exec.rc == 0
        exec.out.contains('h1 | CHANGED | run: true')
        reused.min() < execMs
    }

    def "Tab completes module names, parameter names and their choices, and lists candidates"() {
        given:
        repl()

        when: 'a partial module name'
        term.type('lin')
        term.keys('Tab')

        then:
        term.waitFor('lineinfile completed') { it.readLines().last() =~ /]> lineinfile$/ }

        when: 'a partial parameter name, twice'
        term.type("'greet', path: { \"\${vars.root}/greeting\" }, li")
        term.keys('Tab')
        term.waitFor('line: completed') { it.readLines().last().endsWith(', line:') }
        term.type(" 'hello', cre")
        term.keys('Tab')
        term.waitFor('create: completed') { it.readLines().last().endsWith(", line: 'hello', create:") }
        int before = prompts(term.screen())
        term.type(' true')
        term.keys('Enter')
        String s = term.waitFor('prompt after lineinfile') { prompts(it) > before && atPrompt(it) }

        then: 'the completed line runs'
        printed(s, "lineinfile 'greet', path: { \"\${vars.root}/greeting\" }, line: 'hello', create: true").contains('h1 | CHANGED | ')
        work.resolve('h1/greeting').text == 'hello\n'
        work.resolve('h2/greeting').text == 'hello\n'

        when: 'a prefix several modules share'
        term.type('co')
        term.keys('Tab')

        then: 'the candidates are listed under the line'
        term.waitFor('candidates') { it.readLines().any { l -> l =~ /\bcommand\s+copy\b/ } }

        when: 'a choice of a parameter, in the quote the user opened'
        term.keys('C-u')
        term.waitFor('line cleared') { atPrompt(it) }
        term.type("file 'd', path: { \"\${vars.root}/d\" }, state: 'di")
        term.keys('Tab')

        then: 'the choice is completed and its quote closed'
        term.waitFor('directory completed') { it.readLines().last().endsWith("state: 'directory'") }

        when: 'a command'
        term.keys('C-u')
        term.waitFor('line cleared') { atPrompt(it) }
        term.type(':ch')
        term.keys('Tab')

        then:
        term.waitFor(':check completed') { it.readLines().last().endsWith(']> :check') }
    }

    def "Ctrl-C cancels a long command on the hosts and Groovy code; the prompt comes back at once and the console goes on"() {
        given:
        repl()
        enter("command 'true'")
        String sleep = "sleep 30.${100 + new Random().nextInt(900)}"
        leftovers << sleep

        when: 'a long command runs on both hosts'
        int before = prompts(term.screen())
        term.type("command '${sleep}'")
        term.keys('Enter')
        long deadline = System.currentTimeMillis() + 20_000
        while (remote(sleep).size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50)
        }
        int started = remote(sleep).size()
        long t0 = System.nanoTime()
        term.keys('C-c')
        String s = term.waitFor('prompt after Ctrl-C', 5_000) { prompts(it) > before && atPrompt(it) }
        long back = (System.nanoTime() - t0).intdiv(1_000_000)
        println "Ctrl-C: the prompt came back after ${back} ms"

        then: 'it had started on both, is cancelled within seconds, and runs no more on either host'
        started == 2
        back < 5_000
        printed(s, "command '${sleep}'") =~ /interrupted after \d+ ms; the hosts' connections were closed, commands running there were sent SIGTERM/
        !printed(s, "command '${sleep}'").contains('(no new connection)')
        gone(sleep)

        when: 'the next command'
        String again = enter("command 'echo still here'")

        then: 'runs on both hosts, over new connections'
        again.contains('h1 | CHANGED | run: echo still here')
        again.contains('h2 | CHANGED | run: echo still here')
        again.contains('    still here')
        timings(again)[0].endsWith(', 2 new connections)')

        when: 'Groovy code that would run for a minute'
        before = prompts(term.screen())
        term.type("println 'sleeping'; Thread.sleep(60000)")
        term.keys('Enter')
        term.waitFor('the code to run') { it.readLines().last() == 'sleeping' }
        t0 = System.nanoTime()
        term.keys('C-c')
        s = term.waitFor('prompt after Ctrl-C', 5_000) { prompts(it) > before && atPrompt(it) }
        back = (System.nanoTime() - t0).intdiv(1_000_000)

        then:
        back < 5_000
        printed(s, "println 'sleeping'; Thread.sleep(60000)").readLines()*.trim().contains('interrupted')
        !printed(s, "println 'sleeping'; Thread.sleep(60000)").contains('error')
        enter('1 + 1').contains('=> 2')
    }

    def "multi-line input, variables, check mode in the prompt, retargeting, history and :quit"() {
        given:
        repl()

        when: 'a variable, then a block over two more lines'
        String names = enter("names = ['a', 'b']")
        term.type('names.each { n ->')
        term.keys('Enter')
        term.waitFor('continuation prompt') { it.readLines().last() == '...' }
        term.type("file \"dir \$n\", path: { \"\${vars.root}/\$n\" }, state: 'directory'")
        term.keys('Enter')
        term.waitFor('continuation prompt') { it.readLines().last() == '...' }
        String block = enter('}')

        then: 'the block runs once it is closed: both module calls on both hosts'
        names.contains('=> [a, b]')
        ['h1', 'h2'].every { h -> ['a', 'b'].every { n -> block.contains("${h} | CHANGED | create directory ${work}/${h}/${n}") } }
        Files.isDirectory(work.resolve('h2/b'))

        when: 'check mode toggled on'
        enter(':check')

        then: 'the prompt shows it, and a module call changes nothing'
        term.lastLine() == 'gplay [all (2 hosts) CHECK]>'
        enter("file 'never', path: { \"\${vars.root}/never\" }, state: 'directory'").contains("h1 | CHANGED | create directory ${work}/h1/never")
        !Files.exists(work.resolve('h1/never'))

        when: 'check mode off, and one host targeted'
        enter(':check off')
        String hosts = enter(':hosts h1')

        then:
        hosts.contains('h1: h1')
        term.lastLine() == 'gplay [h1 (1 hosts)]>'
        enter("command 'true'").readLines().findAll { it.contains(' | ') } == ['h1 | CHANGED | run: true']

        when:
        term.type(':quit')
        term.keys('Enter')
        term.waitFor('the console to end') { term.exitStatus() != null }

        then: 'it ends with status 0; the lines are in the history'
        term.exitStatus() == 0
        Files.readString(work.resolve('.gplay_history')).contains('names.each { n ->')
    }

    def "a line typed with a secret in it is shown and kept in the history file with the secret masked"() {
        given: 'a vault value, and the console given its file'
        String secret = 'Hist-S3cret-9902'
        work.resolve('pw').text = 'vault password\n'
        work.resolve('secrets.yml').text = "db_password: ${secret}\n"
        assert Gplay.run(work, work.resolve('cache'), 'vault', 'encrypt', '--vault-password-file', 'pw', 'secrets.yml').rc == 0
        repl('-e', '@secrets.yml', '--vault-password-file', 'pw')

        when: 'the clear text typed (pasted) into a line'
        String shown = enter("debug msg: 'typed ${secret} here'")
        term.type(':quit')
        term.keys('Enter')
        term.waitFor('the console to end') { term.exitStatus() != null }
        String history = Files.readString(work.resolve('.gplay_history'))

        then:
        shown.contains('typed ******** here')
        !shown.contains(secret)
        history.contains("debug msg: 'typed ******** here'")
        !history.contains(secret)
    }

    def "Ctrl-D at an empty prompt leaves the console"() {
        given:
        repl()

        when:
        term.keys('C-d')
        term.waitFor('the console to end') { term.exitStatus() != null }

        then:
        term.exitStatus() == 0
    }
}
