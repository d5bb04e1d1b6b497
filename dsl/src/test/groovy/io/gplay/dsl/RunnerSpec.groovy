package io.gplay.dsl

import io.gplay.engine.run.RunOptions
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The runner's order and keywords across hosts, on local hosts: handlers, runOnce, delegateTo, serial batches. */
class RunnerSpec extends Specification {
    @TempDir
    Path dir

    static final List<String> TWO = ['h1', 'h2']

    def "flushHandlers runs the handlers notified so far there; a later notify runs them again at the end"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    command 'change', cmd: 'true', changedWhen: true, notify: 'reload'
    debug 'before the flush', msg: 'x'
    flushHandlers()
    debug 'after the flush', msg: 'x'
    command 'change again', cmd: 'true', changedWhen: { host == 'h2' }, notify: 'reload'
    handlers {
        debug 'reload', msg: 'reloading'
    }
} }
''', hosts: TWO)

        then:
        run.ran == ['change: h1 changed, h2 changed', 'before the flush: h1 ok, h2 ok', 'reload: h1 ok, h2 ok',
                    'after the flush: h1 ok, h2 ok', 'change again: h1 ok, h2 changed', 'reload: h2 ok']
    }

    def "a host that fails after notifying runs its handlers only with --force-handlers"() {
        given:
        String text = '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    command 'change', cmd: 'true', changedWhen: true, notify: 'reload'
    verify 'break', that: { host != 'h2' }
    handlers {
        debug 'reload', msg: 'reloading'
    }
} }
'''

        when:
        def plain = PlaybookRun.of(dir, text, hosts: TWO)
        def forced = PlaybookRun.of(dir, text, hosts: TWO, options: RunOptions.builder().tasks([], [], null, true).build())

        then:
        plain.ran.last() == 'reload: h1 ok'
        forced.ran.last() == 'reload: h1 ok, h2 ok'
        forced.summary.exitCode() == 2
    }

    def "runOnce runs a task on the first host only, and registers its result for every host"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    command 'once', cmd: 'echo made-once', runOnce: true, register: 'made'
    debug 'seen', msg: { "saw ${made.stdout}" }
} }
''', hosts: TWO)

        then:
        run.ran == ['once: h1 changed', 'seen: h1 ok, h2 ok']
        run.out.contains('ok: [h2] => saw made-once')
    }

    def "a failed runOnce task fails every host of the batch, each counted failed, as ansible-playbook fails them"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    verify 'once', that: false, msg: 'broken', runOnce: true
    debug 'after', msg: 'x'
} }
''', hosts: TWO)

        then:
        run.ran == ['once: h1 failed, h2 failed']
        run.out.contains('failed: [h2]: FAILED! => run once on h1: broken')
        run.stats('h1').failed() == 1
        run.stats('h2').failed() == 1
        run.summary.exitCode() == 2
        run.summary.retryHosts() == TWO
    }

    def "a runOnce failure in a block sends every host of the batch to the rescue, which mends each"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    block('b') {
        verify 'once', that: false, msg: 'broken', runOnce: true
        debug 'not reached', msg: 'x'
    } rescue {
        debug 'mend', msg: { "${host} mends ${failedTask.name}: ${failedResult.msg}" }
    }
    debug 'after', msg: 'x'
} }
''', hosts: TWO)

        then:
        run.ran == ['once: h1 failed, h2 failed', 'mend: h1 ok, h2 ok', 'after: h1 ok, h2 ok']
        run.out.contains('ok: [h2] => h2 mends once: broken')
        TWO.every { run.stats(it).rescued() == 1 && run.stats(it).failed() == 0 }
        run.summary.exitCode() == 0
    }

    def "a runOnce task's ignored failure, its counts and its notify stay with the first host, as in ansible-playbook"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    verify 'ignored', that: false, runOnce: true, ignoreErrors: true
    command 'change', cmd: 'true', changedWhen: true, runOnce: true, notify: 'reload'
    debug 'after', msg: 'x'
    handlers {
        debug 'reload', msg: 'x'
    }
} }
''', hosts: TWO)

        then:
        run.ran == ['ignored: h1 failed', 'change: h1 changed', 'after: h1 ok, h2 ok', 'reload: h1 ok']
        run.stats('h1').ignored() == 1
        run.stats('h2').ignored() == 0
        run.stats('h2').changed() == 0
        run.summary.exitCode() == 0
    }

    def "facts a runOnce task sets are every host's of the batch, as its registered result is"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    setFact 'token', token: { "made on ${host}" }, runOnce: true
    debug 'seen', msg: { "${host} has ${token}" }
} }
''', hosts: TWO)

        then:
        run.ran == ['token: h1 ok', 'seen: h1 ok, h2 ok']
        run.out.contains('ok: [h2] => h2 has made on h1')
    }

    def "runOnce with delegateTo runs once on the delegate; its failure fails every host of the batch"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'h1:h2', gatherFacts: false) {
    where 'there', delegateTo: 'h3', runOnce: true, register: 'w'
    debug 'seen', msg: { "${host} saw ${w.ranOn}" }
    command 'fail there', cmd: 'false', delegateTo: 'h3', runOnce: true
    debug 'after', msg: 'x'
} }
''', hosts: ['h1', 'h2', 'h3'])

        then:
        run.ran == ['there: h1 ok', 'seen: h1 ok, h2 ok', 'fail there: h1 failed, h2 failed']
        run.out.contains('ok: [h1] => ran on h3')
        run.out.contains('ok: [h2] => h2 saw h3')
        run.summary.retryHosts() == TWO
    }

    def "a runOnce task whose first host is unreachable fails the other hosts of the batch"() {
        when: 'h3 refuses connections'
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'h1:h2', gatherFacts: false) {
    command 'there', cmd: 'true', delegateTo: 'h3', runOnce: true
    debug 'after', msg: 'x'
} }
''', hosts: ['h1', 'h2', 'h3'], hostVars: [h3: [ansible_connection: 'ssh', ansible_host: '127.0.0.1', ansible_port: 1]])

        then:
        run.ran == ['there: h1 fatal, h2 failed']
        run.out.contains('failed: [h2]: FAILED! => run once on h1, which was unreachable: ')
        run.stats('h1').unreachable() == 1
        run.stats('h2').failed() == 1
        run.summary.exitCode() == 4
    }

    def "delegateTo runs a task on another host's connection, counted for the host the task is on"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'h1', gatherFacts: false) {
    where 'there', delegateTo: 'h2', register: 'w'
    debug 'here', msg: { "${host} saw ${w.ranOn}" }
    where 'per host', delegateTo: { host == 'h1' ? 'h3' : 'h2' }
    where 'nowhere', delegateTo: { 'h9' }
} }
''', hosts: ['h1', 'h2', 'h3'])

        then:
        run.ran == ['there: h1 ok', 'here: h1 ok', 'per host: h1 ok', 'nowhere: h1 failed']
        run.out.contains('ok: [h1] => ran on h2')
        run.out.contains('ok: [h1] => h1 saw h2')
        run.out.contains('ok: [h1] => ran on h3')
        run.out.contains("delegateTo 'h9' is not an inventory host")
        run.stats('h1').ok() == 3
        run.stats('h2').ok() == 0
    }

    def "a literal delegateTo that names no host of the inventory is found before any host is touched"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'h1', gatherFacts: false) {
    where 'typo', delegateTo: 'h9'
    block('b', delegateTo: 'dbserver') { where 'in a block' }
    handlers { where 'handler', delegateTo: 'h2' }
} }
''', hosts: ['h1', 'h2'])

        then:
        run.problems == ["${dir}/p.groovy:2: delegateTo 'h9' is no host of the inventory (did you mean 'h1'?)",
                         "${dir}/p.groovy:3: delegateTo 'dbserver' is no host of the inventory"]*.toString()
        run.summary == null
    }

    def "serial runs the play through one batch of hosts after another"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false, serial: 2) {
    debug 'one', msg: 'x'
    command 'two', cmd: 'true', changedWhen: true, notify: 'reload'
    handlers {
        debug 'reload', msg: 'x'
    }
} }
''', hosts: ['h1', 'h2', 'h3'])

        then: 'each batch has its handlers at its end'
        run.ran == ['one: h1 ok, h2 ok', 'two: h1 changed, h2 changed', 'reload: h1 ok, h2 ok',
                    'one: h3 ok', 'two: h3 changed', 'reload: h3 ok']
    }

    def "a batch whose every host failed ends the play and the playbook; a rescued batch does not"() {
        when:
        def failed = PlaybookRun.of(dir, '''\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false, serial: 1) {
        verify 'break', that: { host != 'h1' }
    }
    play('next', hosts: 'web', gatherFacts: false) {
        debug 'next', msg: 'x'
    }
}
''', hosts: TWO)
        def rescued = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false, serial: 1) {
    block('b') {
        verify 'break', that: { host != 'h1' }
    } rescue {
        debug 'mend', msg: 'x'
    }
} }
''', hosts: TWO)

        then:
        failed.ran == ['break: h1 failed']
        failed.out.contains("play 'p' stopped in batch 1 of 2 (h1): every host of the batch failed; not started: h2;"
                + " the playbook ends here")
        failed.summary.retryHosts() == ['h1']
        rescued.ran == ['break: h1 failed', 'mend: h1 ok', 'break: h2 ok']
        rescued.summary.exitCode() == 0
    }
}
