package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * includeTasks whose file is chosen on each host, Ansible's {@code include_tasks: "{{ ansible_os_family }}.yml"}:
 * every file the name can pick (the .groovy files of the folder its text starts in, beginning and ending as it does;
 * for any other closure, those beside the including file) is built and checked with the plan; each host takes in
 * the one its name picks, and a host whose name picks none fails alone.
 */
class IncludeTasksPerHostSpec extends Specification {
    @TempDir
    Path dir

    static final String PLAYBOOK = '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    importTasks 'tasks/main.groovy'
    debug 'after', msg: { "after on ${host}" }
} }
'''

    def setup() {
        write('tasks/RedHat.groovy', "debug 'redhat', msg: { \"yum on \${host}\" }\n")
        write('tasks/Debian.groovy', "debug 'debian', msg: { \"apt on \${host} for \${user}\" }\n")
    }

    def "two hosts whose variables differ take in different files, each file's tasks on its hosts alone"() {
        given:
        write('tasks/main.groovy', include + "\n")

        when:
        def run = PlaybookRun.of([hosts: ['h1', 'h2'], hostVars: [h1: [osFamily: 'RedHat'], h2: [osFamily: 'Debian']]],
                dir, PLAYBOOK)

        then:
        run.summary.exitCode() == 0
        run.out.contains('yum on h1') && run.out.contains('apt on h2 for ann')
        !run.out.contains('yum on h2') && !run.out.contains('apt on h1')
        run.ran == ["${TITLE}: h1 ok, h2 ok", 'redhat: h1 ok', 'debian: h2 ok', 'after: h1 ok, h2 ok']*.toString()

        where:
        include << ['includeTasks(user: \'ann\') { "${osFamily}.groovy" }',
                    'includeTasks file: { "${vars.osFamily}.groovy" }, user: \'ann\'',
                    'includeTasks(user: \'ann\') { osFamily == \'RedHat\' ? \'RedHat.groovy\' : \'Debian.groovy\' }']
    }

    def "with a loop, the name is computed for each item, item in its scope"() {
        given:
        write('tasks/main.groovy', 'includeTasks(loop: [\'RedHat\', \'Debian\'], user: \'bob\') { "${item}.groovy" }\n')

        when:
        def run = PlaybookRun.of([hosts: ['h1']], dir, PLAYBOOK)

        then:
        run.summary.exitCode() == 0
        run.out.contains('yum on h1') && run.out.contains('apt on h1 for bob')
    }

    def "a host whose name picks no file fails there, told what it computed and what it could pick; the others go on"() {
        given:
        write('tasks/main.groovy', 'includeTasks(user: \'ann\') { "${osFamily}.groovy" }\n')

        when:
        def run = PlaybookRun.of([hosts: ['h1', 'h2'], hostVars: [h1: [osFamily: 'RedHat'], h2: [osFamily: name]]],
                dir, PLAYBOOK)

        then:
        run.summary.exitCode() != 0
        def main = "${dir}/tasks/main.groovy"
        run.out.contains("${main}:1: includeTasks: ${what.replace('MAIN', main)}; the files this include can pick"
                + " (the .groovy files beside ${main}, checked with the plan):"
                + " Debian.groovy, RedHat.groovy")
        run.ran == ["${TITLE}: h1 ok, h2 failed", 'redhat: h1 ok', 'after: h1 ok']*.toString()
        run.stats('h2').failed() == 1

        where:
        name        | what
        'Suse'      | "no task file 'Suse.groovy' for this host"
        '../Debian' | "'../Debian.groovy' is outside the folder of MAIN, and gplay reads no task file outside it"
    }

    def "an error in a file no host would pick is found with the plan, and by --syntax-check alike"() {
        given:
        write('tasks/main.groovy', 'includeTasks { "${osFamily}.groovy" }\n')
        write('tasks/Suse.groovy', "comand 'zypper', cmd: 'true'\n")
        def f = write('p.groovy', PLAYBOOK)

        when:
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))
        def plan = PlaybookRun.problems { loader.load(f) }

        then:
        plan.size() == 1
        plan[0].startsWith("${dir}/tasks/Suse.groovy:1: unknown module or method 'comand'")
        PlaybookRun.verdict { loader.check(f) } == PlaybookRun.verdict { loader.load(f) }
    }

    def "a name that starts in a folder picks among that folder's files that begin and end as it does"() {
        given:
        write('os/setup-RedHat.groovy', "debug 'redhat', msg: { \"yum on \${host}\" }\n")
        write('os/setup-Debian.groovy', "debug 'debian', msg: { \"apt on \${host}\" }\n")
        write('os/other.groovy', "comand 'not a file the name can pick'\n")

        when:
        def run = PlaybookRun.of([hosts: ['h1', 'h2'], hostVars: [h1: [osFamily: 'RedHat'], h2: [osFamily: 'Suse']]],
                dir, """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    includeTasks { "os/setup-\${osFamily}.groovy" }
} }
""")

        then:
        run.problems.isEmpty()
        run.out.contains('yum on h1')
        run.out.contains("${dir}/p.groovy:2: includeTasks: no task file 'os/setup-Suse.groovy' for this host; the files"
                + " this include can pick (the .groovy files in os/ beside ${dir}/p.groovy named setup-*.groovy, checked"
                + " with the plan): os/setup-Debian.groovy, os/setup-RedHat.groovy")
        run.stats('h2').failed() == 1
    }

    def "in a role's tasks, the name picks among its setup-*.groovy; a task file imported with values of its own is left alone"() {
        given:
        write('roles/ntp/tasks/main.groovy', 'importTasks \'config.groovy\', server: \'pool\'\n'
                + 'includeTasks { "setup-${osFamily}.groovy" }\n')
        write('roles/ntp/tasks/config.groovy', "debug 'config', msg: { \"server \${server} on \${host}\" }\n")
        write('roles/ntp/tasks/setup-RedHat.groovy', "debug 'chrony', msg: { \"chrony on \${host}\" }\n")
        write('roles/ntp/tasks/setup-Debian.groovy', "debug 'ntpd', msg: { \"ntpd on \${host}\" }\n")

        when:
        def run = PlaybookRun.of([hosts: ['h1', 'h2'], hostVars: [h1: [osFamily: 'RedHat'], h2: [osFamily: 'Debian']]],
                dir, "playbook('p') { play('p', hosts: 'web', gatherFacts: false) {\n    role 'ntp'\n} }\n")

        then:
        run.problems.isEmpty()
        run.summary.exitCode() == 0
        ['server pool on h1', 'server pool on h2', 'chrony on h1', 'ntpd on h2'].every { run.out.contains(it) }
        !run.out.contains('chrony on h2') && !run.out.contains('ntpd on h1')
    }

    def "a name computed per host with nothing it can pick, or starting outside the tree, is refused with the plan"() {
        given:
        def f = write('p.groovy', """\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    includeTasks { "${start}\${osFamily}.groovy" }
} }
""")

        when:
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))

        then:
        PlaybookRun.verdict { loader.load(f) }.startsWith("${f}:2: includeTasks: ${said.replace('FILE', f.toString()).replace('DIR', dir.toString())}")
        PlaybookRun.verdict { loader.check(f) } == PlaybookRun.verdict { loader.load(f) }

        where:
        start       | said
        'os/'       | 'a file chosen per host is one of the .groovy files in os/ beside FILE, and there is none;' +
                ' write the task files it picks there'
        ''          | 'a file chosen per host is one of the .groovy files beside FILE, and there is none;' +
                ' write the task files it picks there'
        '../other/' | "'../other' is outside the playbook's folder (DIR); gplay reads no file outside it"
    }

    def "an includeTasks given no file is refused with the plan and by --syntax-check"() {
        given:
        def f = write('p.groovy', '''\
playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
    includeTasks when: { true }
} }
''')

        when:
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))

        then:
        PlaybookRun.verdict { loader.load(f) }.startsWith("${f}:2: includeTasks: name its file")
        PlaybookRun.verdict { loader.check(f) } == PlaybookRun.verdict { loader.load(f) }
    }

    static final String TITLE = 'includeTasks (a file per host)'

    Path write(String name, String text) {
        Path p = dir.resolve(name)
        Files.createDirectories(p.parent)
        Files.writeString(p, text)
        p
    }
}
