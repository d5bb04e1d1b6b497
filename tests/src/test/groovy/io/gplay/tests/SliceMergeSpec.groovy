package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * A fleet run as four `gplay run --slice K/4` processes side by side, their JSON reports merged by
 * `gplay report merge`, gives what one run over the fleet gives: each host's recap line, the exit code, the hosts
 * to retry. The hosts are local (ansible_connection=local), so that the test costs processes, not sshds.
 */
class SliceMergeSpec extends Specification {
    @TempDir
    Path work

    static final int HOSTS = 40

    /** Hosts n01..n40; every seventh one bad, every fifth quiet. */
    Path inventory() {
        def lines = ['all:', '  vars:', '    ansible_connection: local', '  hosts:']
        (1..HOSTS).each { i ->
            lines << "    n${String.format('%02d', i)}:".toString()
            lines << "      bad: ${i % 7 == 3}".toString()
            lines << "      quiet: ${i % 5 == 0}".toString()
        }
        Path inv = work.resolve('fleet.yml')
        inv.text = lines.join('\n') + '\n'
        inv
    }

    static final String PLAYBOOK = '''\
playbook('fleet') {
    play('fleet', hosts: 'all', gatherFacts: false) {
        file 'a folder of its own', path: { "${vars.out}/${host}" }, state: 'directory'
        verify 'healthy', that: { !vars.bad }, msg: 'marked bad'
        debug 'said', msg: 'hello', when: { !vars.quiet }
    }
}
'''

    /** The recap's host lines, sorted, and the line of the exit code left aside. */
    static List<String> recap(String out) {
        out.readLines().findAll { it ==~ /^n\d\d +: ok=.*/ }.collect { it.replaceAll(/ +/, ' ') }.sort()
    }

    def "four slices as four processes, merged, give the recap and exit code of one run"() {
        given:
        Path inv = inventory()
        work.resolve('site.groovy').text = PLAYBOOK
        Path cache = work.resolve('cache')
        def args = { String out, String... more ->
            (['run', 'site.groovy', '-i', inv.toString(), '-f', '20', '-e', "out=${work.resolve(out)}".toString()]
                    + more.toList()) as String[]
        }

        when: 'one run over the fleet, then the four slices at once'
        def whole = Gplay.run(work, cache, args('whole', '--retry-file', 'whole.retry'))
        def started = (1..4).collect { k ->
            Gplay.start(work, cache, args("slice${k}", '--slice', "${k}/4", '--report', "json=slice${k}.jsonl"))
        }
        def slices = started.collect { it.finishWithin(120) }
        def merged = Gplay.run(work, cache, 'report', 'merge', 'slice1.jsonl', 'slice2.jsonl', 'slice3.jsonl',
                'slice4.jsonl', '--retry-file', 'merged.retry')

        then:
        whole.rc == 2
        slices.every { it.rc in [0, 2] }
        recap(whole.out).size() == HOSTS
        // every host ran in one slice, each slice on its own part of the fleet
        slices.sum { recap(it.out).size() } == HOSTS
        (1..4).every { k -> Files.list(work.resolve("slice${k}")).count() == recap(slices[k - 1].out).size() }
        merged.rc == whole.rc
        recap(merged.out) == recap(whole.out)
        work.resolve('merged.retry').readLines() == work.resolve('whole.retry').readLines()

        when: 'a slice missing'
        def missing = Gplay.run(work, cache, 'report', 'merge', 'slice1.jsonl', 'slice2.jsonl', 'slice4.jsonl')

        then:
        missing.rc == 1
        missing.err.contains('slice 3/4 missing')
    }

    def "a bad slice is refused before anything is read, with the fix"() {
        when:
        work.resolve('site.groovy').text = PLAYBOOK
        def run = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', 'nosuch.yml', '--slice', '0/4')

        then:
        run.rc == 1
        run.err.trim() == 'gplay: --slice 0/4: K counts from 1 to N (1/4 to 4/4); a Kubernetes completion index' +
                ' counts from 0: pass $((JOB_COMPLETION_INDEX + 1))/4'
    }
}
