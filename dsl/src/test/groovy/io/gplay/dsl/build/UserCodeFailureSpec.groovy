package io.gplay.dsl.build

import io.gplay.dsl.PlaybookRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** What a playbook's own code throws is its task's failure on that host, never an internal error of gplay. */
class UserCodeFailureSpec extends Specification {
    @TempDir
    Path dir

    def "an Error or a failed assert in a closure fails the task, and ignoreErrors ignores it"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    debug 'E1 error', msg: { throw new Error("error-111") }, ignoreErrors: true
    debug 'E2 assert', msg: { def s = 'assert-222'; assert s == 'x' }, ignoreErrors: true
    debug 'E3 after', msg: 'still here'
    debug 'E4 assert', msg: { assert 1 == 2 }
} }
''')
        def stats = run.summary.stats()['h1']

        then:
        !run.out.contains('internal error')
        run.out.contains('p.groovy:2: error-111')
        run.out.contains("assert-222")
        run.out.contains('still here')
        run.out.contains('p.groovy:5:')
        stats.ignored() == 2
        stats.failed() == 1
        stats.ok() == 1
        !run.summary.internalError()
        run.summary.exitCode() == 2
    }

    def "a noLog task's failing closure shows only its status, not the error's text or the assert's values"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    debug 'N1 error', msg: { throw new Error("nolog-error-111") }, noLog: true, ignoreErrors: true
    debug 'N3 assert', msg: { def s = 'nolog-assert-333'; assert s == 'x' }, noLog: true, ignoreErrors: true
} }
''')

        then:
        !run.out.contains('nolog-error-111')
        !run.out.contains('nolog-assert-333')
        run.out.contains('hidden due to noLog')
        run.summary.stats()['h1'].ignored() == 2
        run.summary.exitCode() == 0
    }

    def "a closure that recurses without end fails its task with words that say so"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    debug 'deep', msg: { def down; down = { n -> down(n + 1) }; down(0) }, ignoreErrors: true
    debug 'after', msg: 'still here'
} }
''')

        then:
        run.out.contains('p.groovy:2: StackOverflowError')
        run.out.contains('still here')
        run.summary.stats()['h1'].ignored() == 1
        !run.summary.internalError()
    }

    def "a method of the playbook answers a call from a per-host closure; a module called there is refused, not added"() {
        when:
        def run = PlaybookRun.of(dir, '''\
def twice(s) { s + s }

playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    debug 'helper', msg: { twice('ab') }
    debug 'task in a value', msg: { debug 'inner', msg: 'x' }, ignoreErrors: true
    debug 'unknown', msg: { thrice('ab') }, ignoreErrors: true
} }
''')

        then:
        run.out.contains('ok: [h1] => abab')
        run.out.contains("p.groovy:5: debug is a task: a value computed on a host cannot add one (write it as a task of the play)")
        run.out =~ /p\.groovy:6: .*thrice/
        run.ran == ['helper: h1 ok', 'task in a value: h1 failed', 'unknown: h1 failed']
        run.summary.exitCode() == 0
    }
}
