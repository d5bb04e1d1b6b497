package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/** bin/gplay keeps the handlers a change notified when Ctrl-C stops the run, and runs them first the next time. */
class PendingHandlersRunSpec extends Specification {
    @TempDir
    Path work

    def "a run interrupted after a notifying change keeps its handler; the next run runs it first; then none is pending"() {
        given:
        Path state = work.resolve('state')
        Path reloaded = work.resolve('reloaded')
        Path inv = work.resolve('inventory.yml')
        inv.text = 'all:\n  vars:\n    ansible_connection: local\n  hosts:\n    a:\n'
        work.resolve('site.groovy').text = """\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        command 'change', argv: ['true'], changedWhen: { vars.slow ?: false }, notify: 'reload'
        command 'wait', argv: ['sleep', '60'], when: { vars.slow ?: false }
        handlers {
            shell 'reload', cmd: 'echo reloaded >> ${reloaded}'
        }
    }
}
"""
        Map<String, String> env = [XDG_STATE_HOME: state.toString()]
        def gplay = { String... extra ->
            Gplay.run(env, work, work.resolve('cache'), (['run', 'site.groovy', '-i', inv.toString()] + extra.toList()) as String[])
        }

        when: 'Ctrl-C while the task after the change runs'
        def started = Gplay.start(env, work, work.resolve('cache'), 'run', 'site.groovy', '-i', inv.toString(), '-e', 'slow=yes')
        long deadline = System.currentTimeMillis() + 60_000
        while (pendingFiles(state).isEmpty() && started.process.alive && System.currentTimeMillis() < deadline) {
            sleep(100)
        }
        sleep(1000) // into the sleep
        started.interrupt()
        def stopped = started.finishWithin(30)
        List<Path> files = pendingFiles(state)

        then:
        stopped.rc == 99
        stopped.err.contains('[interrupted (SIGINT)')
        stopped.out.contains('TASK [wait]')
        !stopped.out.contains('RUNNING HANDLER')
        stopped.out.contains("handlers pending on a, run first by the next run of this playbook: 'reload' (play 'p'); kept in ${files[0]}")
        files*.fileName*.toString() == ['a.yml']
        files[0].text.contains('handler: reload')
        !files[0].text.contains('slow')
        PosixFilePermissions.toString(Files.getPosixFilePermissions(files[0])) == 'rw-------'
        !Files.exists(reloaded)

        when:
        def next = gplay()

        then: 'the handler runs before the first task, and did its work'
        next.rc == 0
        next.out.contains("[WARNING]: pending from an earlier run: handler 'reload' on a")
        next.out.indexOf('RUNNING HANDLER [reload]') < next.out.indexOf('TASK [change]')
        next.out.indexOf('RUNNING HANDLER [reload]') >= 0
        reloaded.text == 'reloaded\n'
        pendingFiles(state).isEmpty()

        when:
        def third = gplay()

        then:
        third.rc == 0
        !third.out.contains('pending')
        !third.out.contains('RUNNING HANDLER')
        reloaded.text == 'reloaded\n'
    }

    private static List<Path> pendingFiles(Path state) {
        Path root = state.resolve('gplay/pending-handlers')
        Files.exists(root) ? Files.walk(root).withCloseable { s -> s.filter { Files.isRegularFile(it) }.toList() } : []
    }
}
