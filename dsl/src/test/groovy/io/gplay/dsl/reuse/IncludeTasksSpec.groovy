package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import io.gplay.engine.run.RunOptions
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * includeTasks against importTasks: an include's condition is asked once per host when the run reaches it, an
 * import's before each task inside; an include's loop takes its tasks in once per item.
 */
class IncludeTasksSpec extends Specification {
    @TempDir
    Path dir

    /** ssh_hardening's trap: the first task inside changes what the condition reads. */
    static final String WEAK_MACS = '''\
setFact 'legacy done', legacy: false
setFact 'weak macs', macs: 'hmac-ripemd160,hmac-sha1'
'''

    def "an include's condition is asked once when reached; an import's again before each task inside"() {
        given:
        write('tasks/weak.groovy', WEAK_MACS)

        when:
        def run = PlaybookRun.of([:], dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    setFact 'start', legacy: true, macs: 'hmac-sha2-512'
    ${call} 'tasks/weak.groovy', when: { legacy }
    debug 'macs', msg: { "macs=\${macs}" }
} }
""")

        then:
        run.summary.exitCode() == 0
        run.out.contains("macs=${macs}")
        run.ran.contains('weak macs: h1 ' + weak)

        where:
        call           | macs                        | weak
        'includeTasks' | 'hmac-ripemd160,hmac-sha1'  | 'ok'
        'importTasks'  | 'hmac-sha2-512'             | 'skipping'
    }

    def "an include's loop takes its tasks in once per item on each host, item and the include's values in their scope"() {
        given:
        write('tasks/user.groovy', "debug 'user', msg: { \"user=\${item} shell=\${shell} on \${host}\" }\n")

        when:
        def run = PlaybookRun.of([hosts: ['h1', 'h2'], hostVars: [h1: [users: ['ann', 'bob']], h2: [users: ['cy']]]],
                dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    includeTasks 'tasks/user.groovy', loop: { users }, shell: '/bin/bash'
} }
""")

        then:
        run.summary.exitCode() == 0
        ['user=ann shell=/bin/bash on h1', 'user=bob shell=/bin/bash on h1', 'user=cy shell=/bin/bash on h2']
                .every { run.out.contains(it) }
        run.out.count('TASK [user]') == 2
        run.stats('h1').ok() == 2 && run.stats('h2').ok() == 1
    }

    def "a host whose include condition is false skips the include once, none of the tasks inside are shown for it"() {
        given:
        write('tasks/t.groovy', "debug 'inside', msg: 'in'\n")

        when:
        def run = PlaybookRun.of([hosts: ['h1', 'h2']], dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    includeTasks 'tasks/t.groovy', when: { host == 'h1' }
} }
""")

        then:
        run.ran == ['includeTasks tasks/t.groovy: h1 ok, h2 skipping', 'inside: h1 ok']
    }

    def "the included file is built and checked with the plan, before any host: its problems and a missing file"() {
        given:
        write('tasks/bad.groovy', "comand 'x', cmd: 'true'\n")
        def f = write('p.groovy', '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    includeTasks 'tasks/bad.groovy', when: { false }
    includeTasks 'tasks/gone.groovy'
    includeTasks 'tasks/bad.groovy', become_user: 'x'
} }
''')

        when:
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))
        def plan = PlaybookRun.problems { loader.load(f) }
        def check = PlaybookRun.problems { loader.check(f) }

        then:
        plan.any { it.startsWith("${dir}/tasks/bad.groovy:1: unknown module or method 'comand'") }
        plan.contains("${f}:3: includeTasks: no task file 'tasks/gone.groovy' (looked for ${dir}/tasks/gone.groovy)".toString())
        plan.any { it.startsWith("${f}:4: includeTasks: 'become_user' is Ansible's keyword of a task") }
        PlaybookRun.verdict { loader.load(f) } == PlaybookRun.verdict { loader.check(f) }
        !check.isEmpty()
    }

    def "an includeTasks among handlers is refused by the plan and by --syntax-check alike"() {
        given:
        write('tasks/t.groovy', "debug 'inside', msg: 'in'\n")
        def f = write('p.groovy', '''\
playbook('p') { play('p', hosts: 'web') {
    debug 'x', msg: 'y'
    handlers {
        includeTasks 'tasks/t.groovy'
    }
} }
''')

        when:
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))

        then:
        PlaybookRun.verdict { loader.load(f) } == "${f}:4: includeTasks: handlers are taken in when the plan is made;" +
                " write importTasks there"
        PlaybookRun.verdict { loader.check(f) } == PlaybookRun.verdict { loader.load(f) }
    }

    def "with --tags, a tagged include runs its tagged tasks and an untagged include none, as Ansible's include_tasks"() {
        given:
        write('tasks/t.groovy', "debug 'inside', msg: 'in', tags: 'web'\n")

        when:
        def run = PlaybookRun.of([options: RunOptions.builder().tasks(['web'], [], null, false).build()], dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    includeTasks 'tasks/t.groovy', tags: 'web'
    includeTasks 'tasks/t.groovy'
} }
""")

        then:
        run.ran == ['includeTasks tasks/t.groovy: h1 ok', 'inside: h1 ok']
    }

    Path write(String name, String text) {
        Path p = dir.resolve(name)
        Files.createDirectories(p.parent)
        Files.writeString(p, text)
        p
    }
}
