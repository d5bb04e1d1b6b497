package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.TreeSpec
import io.gplay.engine.module.ModuleRegistry
import io.gplay.engine.plan.HostScope
import io.gplay.engine.vault.VaultPassword
import io.gplay.engine.vault.VaultSecrets

import java.nio.file.Files
import java.nio.file.Path

/** Task files, roles, libraries and variables files, as the plan sees them (their runs: tests' ReuseSpec). */
class ReuseSpec extends TreeSpec {
    def "a task file is taken in where it is imported, its path relative to the file that imports it"() {
        given:
        write('plays/tasks/common.groovy', '''\
command 'greet', cmd: "echo ${greeting}"
importTasks 'more/last.groovy', n: 2
''')
        write('plays/tasks/more/last.groovy', '''\
debug 'last', msg: { "n=${vars.n} greeting=${greeting}" }
''')
        def f = write('plays/site.groovy', '''\
playbook('p') {
    play('x', hosts: 'all') {
        debug 'first', msg: 'one'
        importTasks 'tasks/common.groovy', greeting: 'hello', tags: 'common', when: { vars.go }
        debug 'after', msg: 'two'
    }
}
''')

        when:
        def tasks = loader().load(f).plays()[0].tasks()

        then:
        tasks*.title() == ['first', 'greet', 'last', 'after']
        tasks[1].params().cmd == 'echo hello'
        tasks[1].source().toString() == "${dir}/plays/tasks/common.groovy:1"
        tasks[2].source().toString() == "${dir}/plays/tasks/more/last.groovy:1"
        tasks[1].options().tags() == ['common']
        tasks[2].vars().n == 2 && tasks[2].vars().greeting == 'hello'
        tasks[1].options().when().resolve(scope([go: false])) == false
        tasks[2].options().when().resolve(scope([go: true])) == true
        tasks[3].options().when() == null
    }

    def "a role with declared parameters: used twice with different values, its defaults under them"() {
        given:
        role('web', '''\
argument_specs:
  main:
    short_description: A web server
    options:
      port:
        type: int
        required: true
        description: the port it listens on
      site:
        type: str
        default: default
''', '''\
copy "site ${site}", dest: "/etc/web/${site}.conf", content: { "listen ${vars.port}\\n" }, notify: 'reload web'
''', '''\
command 'reload web', cmd: 'true', listen: 'web changed'
''')
        write('roles/web/defaults/main.yml', 'motd: welcome\n')
        def f = write('site.groovy', '''\
playbook('p') {
    play('x', hosts: 'all') {
        role 'web', port: 80, site: 'a'
        role 'web', port: 8080
        command 'restart all', cmd: 'true', notify: 'web changed'
    }
}
''')

        when:
        def play = loader().load(f).plays()[0]

        then:
        play.tasks()*.title() == ['site a', 'site default', 'restart all']
        play.tasks()[0].vars() == [port: 80, site: 'a']
        play.tasks()[1].vars() == [port: 8080]
        play.tasks()[1].defaults() == [site: 'default', motd: 'welcome']
        play.handlers()*.title() == ['reload web']
        play.handlers()[0].options().listen() == ['web changed']
    }

    def "a wrong or missing role parameter is the role line's problem, before any host"() {
        given:
        role('web', '''\
argument_specs:
  main:
    options:
      port: {type: int, required: true}
''', "debug 'x', msg: 'y'\n", null)
        def f = write('site.groovy', '''\
playbook('p') {
    play('x', hosts: 'all') {
        role 'web', prot: 80
        role 'web', port: 'eighty'
        role 'nosuch'
    }
}
''')

        expect:
        def p = problems { loader().load(f) }
        p.contains("${f}:3: role web: unknown parameter 'prot' (did you mean 'port'?)")
        p.contains("${f}:3: role web: missing required parameter 'port'")
        p.contains("${f}:4: role web: parameter 'port' must be an int")
        p.contains("${f}:5: no role 'nosuch' (looked in ")
    }

    def "an error inside a nested role is reported at its own file's line, with the chain that brought it in"() {
        given:
        role('outer', null, '''\
debug 'outer', msg: 'o'
role 'inner'
''', null)
        role('inner', null, '''\
debug 'inner', msg: 'i'
servce 'x', state: 'started'
''', null)
        def f = write('site.groovy', '''\
playbook('p') {
    play('x', hosts: 'all') {
        role 'outer'
    }
}
''')

        expect:
        problems { loader().load(f) } == "${dir}/roles/inner/tasks/main.groovy:2: unknown module or method 'servce' (did you mean 'service'?)" +
                " [in role 'inner' used at ${dir}/roles/outer/tasks/main.groovy:2, in role 'outer' used at ${f}:3]"
    }

    def "a role that takes itself in again is refused, not followed for ever"() {
        given:
        role('loop', null, "role 'loop'\n", null)
        def f = write('site.groovy', "playbook('p') { play('x', hosts: 'all') { role 'loop' } }\n")

        expect:
        problems { loader().load(f) }.contains("role 'loop' takes itself in again")
    }

    def "roles that need each other through their dependencies are refused, not followed for ever"() {
        given:
        role('a', null, "debug 'a', msg: 'a'\n", null)
        role('b', null, "debug 'b', msg: 'b'\n", null)
        write('roles/a/meta/main.yml', 'dependencies: [b]\n')
        write('roles/b/meta/main.yml', 'dependencies: [a]\n')
        def f = write('site.groovy', "playbook('p') { play('x', hosts: 'all') { role 'a' } }\n")

        expect:
        problems { loader().load(f) } == "${dir}/roles/b/meta/main.yml: role 'a' takes itself in again (role 'a' used at " +
                "${dir}/roles/b/meta/main.yml, in role 'b' used at ${dir}/roles/a/meta/main.yml, role 'a' used at ${f}:1)" +
                " [in role 'b' used at ${dir}/roles/a/meta/main.yml, in role 'a' used at ${f}:1]"
    }

    def "a role's dependencies come first, with their parameters"() {
        given:
        role('base', null, 'debug \'base\', msg: { "level ${vars.level}" }\n', null)
        role('app', null, "debug 'app', msg: 'a'\n", null)
        write('roles/app/meta/main.yml', 'dependencies:\n  - {role: base, level: 3}\n')
        def f = write('site.groovy', "playbook('p') { play('x', hosts: 'all') { role 'app' } }\n")

        when:
        def tasks = loader().load(f).plays()[0].tasks()

        then:
        tasks*.title() == ['base', 'app']
        tasks[0].vars().level == 3
    }

    def "copy in a role finds its file in the role's files/ first"() {
        given:
        role('motd', null, "copy 'motd', dest: '/etc/motd', src: 'motd.txt'\n", null)
        write('roles/motd/files/motd.txt', 'hello\n')
        def f = write('site.groovy', "playbook('p') { play('x', hosts: 'all') { role 'motd' } }\n")

        expect:
        loader().load(f).plays()[0].tasks()[0].params().src == dir.resolve('roles/motd/files/motd.txt').toString()
    }

    def "a looped template in a role finds its src in the role's templates/, and a missing one is found when the plan is made"() {
        given:
        role('app', null, """\
template 'conf', src: 'app.conf', dest: { "/etc/app/\${item}.conf" }, loop: ['a', 'b']
template 'gone', src: 'nope.conf', dest: { "/etc/app/\${item}.conf" }, loop: ['a']
""", null)
        write('roles/app/templates/app.conf', 'x\n')
        def f = write('site.groovy', "playbook('p') { play('x', hosts: 'all') { role 'app' } }\n")

        expect:
        problems { loader().load(f) } == "${dir}/roles/app/tasks/main.groovy:2: template: src 'nope.conf' is no file (looked for " +
                "${dir}/roles/app/files/nope.conf, ${dir}/roles/app/templates/nope.conf, ${dir}/roles/app/nope.conf, " +
                "${dir}/roles/app/tasks/nope.conf) [in role 'app' used at ${f}:1]"

        when:
        role('app', null, "template 'conf', src: 'app.conf', dest: { \"/etc/app/\${item}.conf\" }, loop: ['a', 'b']\n", null)

        then:
        loader().load(f).plays()[0].tasks()[0].params().src == dir.resolve('roles/app/templates/app.conf').toString()
    }

    def "a library's method adds tasks when a play calls it, and its classes are usable by name"() {
        given:
        write('lib/web.groovy', '''\
def openPort(int port) {
    command "open ${port}", cmd: "echo ${Ports.name(port)}"
}
''')
        write('lib/Ports.groovy', '''\
class Ports {
    static String name(int p) { p == 80 ? 'http' : "port${p}" }
}
''')
        def f = write('site.groovy', '''\
def local() {
    debug 'local helper', msg: 'x'
}
playbook('p') {
    play('x', hosts: 'all') {
        openPort 80
        local()
    }
}
''')

        when:
        def tasks = loader().load(f).plays()[0].tasks()

        then:
        tasks*.title() == ['open 80', 'local helper']
        tasks[0].params().cmd == 'echo http'
        tasks[0].source().toString() == "${dir}/lib/web.groovy:2"
    }

    def "a play's varsFiles are read beside its file, later files over earlier, over its vars"() {
        given:
        write('vars/a.yml', 'x: 1\ny: a\n')
        write('vars/b.yml', 'y: b\n')
        def f = write('site.groovy', '''\
playbook('p') {
    play('x', hosts: 'all', vars: [x: 0, z: 9], varsFiles: ['vars/a.yml', 'vars/b.yml']) {
        debug 'd', msg: 'm'
    }
    play('y', hosts: 'all', varsFiles: 'vars/none.yml') {
        debug 'd', msg: 'm'
    }
}
''')

        when:
        def p = problems { loader().load(f) }

        then:
        p == "${f}:5: varsFiles: no file 'vars/none.yml' beside ${f}"

        when:
        Files.writeString(dir.resolve('vars/none.yml'), 'w: 1\n')

        then:
        loader().load(f).plays()[0].vars() == [x: 1, z: 9, y: 'b']
    }

    def "an encrypted variables file is opened with the run's vault password; a wrong one is the play line's problem"() {
        given:
        def pw = new VaultPassword('default', 'right'.bytes)
        write('vars/secrets.yml', VaultSecrets.encrypt('db_password: s3cret\n'.bytes, pw))
        def f = write('site.groovy', """\
playbook('p') {
    play('x', hosts: 'all', varsFiles: 'vars/secrets.yml') {
        debug 'd', msg: 'm'
    }
}
""")

        expect:
        loader().vault(new VaultSecrets([pw], false)).load(f).plays()[0].vars() == [db_password: 's3cret']
        problems { loader().vault(new VaultSecrets([new VaultPassword('default', 'wrong'.bytes)], false)).load(f) }
                .startsWith("${f}:2: varsFiles: ")
    }

    def "setFact gathers its named values as facts"() {
        given:
        def f = write('site.groovy', "playbook('p') { play('x', hosts: 'all') { setFact 'ports', http: 80, peer: { host } } }\n")

        when:
        def t = loader().load(f).plays()[0].tasks()[0]

        then:
        t.module() == 'setFact'
        t.params().facts.http == 80
        t.params().facts.peer instanceof io.gplay.engine.plan.Deferred
    }

    def "--syntax-check follows task files and roles named by a literal, and runs none of their code"() {
        given:
        role('web', null, "servce 'x'\nSystem.exit(3)\n", null)
        write('tasks/t.groovy', "comand 'x', cmd: 'y'\n")
        def f = write('site.groovy', '''\
playbook('p') {
    play('x', hosts: 'all') {
        importTasks 'tasks/t.groovy'
        role 'web'
        role 'gone'
    }
}
''')

        when:
        def p = problems { loader().check(f) }

        then:
        p.contains("${f}:5: no role 'gone'")
        p.contains("${dir}/tasks/t.groovy:1: unknown module or method 'comand'")
        p.contains("${dir}/roles/web/tasks/main.groovy:1: unknown module or method 'servce'")
    }

    void role(String name, String specs, String tasks, String handlers) {
        if (specs) {
            write("roles/${name}/meta/argument_specs.yml", specs)
        }
        if (tasks) {
            write("roles/${name}/tasks/main.groovy", tasks)
        }
        if (handlers) {
            write("roles/${name}/handlers/main.groovy", handlers)
        }
    }

    static HostScope scope(Map vars) {
        new HostScope('h1', vars, [:], [:], [:], false)
    }
}
