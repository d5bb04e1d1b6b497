package io.gplay.dsl

import io.gplay.dsl.build.AnsibleCondition
import io.gplay.engine.plan.Deferred
import io.gplay.engine.plan.HostScope

import java.nio.file.Files
import java.nio.file.Path

class PlaybookLoaderSpec extends TreeSpec {
    def "a playbook becomes plays, tasks and handlers with their source lines"() {
        given:
        def f = write('site.groovy', '''\
playbook('site') {
    play('gluster', hosts: 'ovirt', serial: 1) {
        packages 'glusterfs-server'
        service 'glusterd', state: 'started', enabled: true, notify: 'restart glusterd'
        handlers {
            service 'restart glusterd', name: 'glusterd', state: 'restarted'
        }
    }
}
''')

        when:
        def pb = loader().load(f)
        def play = pb.plays()[0]

        then:
        pb.name() == 'site'
        play.hosts() == 'ovirt'
        play.rollout().serial() == [1]
        play.tasks()*.module() == ['package', 'service']
        play.tasks()[0].params().name == 'glusterfs-server'
        play.tasks()[1].title() == 'glusterd'
        play.tasks()[1].params() == [state: 'started', enabled: true, name: 'glusterd']
        play.tasks()[1].options().handlers() == ['restart glusterd']
        play.tasks()[1].source().toString() == "${f}:4"
        play.handlers()*.title() == ['restart glusterd']
    }

    def "a play's tags are each of its tasks' too"() {
        given:
        def f = write('tags.groovy', '''\
playbook('t') {
    play('firewall', hosts: 'all', tags: 'firewall') {
        command 'rules', cmd: 'true', tags: ['rules']
        command 'apply', cmd: 'true'
    }
    play('other', hosts: 'all') {
        command 'untagged', cmd: 'true'
    }
}
''')

        when:
        def pb = loader().load(f)

        then:
        pb.plays()[0].tasks()*.options()*.tags() == [['rules', 'firewall'], ['firewall']]
        pb.plays()[1].tasks()[0].options().tags() == []
    }

    def "every problem is reported with file and line before anything runs"() {
        given:
        def f = write('bad.groovy', '''\
playbook('bad') {
    play('p', hosts: 'all') {
        servce 'glusterd', state: 'started'
    }
    play('q', hosts: 'all') {
        service 'glusterd', stat: 'started'
        file '/x', state: 'sideways'
        lineinfile 'no path', line: 'x'
        copy 'c', dest: '/x', content: 'y', notify: 'nosuch handler'
    }
}
''')

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems() == [
                "${f}:3: unknown module or method 'servce' (did you mean 'service'?)",
                "${f}:6: service: unknown parameter 'stat' (did you mean 'state'?)",
                "${f}:6: service: give 'state', 'enabled' or 'daemonReload'",
                "${f}:7: file: parameter 'state' must be one of [file, directory, link, absent, touch], got 'sideways'",
                "${f}:8: lineinfile: missing required parameter 'path'",
                "${f}:9: notify 'nosuch handler': no such handler in play 'q'",
        ]*.toString()
    }

    def "a play option written as Ansible writes it gets gplay's name"() {
        given:
        def f = write('ansible.groovy', """\
playbook('a') {
    play('p', hosts: 'all', gather_facts: false, become_user: 'pg', gatherfacts: true) {
        debug 'x', msg: 'y'
    }
}
""")

        expect:
        PlaybookRun.problems { loader().load(f) } == [
                "${f}:2: play 'p': unknown option 'gather_facts' (did you mean 'gatherFacts'? gplay's names are camelCase)",
                "${f}:2: play 'p': unknown option 'become_user' (did you mean 'becomeUser'? gplay's names are camelCase)",
                "${f}:2: play 'p': unknown option 'gatherfacts' (did you mean 'gatherFacts'?)",
        ]*.toString()
    }

    def "a condition is a closure or true/false: a string, Ansible's form, is refused, and so is check:"() {
        given:
        def f = write('conditions.groovy', """\
playbook('c') {
    play('p', hosts: 'all') {
        shell 'rm', cmd: 'rm -f /srv/important', when: 'vars.really_delete'
        debug 'x', msg: 'x', changedWhen: 'false', failedWhen: { result.rc > 1 }, until: 0
        shell 'install', cmd: 'yum -y install x', check: false
        debug 'y', msg: 'y', when: false
    }
}
""")

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems() == [
                "${f}:3: when must be a closure or true/false, got the string 'vars.really_delete' (write it as a closure: when: { vars.really_delete })",
                "${f}:4: changedWhen must be a closure or true/false, got the string 'false' (write it as a closure: changedWhen: { false })",
                "${f}:4: until must be a closure or true/false, got '0'",
                "${f}:5: check: a check run changes nothing on any host, so no task runs for real in one; a command that only reads runs in check runs too when it says so: readOnly: true",
        ]*.toString()
    }

    def "modes and regular expressions are checked when the plan is made: a decimal mode, a symbolic one, a broken pattern"() {
        given:
        def f = write('modes.groovy', """\
playbook('m') {
    play('p', hosts: 'all') {
        file '/srv/a', state: 'directory', mode: 755
        file '/srv/b', state: 'directory', mode: 0755
        copy 'c', dest: '/srv/c', content: 'x', mode: '0644'
        copy 'd', dest: '/srv/d', content: 'x', mode: 644
        file '/srv/e', state: 'touch', mode: 'u+x'
        lineinfile 'f', path: '/srv/f', regexp: '^(workers=', line: 'workers=4'
        lineinfile 'g', path: '/srv/g', regexp: ~/^port=/, line: 'port=80', insertafter: '^main'
    }
}
""")

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems()*.readLines()*.first() == [
                "${f}:3:50: mode: 755 is a decimal number (01363 as a mode); write '0755' or 0755",
                "${f}:6:55: mode: 644 is a decimal number (01204 as a mode); write '0644' or 0644",
        ]*.toString()

        when: 'the numbers written as modes'
        Files.writeString(f, Files.readString(f).replace('mode: 755', "mode: '0755'").replace('mode: 644', "mode: '0644'"))
        loader().load(f)

        then: 'a mode that is no octal mode and a regexp that is no regular expression are refused before any run'
        e = thrown()
        e.problems() == [
                "${f}:7: file: parameter 'mode' must be an octal mode such as '0644', got String u+x",
                "${f}:8: lineinfile: parameter 'regexp' is no regular expression: Unclosed group at index 10 in '^(workers='",
        ]*.toString()
    }

    def "paths on the host are absolute: a title written as a description is not taken for a relative path"() {
        given:
        def f = write('paths.groovy', """\
playbook('p') {
    play('p', hosts: 'all') {
        file 'make the app directory', state: 'directory'
        copy 'motd', dest: 'etc/motd', content: 'hi'
        file '/srv/app', state: 'directory'
        copy 'per host', dest: { "/srv/\${host}" }, content: 'hi'
    }
}
""")

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems() == [
                "${f}:3: file: parameter 'path' must be an absolute path, got 'make the app directory' (a task's title is its path when path: is not given)",
                "${f}:4: copy: parameter 'dest' must be an absolute path, got 'etc/motd'",
        ]*.toString()
    }

    def "a local file a task names is looked for beside the playbook when the plan is made"() {
        given:
        Files.createDirectories(dir.resolve('files'))
        Files.writeString(dir.resolve('files/motd'), 'hi\n')
        def f = write('local.groovy', """\
playbook('l') {
    play('p', hosts: 'all') {
        copy 'motd', src: 'files/motd', dest: '/etc/motd'
        copy 'issue', src: 'files/issue', dest: '/etc/issue'
        template 'conf', src: 'templates/app.conf', dest: '/etc/app.conf'
        copy 'per host', src: { "files/\${host}" }, dest: '/etc/per-host'
    }
}
""")

        when:
        loader().load(f)

        then: 'the missing ones are named with the path looked for; a per-host name is checked when it runs'
        DslException e = thrown()
        e.problems() == [
                "${f}:4: copy: src 'files/issue' is no file (looked for ${dir.resolve('files/issue')})",
                "${f}:5: template: src 'templates/app.conf' is no file (looked for ${dir.resolve('templates/app.conf')})",
        ]*.toString()
    }

    def "a helper method defined in the playbook is not mistaken for a module"() {
        given:
        def f = write('helper.groovy', '''\
def brick(String h, int i) { "${h}:/gluster/meta${i}" }
playbook('h') {
    play('p', hosts: 'all') {
        command 'echo', cmd: brick('lab1', 0)
    }
}
''')

        expect:
        loader().load(f).plays()[0].tasks()[0].params().cmd == 'lab1:/gluster/meta0'
    }

    def "a syntax error is reported with its line"() {
        given:
        def f = write('syntax.groovy', "playbook('x') {\n  play('p', hosts: 'all') {\n    file '/a', state: \n  }\n}\n")

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems().size() == 1
        e.problems()[0].startsWith("${f}:")
    }

    def "closures are per-host values computed from the host's scope"() {
        given:
        def f = write('closures.groovy', '''\
playbook('c') {
    play('p', hosts: 'all') {
        copy 'peers', dest: '/tmp/peers', content: { (groups.ovirt - host).join(',') + ' ' + vars.pool },
             when: { facts.osFamily == 'Debian' }
    }
}
''')
        def task = loader().load(f).plays()[0].tasks()[0]
        def scope = new HostScope('h1', [pool: 'vg0'], [osFamily: 'Debian'], [ovirt: ['h1', 'h2', 'h3']], [:], false)

        expect:
        task.params().content.resolve(scope) == 'h2,h3 vg0'
        task.options().when().resolve(scope) == true
    }

    def "an undefined variable in a per-host value names the variable and the host"() {
        given:
        def f = write('undefined.groovy', "playbook('u') { play('p', hosts: 'all') { copy 'x', dest: '/x', content: { nosuch } } }\n")
        def task = loader().load(f).plays()[0].tasks()[0]

        when:
        task.params().content.resolve(new HostScope('h1', [:], [:], [:], [:], false))

        then:
        HostScope.UndefinedVariable e = thrown()
        e.message == "'nosuch' is not defined for host h1"
    }

    def "compiled playbooks are cached by content"() {
        given:
        def f = write('cached.groovy', "playbook('c') { play('p', hosts: 'all') { command 'true' } }\n")
        def cache = dir.resolve('cache')

        when:
        loader().load(f)
        def entries = Files.list(cache).withCloseable { it.toList() }
        loader().load(f)
        Files.writeString(f, "playbook('c2') { play('p', hosts: 'all') { command 'false' } }\n")
        loader().load(f)

        then:
        entries.size() == 1
        Files.list(cache).withCloseable { it.count() } == 2
    }
    def "a closure inside a list or a map parameter is a per-host value too"() {
        given:
        def f = write('deep.groovy', """\
playbook('d') {
    play('p', hosts: 'all') {
        command 'say', argv: ['echo', { host }, [nested: { vars.pool }]]
    }
}
""")
        def task = loader().load(f).plays()[0].tasks()[0]
        def scope = new HostScope('h1', [pool: 'vg0'], [:], [:], [:], false)

        expect: 'each closure is computed on the host, wherever it sits'
        Deferred.resolveAll(task.params().argv, scope) == ['echo', 'h1', [nested: 'vg0']]
    }

    def "a literal parameter of the wrong type is found when the plan is made, in a list as anywhere"() {
        given:
        def f = write('types.groovy', """\
playbook('t') {
    play('p', hosts: 'all') {
        command 'first', cmd: 'true'
        lineinfile 'motd', path: '/etc/motd', line: ['a', 'b']
    }
}
""")

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems().size() == 1
        e.problems()[0].startsWith("${f}:4: lineinfile: parameter 'line' must be a string")
    }
    def "any legal file name and any register name work: a Java keyword, a name the script also registers"() {
        given:
        def f = write(name, """\
playbook('k') {
    play('p', hosts: 'all') {
        command 'probe', cmd: 'true', register: '${register}'
        debug 'show', msg: { ${register}.stdout }
    }
}
""")
        def tasks = loader().load(f).plays()[0].tasks()
        def scope = new HostScope('h1', [(register): [stdout: 'seen']], [:], [:], [:], false)

        expect:
        tasks[1].params().msg.resolve(scope) == 'seen'

        where:
        name              | register
        'long.groovy'     | 'out'
        'int.groovy'      | 'out'
        'once.groovy'     | 'once'
        'my-site.groovy'  | 'result'
        '2024.groovy'     | 'x'
    }
    def "a register name that gplay's own scope would hide is refused, result and item work outside their keywords"() {
        given:
        def f = write('reg.groovy', """\
playbook('r') {
    play('p', hosts: 'all') {
        command 'probe', cmd: 'true', register: 'facts'
    }
}
""")
        def scope = new HostScope('h1', [result: [rc: 3], item: 'registered'], [:], [:], [:], false)

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems()[0].startsWith("${f}:3: register: 'facts' is a name gplay gives every per-host value")
        scope.result.rc == 3
        scope.item == 'registered'
        scope.withResult([rc: 0]).result.rc == 0
        scope.withItem('looped').item == 'looped'
    }
    def "syntax errors name line and column, show the line with a caret, and say what is wrong in plain words"() {
        given:
        def f = write('broken.groovy', text)

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems().size() == 1
        def lines = e.problems()[0].readLines()
        lines[0] == "${f}:${at}: ${sentence}".toString()
        lines.size() == 1 || lines[2].indexOf('^') == lines[2].length() - 1

        where:
        text                                                                                   | at     | sentence
        "playbook('x') {\n  play('p', hosts: 'all') {\n    command 'true'\n  \n}\n"           | '6:1'  | "a '{' is not closed: the block opened on line 1 has no '}'"
        "playbook('x') {\n  play('p', hosts: 'all') {\n    command 'true\n  }\n}\n"           | '3:13' | 'a string is not closed: the quote here has no closing quote on its line'
        "playbook('x') {\n  play('p', hosts: 'all') {\n    file '/a', state: 'file' mode: '0644'\n  }\n}\n" | '3:34' | "a comma is missing before 'mode:' (a task's title and its parameters are separated by commas: file '/etc/motd', state: 'file', mode: '0644')"
        "playbook('x') {\n  play('p', hosts: 'all') {\n    command 'true'\n  }\n}\n}\n"      | '6:1'  | "a '}' closes nothing: the one on line 6 has no '{' before it"
        "playbook('x') {\n  play('p', hosts: 'all') {\n    file '/a', state: \n  }\n}\n"       | '4:3'  | "'state:' has no value"
        "playbook('x') {\n  play('p', hosts: 'all') {\n    file '/a' state: 'absent'\n  }\n}\n" | '3'    | "a comma is missing before 'state:' (a task's title and its parameters are separated by commas: file '/etc/motd', state: 'file', mode: '0644')"
    }
    def "a play of 3000 tasks compiles, and each task keeps its own line"() {
        given:
        def tasks = (1..3000).collect { "        copy 'f${it}', dest: '/srv/f${it}', content: 'x${it}\\n', mode: '0644'" }
        def f = write('big.groovy', "playbook('big') {\n    play('p', hosts: 'all') {\n${tasks.join('\n')}\n    }\n}\n")

        when:
        def play = loader().load(f).plays()[0]

        then:
        play.tasks().size() == 3000
        play.tasks()[2999].params().dest == '/srv/f3000'
        play.tasks()[2999].source().line() == 3002

        and: '--syntax-check counts them all, and finds no problem in the blocks that hold them'
        loader().check(f).tasks() == 3000
    }

    def "--syntax-check compiles and checks the source without running any of its code"() {
        given:
        Path marker = dir.resolve('ran')
        def f = write('untrusted.groovy', """\
new File('${marker}').text = 'the playbook ran'
System.exit(3)
playbook('u') {
    play('p', hosts: 'all') {
        copy 'x', dest: '/tmp/x', content: 'y', mod: '0644'
        lineinfile 'motd', path: '/etc/motd', line: ['a', 'b']
        comand 'typo'
        command 'fine', cmd: { vars.x }, register: 'out'
    }
}
""")

        when:
        loader().check(f)

        then: 'what the source says is checked, and none of its code ran'
        DslException e = thrown()
        e.problems() == [
                "${f}:5: copy: unknown parameter 'mod' (did you mean 'mode'?)",
                "${f}:6: lineinfile: parameter 'line' must be a string, got ArrayList [a, b]",
                "${f}:7: unknown module or method 'comand' (did you mean 'command'?)",
        ]*.toString()
        !Files.exists(marker)

        when: 'a clean playbook'
        Files.writeString(f, Files.readString(f).replace('mod:', 'mode:').replace("['a', 'b']", "'a'").replace('comand', 'command'))
        def summary = loader().check(f)

        then:
        summary.plays() == 1
        summary.tasks() == 4
        !Files.exists(marker)
    }

    def "annotations that run code while compiling are refused"() {
        given:
        Path marker = dir.resolve('compiled')
        def f = write('ast.groovy', """\
@groovy.transform.ASTTest(value = { new File('${marker}').text = 'ran at compile time' })
def x = 1
playbook('a') { play('p', hosts: 'all') { command 'true' } }
""")

        when:
        loader().check(f)

        then:
        DslException e = thrown()
        e.problems()[0].startsWith("${f}:1:1: @groovy.transform.ASTTest runs or fetches code while the playbook is compiled")
        !Files.exists(marker)
    }
    def "an Ansible condition is refused with the closure gplay takes, in gplay's names"() {
        expect:
        AnsibleCondition.asClosure(ansible) == closure

        where:
        ansible                                                              | closure
        'ansible_os_family == "Debian"'                                      | "{ facts.osFamily == 'Debian' }"
        'ansible_facts["distribution_major_version"] == "6" and not reboot' | "{ facts.distributionMajorVersion == '6' && !vars.reboot }"
        'proxy is defined or inventory_hostname in groups["db"]'            | "{ vars.proxy != null || host in groups['db'] }"
        'vars.really_delete'                                                 | '{ vars.really_delete }'
    }
    def "a NUL in a value is refused with its line before any host is touched"() {
        given:
        def f = write('nul.groovy', "playbook('n') {\n    play('p', hosts: 'all') {\n        command 'x', argv: ['echo', 'a\\u0000b']\n    }\n}\n")

        when:
        loader().load(f)

        then:
        DslException e = thrown()
        e.problems() == ["${f}:3: command: parameter 'argv' holds a NUL character (\\0), which no command line or file name can carry".toString()]
    }
    def "a per-host value knows the variables it needs, and leaves out those it reads as optional"() {
        given:
        def f = write('uses.groovy', """\
def port = 80
playbook('v') {
    play('p', hosts: 'all') {
        copy 'conf', dest: '/etc/app.conf', content: { "v=\${vars.app_version} p=\${port} m=\${motd}" }
        copy 'opt', dest: '/etc/opt.conf', content: { "a=\${vars.a ?: 1} b=\${vars.b != null} \${vars.c ? vars.c : 2} \${vars?.d} \${vars.e?.trim()}" },
             when: { vars.enabled && facts.osFamily == 'Debian' }
        command 'loop', argv: ['echo', { item }], loop: { groups.web.collect { h -> hostvars[h].port } }
    }
}
""")
        def tasks = loader().load(f).plays()[0].tasks()

        expect:
        Deferred.variablesIn(tasks[0].params()) == ['app_version', 'motd'] as Set
        Deferred.variablesIn(tasks[1].params()) == [] as Set
        tasks[1].options().when().variables() == [] as Set
        Deferred.variablesIn(tasks[2].params()) == [] as Set
        Deferred.variablesIn(tasks[2].options().loop()) == [] as Set
    }
}
