package io.gplay.tests

import spock.lang.IgnoreIf
import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The console in a real terminal (tmux) on lab hosts: a module call, host-name completion, Ctrl-C. */
@ResourceLock(Lab.RESOURCE)
@IgnoreIf(value = { Needs.skip(!Tmux.available()) }, reason = 'needs tmux (bin/install-deps installs it)')
class ReplLabSpec extends Specification {
    @TempDir
    Path work
    Tmux term

    def cleanup() {
        term?.close()
    }

    int prompts() {
        Tmux.lines(term.screen(), ReplTmuxSpec.ANY_PROMPT).size()
    }

    /** Types a line and waits for the prompt after it; the screen. */
    String enter(String line, long ms = 60_000) {
        int before = prompts()
        term.type(line)
        term.keys('Enter')
        term.waitFor(line, ms) { Tmux.lines(it, ReplTmuxSpec.ANY_PROMPT).size() > before && ReplTmuxSpec.atPrompt(it) }
    }

    def "module calls run on the lab hosts, host names complete, and Ctrl-C gives the prompt back"() {
        given:
        def lab = Lab.fresh(2)
        term = new Tmux(work)
        term.start(work, [XDG_CACHE_HOME: work.resolve('cache').toString(), NO_COLOR: '1',
                          GPLAY_JAVA_OPTS: "-Duser.home=${work}".toString()],
                [Gplay.ROOT.resolve('bin/gplay').toString(), 'repl', *lab.target()])
        term.waitFor('first prompt', 30_000) { ReplTmuxSpec.atPrompt(it) }

        when: 'a module call'
        def shown = enter("command 'hostname'")

        then: 'each host answers as itself'
        shown =~ /(?m)^lab1 \| .*\n?.*lab1/
        shown =~ /(?m)^lab2 \| .*\n?.*lab2/

        when: 'a host name is completed'
        term.type(':hosts lab')
        term.keys('Tab')
        def listed = { String screen -> screen.lastIndexOf(':hosts lab') < 0 ? '' : screen.substring(screen.lastIndexOf(':hosts lab') + 10) }
        def candidates = listed(term.waitFor('host names', 10_000) { listed(it).contains('lab1') && listed(it).contains('lab2') })
        term.keys('C-u')

        then: 'the hosts and the group lab are offered'
        candidates.readLines().any { it =~ /\blab1\b/ && it =~ /\blab2\b/ }

        when: 'a long command is interrupted'
        int before = prompts()
        term.type("command 'sleep 45'")
        term.keys('Enter')
        Thread.sleep(1500)
        long t0 = System.nanoTime()
        term.keys('C-c')
        def after = term.waitFor('prompt after Ctrl-C', 10_000) { Tmux.lines(it, ReplTmuxSpec.ANY_PROMPT).size() > before && ReplTmuxSpec.atPrompt(it) }
        long ms = (System.nanoTime() - t0).intdiv(1_000_000)

        then: 'the prompt is back at once and the console still works'
        ms < 5_000
        after.contains('interrupted')
        enter("command 'echo again'") =~ /(?m)again/
    }
}
