package io.gplay.dsl.build

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import io.gplay.engine.run.RunOptions
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Blocks as ansible-playbook runs them: a host that fails in a block's tasks goes to its rescue, then its
 * always runs whatever happened; a rescued host goes on with the play, counted as rescued, and the run succeeds.
 */
class BlockSpec extends Specification {
    @TempDir
    Path dir

    static final List<String> TWO = ['h1', 'h2']

    def "a block whose tasks succeed runs its always, not its rescue"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('deploy') {
        debug 'one', msg: 'first'
        debug 'two', msg: 'second'
    } rescue {
        debug 'mend', msg: 'mending'
    } always {
        debug 'tidy', msg: 'tidying'
    }
    debug 'after', msg: 'still here'
} }
''')

        then:
        run.ran == ['one: h1 ok', 'two: h1 ok', 'tidy: h1 ok', 'after: h1 ok']
        run.out =~ /h1\s+: ok=4\s+changed=0\s+unreachable=0\s+failed=0\s+skipped=0\s+rescued=0\s+ignored=0/
        run.summary.exitCode() == 0
    }

    def "a host that fails in a block is rescued, sees what failed, runs always and goes on; the run succeeds"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('deploy') {
        debug 'one', msg: 'first'
        verify 'break', that: { host != 'h2' }, msg: 'h2 is broken'
        debug 'two', msg: 'second'
    } rescue {
        debug 'mend', msg: { "${failedTask.name} (${failedTask.module}) failed: ${failedResult.msg}" }
    } always {
        debug 'tidy', msg: 'tidying'
    }
    debug 'after', msg: 'still here'
} }
''', hosts: TWO)

        then: 'h1 went through the block; h2 left it at the failure for the rescue; both ran always and the rest'
        run.ran == ['one: h1 ok, h2 ok', 'break: h1 ok, h2 failed', 'two: h1 ok', 'mend: h2 ok', 'tidy: h1 ok, h2 ok',
                    'after: h1 ok, h2 ok']
        run.out.contains('ok: [h2] => break (assert) failed: h2 is broken')
        run.out =~ /h2\s+: ok=4\s+changed=0\s+unreachable=0\s+failed=0\s+skipped=0\s+rescued=1\s+ignored=0/
        run.stats('h1').rescued() == 0
        run.summary.exitCode() == 0
    }

    def "a failure in the rescue still runs always, and the host stays failed"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('deploy') {
        verify 'break', that: false, msg: 'broken'
    } rescue {
        verify 'mend', that: false, msg: 'cannot mend'
        debug 'unreached', msg: 'x'
    } always {
        debug 'tidy', msg: 'tidying'
    }
    debug 'after', msg: 'never'
} }
''')

        then:
        run.ran == ['break: h1 failed', 'mend: h1 failed', 'tidy: h1 ok']
        run.stats('h1').rescued() == 1
        run.stats('h1').failed() == 1
        run.summary.exitCode() == 2
    }

    def "without a rescue, always runs after a failure and the host stays failed"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('deploy') {
        verify 'break', that: { host != 'h2' }
        debug 'two', msg: 'second'
    } always {
        debug 'tidy', msg: 'tidying'
    }
    debug 'after', msg: 'x'
} }
''', hosts: TWO)

        then:
        run.ran == ['break: h1 ok, h2 failed', 'two: h1 ok', 'tidy: h1 ok, h2 ok', 'after: h1 ok']
        run.stats('h2').failed() == 1
        run.stats('h2').rescued() == 0
        run.summary.exitCode() == 2
    }

    def "nested blocks: an inner failure runs the inner always, then the outer rescue; the inner rescue catches first"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('outer') {
        block('inner') {
            verify 'break', that: false
            debug 'skipped by the failure', msg: 'x'
        } always {
            debug 'inner always', msg: 'x'
        }
        debug 'rest of outer', msg: 'x'
    } rescue {
        block('mending') {
            debug 'mend', msg: { "mending after ${failedTask.name}" }
        }
    } always {
        debug 'outer always', msg: 'x'
    }
    block('second') {
        block('caught inside') {
            verify 'break again', that: false
        } rescue {
            debug 'inner mend', msg: 'x'
        }
        debug 'rest of second', msg: 'x'
    } rescue {
        debug 'outer mend', msg: 'never: the inner rescue caught it'
    }
} }
''')

        then:
        run.ran == ['break: h1 failed', 'inner always: h1 ok', 'mend: h1 ok', 'outer always: h1 ok',
                    'break again: h1 failed', 'inner mend: h1 ok', 'rest of second: h1 ok']
        run.out.contains('ok: [h1] => mending after break')
        run.stats('h1').rescued() == 2
        run.stats('h1').failed() == 0
        run.summary.exitCode() == 0
    }

    def "a block's keywords are given to each task inside, rescue included, and a task's own win"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('paint', when: { host == 'h1' }, vars: [colour: 'blue'], ignoreErrors: true, tags: ['paint']) {
        debug 'show', msg: { "colour ${colour}" }
        verify 'ignored', that: false
        verify 'not ignored', that: false, ignoreErrors: false
        debug 'unreached', msg: 'x'
    } rescue {
        debug 'mend', msg: { "mended ${failedTask.name}" }
    }
    debug 'untagged', msg: 'x'
} }
''', hosts: TWO, options: RunOptions.builder().tasks(['paint'], [], null, false).build())

        then:
        run.ran == ['show: h1 ok, h2 skipping', 'ignored: h1 failed, h2 skipping', 'not ignored: h1 failed, h2 skipping',
                    'unreached: h2 skipping', 'mend: h1 ok']
        run.out.contains('ok: [h1] => colour blue')
        run.out.contains('ok: [h1] => mended not ignored')
        run.stats('h1').ignored() == 1
        run.stats('h1').rescued() == 1
        run.summary.exitCode() == 0
    }

    def "become, delegateTo, runOnce, noLog and notify of a block are its tasks', inner blocks' over outer ones'"() {
        given:
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('outer', become: true, notify: 'a', runOnce: true, tags: ['x']) {
        command 'own become', cmd: 'true', become: false
        block('inner', delegateTo: 'h2', noLog: true, notify: 'b', runOnce: false, tags: ['y']) {
            command 'inherited', cmd: 'true', notify: 'c'
        }
    }
    handlers {
        debug 'a', msg: 'x'
        debug 'b', msg: 'x'
        debug 'c', msg: 'x'
    }
} }
''')

        when:
        def outer = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache')).load(f).plays()[0].tasks()[0]
        def own = outer.tasks()[0].options()
        def inherited = outer.tasks()[1].tasks()[0].options()

        then:
        !own.become()
        own.runOnce()
        own.handlers() == ['a']
        inherited.become()
        inherited.delegateTo() == 'h2'
        inherited.noLog()
        !inherited.runOnce()
        inherited.handlers() == ['a', 'b', 'c']
        inherited.tags() == ['x', 'y']
    }

    def "handlers notified in a block and in its rescue run at the play's end, on the rescued host too"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('deploy') {
        command 'change', cmd: 'true', changedWhen: true, notify: 'reload'
        verify 'break', that: { host != 'h2' }
    } rescue {
        command 'mend', cmd: 'true', changedWhen: true, notify: 'restart'
    }
    handlers {
        debug 'reload', msg: 'reloading'
        debug 'restart', msg: 'restarting'
    }
} }
''', hosts: TWO)

        then:
        run.ran == ['change: h1 changed, h2 changed', 'break: h1 ok, h2 failed', 'mend: h2 changed',
                    'reload: h1 ok, h2 ok', 'restart: h2 ok']
        run.summary.exitCode() == 0
    }

    def "flushHandlers inside a block runs the handlers notified so far, there"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('deploy') {
        command 'change', cmd: 'true', changedWhen: true, notify: 'reload'
        flushHandlers()
        debug 'after the flush', msg: 'x'
    }
    handlers {
        debug 'reload', msg: 'reloading'
    }
} }
''')

        then:
        run.ran == ['change: h1 changed', 'reload: h1 ok', 'after the flush: h1 ok']
    }

    def "check mode: a block predicts its changes, and a failure goes to the rescue as in a real run"() {
        given:
        Path made = dir.resolve('made')

        when:
        def run = PlaybookRun.of(dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('deploy') {
        file 'make', path: '${made}', state: 'directory'
        verify 'break', that: false
    } rescue {
        debug 'mend', msg: { "check mode: \${checkMode}" }
    }
} }
""", options: RunOptions.builder().output(true, false, 0).build())

        then:
        run.ran == ['make: h1 changed', 'break: h1 failed', 'mend: h1 ok']
        run.out.contains('ok: [h1] => check mode: true')
        !Files.exists(made)
        run.summary.exitCode() == 0
    }

    def "a role's tasks can hold a block, and a block can take in a role; each use's when and tags reach inside"() {
        given:
        Files.createDirectories(dir.resolve('roles/web/tasks'))
        Files.writeString(dir.resolve('roles/web/tasks/main.groovy'), '''\
block('install') {
    verify 'fail on purpose', that: { !vars.broken }, msg: 'broken on purpose'
    debug 'installed', msg: 'x'
} rescue {
    debug 'role mend', msg: { "${failedTask.name}: ${failedResult.msg}" }
}
''')

        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    role 'web', broken: true, tags: ['web']
    block('skipped', when: { false }) {
        role 'web', broken: false
    }
} }
''', options: RunOptions.builder().tasks(['web'], [], null, false).build())

        then: 'the second use is skipped by its block, its rescue never reached; untagged it would not run at all'
        run.ran == ['web : fail on purpose: h1 failed', 'web : role mend: h1 ok']
        run.out.contains('ok: [h1] => fail on purpose: broken on purpose')
        run.summary.exitCode() == 0
    }

    def "--start-at-task may name a task inside a block, not one of a rescue"() {
        given:
        String text = '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    debug 'before', msg: 'x'
    block('deploy') {
        debug 'one', msg: 'x'
        debug 'two', msg: 'x'
    } rescue {
        debug 'mend', msg: 'x'
    } always {
        debug 'tidy', msg: 'x'
    }
} }
'''

        when:
        def inside = PlaybookRun.of(dir, text, options: RunOptions.builder().tasks([], [], 'two', false).build())
        def rescue = PlaybookRun.of(dir, text, options: RunOptions.builder().tasks([], [], 'mend', false).build())

        then:
        inside.ran == ['two: h1 ok', 'tidy: h1 ok']
        rescue.problems == ["--start-at-task 'mend': that task is in a block's rescue, which runs only after a failure"
                                    + " in the block: start at a task before it"]
        rescue.summary == null
    }

    def "#what is refused at its line before any host is touched, by a run and by --syntax-check"() {
        given:
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, "playbook('p') { play('p', hosts: 'web', gatherFacts: false) {\n" + code + "\n} }\n")
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))

        expect:
        PlaybookRun.problems { loader.load(f) } == ["${f}:${line}: ${message}".toString()]
        !syntaxChecked || PlaybookRun.problems { loader.check(f) } == ["${f}:${line}: ${message}".toString()]

        where:
        what                   | line | syntaxChecked | code                                                                    | message
        'a rescue on its own'  | 5    | true          | "block('b') {\n  debug 'x', msg: 'y'\n}\nrescue {\n  debug 'r', msg: 'y'\n}" | BlockOptions.alone('rescue')
        'an always on its own' | 3    | true          | "debug 'x', msg: 'y'\nalways { debug 'r', msg: 'y' }"                 | BlockOptions.alone('always')
        "a task's keyword"     | 2    | true          | "block('b', loop: [1, 2]) { debug 'x', msg: 'y' }"                      | "block: 'loop' is a keyword of a task, not of a block (which takes [anyErrorsFatal, become, delegateTo, ignoreErrors, name, noLog, notify, runOnce, tags, vars, when]); give it to the tasks inside"
        'a misspelt keyword'   | 2    | true          | "block('b', wehn: { true }) { debug 'x', msg: 'y' }"                    | "block: unknown keyword 'wehn' (did you mean 'when'?)"
        'a condition as text'  | 2    | false         | "block('b', when: 'x == 1') { debug 'x', msg: 'y' }"                    | "when must be a closure or true/false, got the string 'x == 1' (write it as a closure: when: { vars.x == 1 })"
        'two rescues'          | 2    | false         | "block('b') {\n  debug 'x', msg: 'y'\n} rescue { debug 'r', msg: 'y' } rescue { debug 's', msg: 'y' }" | 'rescue: this block has a rescue already'
        'a block of handlers'  | 4    | true          | "debug 'x', msg: 'y'\nhandlers {\n  block('b') { debug 'h', msg: 'y' }\n}" | 'block: handlers are tasks, not blocks; write the block among the play\'s tasks'
    }
}
