package io.gplay.dsl.build

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * A play's rollout on local hosts, as ansible-playbook's: {@code serial} batches (a number, a percentage, a list
 * whose last size repeats), {@code maxFailPercentage} and {@code anyErrorsFatal} stopping the play and the
 * playbook with the reason and the hosts not started, the hosts to retry, and bad values refused at their line.
 */
class SerialSpec extends Specification {
    @TempDir
    Path dir

    static List<String> hosts(int n) {
        (1..n).collect { "h$it".toString() }
    }

    /** The hosts of each batch, as the console showed them running the play's one task. */
    List<String> batches(Object serial, int n) {
        def run = PlaybookRun.of(dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false, serial: ${serial.inspect()}) {
    debug 'one', msg: 'x'
} }
""", hosts: hosts(n))
        assert run.summary.exitCode() == 0
        run.ran.collect { it.replace('one: ', '').replace(' ok', '') }
    }

    def "serial #serial on #n hosts runs batches #expected"() {
        expect:
        batches(serial, n) == expected

        where:
        serial              | n || expected
        2                   | 5 || ['h1, h2', 'h3, h4', 'h5']
        0                   | 3 || ['h1, h2, h3']
        '50%'               | 5 || ['h1, h2', 'h3, h4', 'h5']
        '30%'               | 3 || ['h1', 'h2', 'h3']
        '100%'              | 3 || ['h1, h2, h3']
        [1, '40%', 3]       | 7 || ['h1', 'h2, h3', 'h4, h5, h6', 'h7']
        [1, 2]              | 6 || ['h1', 'h2, h3', 'h4, h5', 'h6']
    }

    def "more failed hosts of a batch than maxFailPercentage stop the play and the playbook; as many do not"() {
        given:
        String text = '''\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false, serial: 2, maxFailPercentage: PCT) {
        verify 'break', that: { host != 'h2' }
        debug 'after', msg: 'x'
    }
    play('next', hosts: 'web', gatherFacts: false) {
        debug 'next', msg: 'x'
    }
}
'''

        when:
        def stopped = PlaybookRun.of(dir, text.replace('PCT', '49'), hosts: hosts(4))
        def going = PlaybookRun.of(dir, text.replace('PCT', '50'), hosts: hosts(4))

        then:
        stopped.ran == ['break: h1 ok, h2 failed']
        stopped.out.contains("play 'p' stopped in batch 1 of 2 (h1, h2): maxFailPercentage 49%: 1 of the batch's 2"
                + " hosts failed (50%); not started: h3, h4; the playbook ends here")
        stopped.summary.exitCode() == 2
        stopped.summary.retryHosts() == ['h1', 'h2']
        stopped.stats('h1').failed() == 0

        going.ran == ['break: h1 ok, h2 failed', 'after: h1 ok', 'break: h3 ok, h4 ok', 'after: h3 ok, h4 ok',
                      'next: h1 ok, h3 ok, h4 ok']
        going.summary.exitCode() == 2
        going.summary.retryHosts() == ['h2']
    }

    def "maxFailPercentage counts the batch's hosts, not the play's, and neither rescued nor unreachable ones"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false, serial: [1, 3], maxFailPercentage: '40%') {
    block('b') {
        verify 'mend me', that: { host != 'h1' }
    } rescue {
        debug 'mended', msg: 'x'
    }
    verify 'break', that: { host != 'h3' && host != 'h4' }
} }
''', hosts: hosts(4))

        then: 'h1 rescued goes on; 2 of the second batch of 3 failed (67%)'
        run.ran == ['mend me: h1 failed', 'mended: h1 ok', 'break: h1 ok', 'mend me: h2 ok, h3 ok, h4 ok',
                    'break: h2 ok, h3 failed, h4 failed']
        run.out.contains("play 'p' stopped in batch 2 of 2 (h2, h3, h4): maxFailPercentage 40%: 2 of the batch's 3"
                + " hosts failed (66.7%); not started: none; the playbook ends here")
        run.summary.retryHosts() == ['h2', 'h3', 'h4']
    }

    def "anyErrorsFatal stops the play on every host after the task that failed, a rescue still mends"() {
        when:
        def fatal = PlaybookRun.of(dir, '''\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false, anyErrorsFatal: true) {
        verify 'break', that: { host != 'h2' }
        debug 'after', msg: 'x'
        handlers {
            debug 'reload', msg: 'x'
        }
    }
    play('next', hosts: 'web', gatherFacts: false) {
        debug 'next', msg: 'x'
    }
}
''', hosts: hosts(3))
        def rescued = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false, anyErrorsFatal: true) {
    block('b') {
        verify 'mend me', that: { host != 'h2' }
    } rescue {
        debug 'mended', msg: 'x'
    }
    debug 'after', msg: 'x'
} }
''', hosts: hosts(3))

        then:
        fatal.ran == ['break: h1 ok, h2 failed, h3 ok']
        fatal.out.contains("play 'p' stopped in batch 1 of 1 (h1, h2, h3): anyErrorsFatal: h2 failed in task 'break'"
                + " (${dir.resolve('p.groovy')}:3); not started: none; the playbook ends here")
        fatal.summary.exitCode() == 2
        fatal.summary.retryHosts() == ['h1', 'h2', 'h3']

        rescued.ran == ['mend me: h1 ok, h2 failed, h3 ok', 'mended: h2 ok', 'after: h1 ok, h2 ok, h3 ok']
        rescued.summary.exitCode() == 0
        rescued.summary.retryHosts() == []
    }

    def "a block's anyErrorsFatal is its tasks', and a task's own wins over the play's"() {
        when:
        def run = PlaybookRun.of(dir, '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false, anyErrorsFatal: true) {
    verify 'not fatal', that: { host != 'h3' }, anyErrorsFatal: false
    block('b', anyErrorsFatal: false) {
        verify 'not fatal either', that: { host != 'h2' }
    }
    debug 'still going', msg: 'x'
    block('c') {
        verify 'fatal', that: { host != 'h1' }
    }
    debug 'after', msg: 'x'
} }
''', hosts: hosts(4))

        then:
        run.ran == ['not fatal: h1 ok, h2 ok, h3 failed, h4 ok', 'not fatal either: h1 ok, h2 failed, h4 ok',
                    'still going: h1 ok, h4 ok', 'fatal: h1 failed, h4 ok']
        run.out.contains("anyErrorsFatal: h1 failed in task 'fatal'")
        run.summary.retryHosts() == ['h1', 'h2', 'h3', 'h4']
    }

    def "#what is refused at the play's line before any host is touched, by a run and by --syntax-check"() {
        given:
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, "playbook('p') {\n  play('p', hosts: 'web', gatherFacts: false, ${option}) {\n"
                + "    debug 'x', msg: 'y'\n  }\n}\n")
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))

        expect:
        PlaybookRun.problems { loader.load(f) } == ["${f}:2: ${message}".toString()]
        PlaybookRun.problems { loader.check(f) } == ["${f}:2: ${message}".toString()]

        where:
        what                | option                       | message
        'no percent'        | "serial: '0%'"               | "serial: '0%': a batch is from 1% to 100% of the play's hosts"
        'a word'            | "serial: 'abc'"              | "serial: 'abc' is no batch size; give " + RolloutOptions.SERIAL_FORMS
        'a word in a list'  | "serial: [1, 'abc']"         | "serial: 'abc' is no batch size; give " + RolloutOptions.SERIAL_FORMS
        'an empty list'     | 'serial: []'                 | 'serial: an empty list gives no batch size; give ' + RolloutOptions.SERIAL_FORMS
        'a fraction'        | 'serial: 1.5'                | "serial: '1.5' is no batch size; give " + RolloutOptions.SERIAL_FORMS
        'over 100'          | 'maxFailPercentage: 120'     | "maxFailPercentage must be a percentage from 0 to 100 (a number, or '30%'), got '120'"
        'a word as a flag'  | "anyErrorsFatal: 'yes'"      | "anyErrorsFatal must be true or false, got 'yes'"
    }
}
