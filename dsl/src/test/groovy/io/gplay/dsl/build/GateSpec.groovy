package io.gplay.dsl.build

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import io.gplay.engine.run.RunOptions
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path

/**
 * Health gates of a rolling play on local hosts: checks that must pass before each batch starts and after it
 * ends, asked again until they pass or time runs out, then the play and the playbook stop, changing nothing more;
 * the checks only read, count nowhere in the recap, and bad options are refused at their line by a run and by
 * {@code --syntax-check} alike.
 */
class GateSpec extends Specification {
    @TempDir
    Path dir

    static List<String> hosts(int n) {
        (1..n).collect { "h$it".toString() }
    }

    /** A play on web in batches of one whose gate checks that {@code dir/ready} exists, by a read-only command. */
    String gated(String gateOptions, String tasks = "debug 'work', msg: 'x'") {
        """\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false, serial: 1) {
        gate('ready', ${gateOptions}) {
            command 'ready is there', argv: ['test', '-e', '${dir.resolve('ready')}'], readOnly: true
        }
        ${tasks}
    }
    play('next', hosts: 'web', gatherFacts: false) {
        debug 'next', msg: 'x'
    }
}
"""
    }

    def "a gate that passes lets each batch start, shown before and after each, and counts nowhere in the recap"() {
        given:
        Files.createFile(dir.resolve('ready'))

        when:
        def run = PlaybookRun.of(dir, gated('timeout: 5, delay: 0.1'), hosts: hosts(2))

        then:
        run.summary.exitCode() == 0
        run.ran == ['work: h1 ok', 'work: h2 ok', 'next: h1 ok, h2 ok']
        ['before batch 1 of 2 (h1)', 'after batch 1 of 2 (h1)', 'before batch 2 of 2 (h2)', 'after batch 2 of 2 (h2)']
                .every { run.out.contains("GATE [ready] $it") }
        run.out.count('passes') == 4
        run.stats('h1').ok() == 2
    }

    def "a gate none of whose checks applies is skipped, said so, and lets the batch go"() {
        when:
        def run = PlaybookRun.of(dir, gated('timeout: 1, delay: 0.5').replace("readOnly: true", "readOnly: true, when: { false }"),
                hosts: hosts(1))

        then:
        run.summary.exitCode() == 0
        run.out.count("skipping: no check applies (each one's when is false)") == 2
        !run.out.contains('passes')
        run.ran == ['work: h1 ok', 'next: h1 ok']
    }

    def "a gate that does not pass in time stops the play and the playbook before the batch, changing nothing"() {
        when:
        def run = PlaybookRun.of(dir, gated('timeout: 1, delay: 0.3', "command 'touch', argv: ['touch', '--', '${dir.resolve('touched')}']"),
                hosts: hosts(2))

        then: 'nothing ran, and the run says why, where, and which hosts it did not start'
        run.ran.isEmpty()
        !Files.exists(dir.resolve('touched'))
        run.out.contains("not yet (try 1): h1: 'ready is there' failed")
        run.out =~ /play 'p' stopped before batch 1 of 2 \(h1\): gate 'ready' \(.*p\.groovy:3\) did not pass within 1 s \(\d tries\): h1: 'ready is there' failed/
        run.out.contains('; not started: h1, h2; the playbook ends here')

        and: 'a failed run, whose batch is to be retried; the checks failed no host'
        run.summary.exitCode() == 2
        run.summary.retryHosts() == ['h1']
        run.stats('h1').failed() == 0
    }

    def "a gate asked again passes once the cluster comes back, and the batch starts then"() {
        given: 'a cluster that is not ready when first asked, and is by the next asking (whatever the load)'
        def once = gated('timeout: 10, delay: 0.1').replace("argv: ['test', '-e', '${dir.resolve('ready')}']",
                "argv: ['sh', '-c', 'test -e \"\$1\" || { : > \"\$1\"; exit 1; }', 'sh', '${dir.resolve('ready')}']")
        assert once.contains("'sh', '-c'")

        when:
        def run = PlaybookRun.of(dir, once, hosts: hosts(1))

        then:
        run.summary.exitCode() == 0
        run.out.contains('not yet (try 1)')
        run.out =~ /passes \(try \d+\)/
        run.ran == ['work: h1 ok', 'next: h1 ok']
    }

    def "an after gate that does not pass stops the play after the batch: the next batch is not started"() {
        given: 'the batch removes what the gate looks for'
        Files.createFile(dir.resolve('ready'))

        when:
        def run = PlaybookRun.of(dir, gated('before: false, timeout: 1, delay: 0.5',
                "command 'break it', argv: ['rm', '--', '${dir.resolve('ready')}']"), hosts: hosts(2))

        then:
        run.ran == ['break it: h1 changed']
        run.out =~ /play 'p' stopped after batch 1 of 2 \(h1\): gate 'ready' .* did not pass within 1 s/
        run.out.contains('not started: h2; the playbook ends here')
        run.summary.exitCode() == 2
        run.summary.retryHosts().isEmpty()
    }

    def "in check mode the gate is asked once and says whether the batch would start now"() {
        when:
        def run = PlaybookRun.of(dir, gated('timeout: 600, delay: 60'), hosts: hosts(1),
                options: RunOptions.defaults().withCheck(true))

        then: 'no ten-minute wait: one asking, and the stop a real run would come to'
        run.out.count('not yet (try') == 1
        run.out =~ /gate 'ready' \(.*p\.groovy:3\) does not pass now, and a run would wait for it up to 600 s/
        run.summary.exitCode() == 2
    }

    def "a check that would change its host does not pass, and changes nothing: the checks run in check mode"() {
        given:
        Path made = dir.resolve('made')

        when:
        def run = PlaybookRun.of(dir, """\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false) {
        gate('only reads', timeout: 1, delay: 0.5) {
            copy 'writes', dest: '${made}', content: 'x'
            command 'runs', argv: ['touch', '--', '${made}']
        }
        debug 'work', msg: 'x'
    }
}
""", hosts: hosts(1))

        then:
        !Files.exists(made)
        run.out.contains("h1: 'writes' would change the host (a gate's check only reads)")
        run.summary.exitCode() == 2
    }

    def "a command check that is not readOnly cannot run in check mode: the gate says so"() {
        when:
        def run = PlaybookRun.of(dir, """\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false) {
        gate('only reads', timeout: 1, delay: 0.5) {
            command 'runs', argv: ['true']
        }
        debug 'work', msg: 'x'
    }
}
""", hosts: hosts(1))

        then:
        run.out.contains("h1: 'runs' cannot run in check mode (a gate's check only reads: a command needs readOnly: true)")
        run.summary.exitCode() == 2
    }

    @Timeout(20)
    def "an interrupted run stops waiting for a gate at once"() {
        given:
        def plan = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache')).load('p.groovy', 'p.groovy',
                gated('timeout: 3600, delay: 60'))
        def bytes = new ByteArrayOutputStream()
        def runner = PlaybookRun.runner(['h1'], [:], RunOptions.defaults(), new PrintStream(bytes, true))

        when:
        Thread.start { sleep(700); runner.interrupt() }
        long t0 = System.nanoTime()
        def summary = runner.run(plan)

        then:
        (System.nanoTime() - t0) / 1e9 < 10
        summary.exitCode() == 99
        bytes.toString().contains('was not asked again: the run was interrupted')
    }

    def "#options: refused at its line by a run and by --syntax-check alike"() {
        given:
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, """\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false) {
        gate('g', ${options}) {
            ${checks}
        }
        debug 'work', msg: 'x'
    }
}
""")
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))

        expect:
        PlaybookRun.problems { loader.load(f) }.any { it.contains("p.groovy:${line}: ") && it.contains(problem) }
        !checked || PlaybookRun.problems { loader.check(f) }.any { it.contains("p.groovy:${line}: ") && it.contains(problem) }

        where:
        options                       | checks                              | checked || line | problem
        'timeout: 0'                  | "debug 'c', msg: 'x'"               | true    || 3    | "gate 'g': timeout must be a whole number of seconds from 1 to 86400, got '0'"
        "timeout: '5m'"               | "debug 'c', msg: 'x'"               | true    || 3    | 'timeout must be a whole number of seconds'
        'delay: 600'                  | "debug 'c', msg: 'x'"               | true    || 3    | "delay must be a number of seconds above 0 and at most the timeout (300), got '600'"
        'before: false, after: false' | "debug 'c', msg: 'x'"               | true    || 3    | 'gate nothing; leave one true'
        'tmeout: 5'                   | "debug 'c', msg: 'x'"               | true    || 3    | "unknown option 'tmeout' (did you mean 'timeout'?)"
        'timeout: 5'                  | "block('b') { debug 'c', msg: 'x' }" | true   || 4    | "block: a gate's checks are tasks, not blocks"
        'timeout: 5'                  | ''                                  | false   || 3    | "gate 'g': no checks"
    }
}
