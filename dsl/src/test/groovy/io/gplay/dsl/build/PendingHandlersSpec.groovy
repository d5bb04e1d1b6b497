package io.gplay.dsl.build

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import io.gplay.engine.run.PendingHandlers
import io.gplay.engine.run.PendingHandlers.Entry
import io.gplay.engine.run.RunOptions
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * Handlers notified on a host and not run there (the host failed, the run stopped or was interrupted) are kept
 * for the playbook and host, and the next run of the playbook runs them first on that host.
 */
class PendingHandlersSpec extends Specification {
    @TempDir
    Path dir

    /** A change that notifies 'reload' when {@code change} is set, then a task that fails when {@code broken} is. */
    static final String PLAYBOOK = '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: true) {
    command 'change', cmd: 'true', changedWhen: { vars.change ?: false }, notify: 'reload'
    verify 'break', that: { !(vars.broken ?: false) }
    handlers {
        verify 'reload', that: { !(vars.reloadFails ?: false) }
    }
} }
'''

    PendingHandlers store() {
        new PendingHandlers(dir.resolve('state'), dir.resolve('p.groovy').toString())
    }

    PlaybookRun run(Map<String, Map<String, Object>> hostVars, List<String> hosts = ['h1'], RunOptions options = RunOptions.defaults(),
                    String text = PLAYBOOK) {
        PlaybookRun.of(dir, text, hosts: hosts, hostVars: hostVars, options: options, pending: store())
    }

    def "a handler notified before the host failed is kept; the next run runs it first, after the facts, and forgets it"() {
        when:
        def failed = run([h1: [change: true, broken: true]])
        Path file = store().file('h1')

        then: 'the failed run keeps it, in a file only its owner can read, and says so'
        failed.ran == ['Gathering Facts: h1 ok', 'change: h1 changed', 'break: h1 failed']
        store().read('h1') == [new Entry('p', 'reload')]
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) == 'rw-------'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.parent)) == 'rwx------'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve('state'))) == 'rwx------'
        failed.out.contains("handlers pending on h1, run first by the next run of this playbook: 'reload' (play 'p');"
                + " kept in ${file}")

        when:
        def next = run([h1: [:]])

        then:
        next.out.contains("[WARNING]: pending from an earlier run: handler 'reload' on h1")
        next.ran == ['Gathering Facts: h1 ok', 'reload: h1 ok', 'change: h1 ok', 'break: h1 ok']
        next.summary.exitCode() == 0
        !Files.exists(file)
        !next.out.contains('handlers pending on')

        when:
        def third = run([h1: [:]])

        then:
        third.ran == ['Gathering Facts: h1 ok', 'change: h1 ok', 'break: h1 ok']
    }

    def "--force-handlers runs them on the failed host in the same run, and then nothing is kept"() {
        when:
        def forced = run([h1: [change: true, broken: true]], ['h1'], RunOptions.builder().tasks([], [], null, true).build())

        then:
        forced.ran.last() == 'reload: h1 ok'
        !Files.exists(store().file('h1'))
    }

    def "a handler that fails stays pending, whether notified in this run or left by an earlier one"() {
        when:
        run([h1: [change: true, reloadFails: true]])

        then:
        store().read('h1') == [new Entry('p', 'reload')]

        when:
        def again = run([h1: [reloadFails: true]])

        then:
        again.ran.take(2) == ['Gathering Facts: h1 ok', 'reload: h1 failed']
        again.summary.exitCode() == 2
        store().read('h1') == [new Entry('p', 'reload')]

        when:
        def mended = run([h1: [:]])

        then:
        mended.ran.take(2) == ['Gathering Facts: h1 ok', 'reload: h1 ok']
        store().read('h1') == []
    }

    def "handlers notified by title and by topic are kept by title, and run first in the order they are defined"() {
        given:
        String text = '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    command 'change', cmd: 'true', changedWhen: { vars.change ?: false }, notify: ['second', 'web changed']
    verify 'break', that: { !(vars.broken ?: false) }
    handlers {
        debug 'first', msg: 'x', listen: 'web changed'
        debug 'second', msg: 'x'
    }
} }
'''

        when:
        run([h1: [change: true, broken: true]], ['h1'], RunOptions.defaults(), text)

        then:
        store().read('h1') as Set == [new Entry('p', 'second'), new Entry('p', 'first')] as Set

        when:
        def next = run([h1: [:]], ['h1'], RunOptions.defaults(), text)

        then:
        next.ran == ['first: h1 ok', 'second: h1 ok', 'change: h1 ok', 'break: h1 ok']
    }

    def "--check runs the pending handlers predicted and keeps them; a failed check run keeps nothing new"() {
        given:
        run([h1: [change: true, broken: true]])
        String kept = Files.readString(store().file('h1'))

        when:
        def check = run([h1: [:]], ['h1'], RunOptions.builder().output(true, false, 0).build())

        then:
        check.out.contains("pending from an earlier run: handler 'reload' on h1 (check mode: it stays pending)")
        check.ran.take(2) == ['Gathering Facts: h1 ok', 'reload: h1 ok']
        Files.readString(store().file('h1')) == kept

        when:
        def failedCheck = run([h2: [change: true, broken: true]], ['h2'], RunOptions.builder().output(true, false, 0).build())

        then:
        failedCheck.ran.last() == 'break: h2 failed'
        !Files.exists(store().file('h2'))
    }

    def "hosts left out by --limit keep theirs untouched"() {
        given:
        run([h1: [change: true, broken: true], h2: [change: true, broken: true]], ['h1', 'h2'])
        String h2Before = Files.readString(store().file('h2'))

        when:
        def limited = run([:], ['h1', 'h2'], RunOptions.builder().hosts(10, 'h1', [:], false, null).build())

        then:
        limited.ran.take(2) == ['Gathering Facts: h1 ok', 'reload: h1 ok']
        !Files.exists(store().file('h1'))
        Files.readString(store().file('h2')) == h2Before
    }

    def "a play skipped by --start-at-task keeps its pending handlers; one where the start is reached runs them there"() {
        given:
        String text = '''\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false) {
        debug 'in p', msg: 'x'
        handlers { debug 'reload', msg: 'x' }
    }
    play('q', hosts: 'web', gatherFacts: false) {
        debug 'first of q', msg: 'x'
        debug 'start here', msg: 'x'
        handlers { debug 'restart', msg: 'x' }
    }
}
'''
        store().write('h1', [new Entry('p', 'reload'), new Entry('q', 'restart')])

        when:
        def run = run([h1: [:]], ['h1'], RunOptions.builder().tasks([], [], 'start here', false).build(), text)

        then:
        run.ran == ['restart: h1 ok', 'start here: h1 ok']
        store().read('h1') == [new Entry('p', 'reload')]
    }

    def "a pending handler whose play or handler is gone from the playbook is named and dropped"() {
        given:
        store().write('h1', [new Entry('p', 'restart ctdb'), new Entry('old play', 'reload')])

        when:
        def next = run([h1: [:]])

        then:
        next.out.contains("pending from an earlier run: handler 'restart ctdb' of play 'p' on h1: the play has no"
                + " such handler any more; dropped")
        next.out.contains("pending from an earlier run: handler 'reload' of play 'old play' on h1: the playbook has"
                + " no such play any more; dropped")
        next.ran == ['Gathering Facts: h1 ok', 'change: h1 ok', 'break: h1 ok']
        !Files.exists(store().file('h1'))
    }

    def "an interrupted run keeps the handlers notified before it, and the next run runs them"() {
        given:
        String text = '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    command 'change', cmd: 'true', changedWhen: { vars.slow ?: false }, notify: 'reload'
    command 'wait', argv: ['sleep', '60'], when: { vars.slow ?: false }
    handlers {
        debug 'reload', msg: 'x'
    }
} }
'''
        Files.writeString(dir.resolve('p.groovy'), text)
        def plan = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache')).load(dir.resolve('p.groovy'))
        def bytes = new ByteArrayOutputStream()
        def runner = PlaybookRun.runner(['h1'], [h1: [slow: true]], RunOptions.defaults(), new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .keepPendingHandlers(store())
        Thread.start {
            long deadline = System.currentTimeMillis() + 30_000
            while (!bytes.toString(StandardCharsets.UTF_8).contains('TASK [wait]') && System.currentTimeMillis() < deadline) {
                sleep(50)
            }
            sleep(300)
            runner.interrupt()
        }

        when:
        long t0 = System.currentTimeMillis()
        def summary = runner.run(plan)

        then:
        summary.exitCode() == 99
        System.currentTimeMillis() - t0 < 30_000
        store().read('h1') == [new Entry('p', 'reload')]
        bytes.toString(StandardCharsets.UTF_8).contains("handlers pending on h1, run first by the next run of this playbook")

        when:
        def next = run([h1: [:]], ['h1'], RunOptions.defaults(), text)

        then:
        next.ran == ['reload: h1 ok', 'change: h1 ok', 'wait: h1 skipping']
        !Files.exists(store().file('h1'))
    }
}
