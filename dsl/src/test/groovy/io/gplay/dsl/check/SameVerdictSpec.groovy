package io.gplay.dsl.check

import io.gplay.dsl.DslException
import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import io.gplay.engine.module.ModuleRegistry
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * A task call gets the same verdict from {@code --syntax-check} ({@link StaticCheck}, reading the source) as from
 * building the plan ({@code run}, {@code --list-tasks}): every example {@code gplay doc} shows, every bundled
 * playbook, and every bundled role used with and without its parameters ({@link SameVerdictCorpusSpec} holds
 * the forms of the DSL, good and bad).
 */
class SameVerdictSpec extends Specification {
    @TempDir
    Path dir

    static final ModuleRegistry MODULES = ModuleRegistry.load()
    /** The bundled playbooks' folder in the source tree (the tests run in dsl/). */
    static final Path BUNDLED = Path.of('..', 'playbooks').toAbsolutePath().normalize()

    static List<String> examples() {
        MODULES.all().values().collectMany { m -> m.spec().examples().collect { it.readLines().join('\n') } }
    }

    String verdict(Closure<?> load) {
        try {
            load()
            return 'ok'
        } catch (DslException e) {
            return e.problems().collect { it.replaceAll(/^.*?:\d+: /, '') }.join('\n')
        }
    }

    def "#task: the same verdict from --syntax-check and from the plan, and no problem"() {
        given: 'the handlers the task notifies, and the files it names'
        Path f = dir.resolve('p.groovy')
        String handlers = (task =~ /notify: '([^']+)'/).collect { "debug '${it[1]}', msg: 'x'" }.join('\n')
        Files.createDirectories(dir.resolve('templates'))
        Files.writeString(dir.resolve('templates/nodes.gtpl'), 'x\n')
        Files.writeString(dir.resolve('templates/nginx.conf.j2'), 'x\n')
        Files.writeString(f, "playbook('p') {\n  play('p', hosts: 'all', gatherFacts: false) {\n${task}\n"
                + "  handlers {\n${handlers}\n  }\n  }\n}\n")
        def loader = new PlaybookLoader(MODULES, dir.resolve('cache'))

        expect:
        verdict { loader.check(f) } == verdict { loader.load(f) }
        verdict { loader.load(f) } == 'ok'

        where:
        task << examples() + ["setFact 'ports', http: 80, https: 443"]
    }

    def "the bundled #name: the same verdict from --syntax-check and from the plan, and no problem"() {
        given:
        def loader = new PlaybookLoader(MODULES, dir.resolve('cache'))
        Path f = BUNDLED.resolve(name)

        expect:
        PlaybookRun.verdict { loader.check(f) } == PlaybookRun.verdict { loader.load(f) }
        PlaybookRun.verdict { loader.load(f) } == 'ok'

        where:
        name << Files.list(BUNDLED).withCloseable { s -> s.toList() }*.fileName*.toString().findAll { it.endsWith('.groovy') }.sort()
    }

    def "the bundled role #role, used #how: the same verdict from --syntax-check and from the plan"() {
        given: 'a copy of the bundled roles and library, and a play that uses the role'
        copy(BUNDLED.resolve('roles'), dir.resolve('roles'))
        copy(BUNDLED.resolve('lib'), dir.resolve('lib'))
        def loader = new PlaybookLoader(MODULES, dir.resolve('cache'))
        String params = given ? loader.role(dir, role).orElseThrow().params().findAll { it.required() }
                .collect { ", ${it.name()}: { vars.${it.name()} }" }.join('') : ''
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, "playbook('p') {\n  play('p', hosts: 'all') {\n    role '${role}'${params}\n  }\n}\n")
        String plan = PlaybookRun.verdict { loader.load(f) }

        expect:
        PlaybookRun.verdict { loader.check(f) } == plan
        given ? plan == 'ok' : true

        where:
        [role, how, given] << Files.list(BUNDLED.resolve('roles')).withCloseable { s -> s.toList() }*.fileName*.toString()
                .sort().collectMany { [[it, 'with its required parameters', true], [it, 'alone', false]] }
    }

    private static void copy(Path from, Path to) {
        Files.walk(from).withCloseable { s ->
            s.forEach { p -> Files.copy(p, to.resolve(from.relativize(p).toString())) }
        }
    }

    def "#task: Ansible's habit gets gplay's name, from --syntax-check as from the plan"() {
        given:
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, "playbook('p') {\n  play('p', hosts: 'all', gatherFacts: false) {\n${task}\n  }\n}\n")
        def loader = new PlaybookLoader(MODULES, dir.resolve('cache'))

        expect:
        verdict { loader.check(f) } == verdict { loader.load(f) }
        verdict { loader.load(f) } == expected

        where:
        task                                                                  | expected
        "command 'x', cmd: 'true', ignore_errors: true"                       | "command: unknown parameter 'ignore_errors' (did you mean 'ignoreErrors'? gplay's names are camelCase)"
        "command 'x', cmd: 'true', changed_when: false"                       | "command: unknown parameter 'changed_when' (did you mean 'changedWhen'? gplay's names are camelCase)"
        "setFact 'x', port: 80, run_once: true"                               | "setFact: unknown parameter 'run_once' (did you mean 'runOnce'? gplay's names are camelCase)"
        "service 'x', state: 'started', daemon_reload: true"                  | "service: unknown parameter 'daemon_reload' (did you mean 'daemonReload'? gplay's names are camelCase)"
        "command 'x', cmd: 'true', ignoreError: true"                         | "command: unknown parameter 'ignoreError' (did you mean 'ignoreErrors'?)"
        "debug 'x', msg: 'y', delegateto: 'h1'"                               | "debug: unknown parameter 'delegateto' (did you mean 'delegateTo'?)"
        "command 'x', cmd: 'true', with_items: ['a']"                         | "command: unknown parameter 'with_items' (Ansible's with_items: write loop: [...]; each value is item in the task's closures)"
        "command 'x', cmd: 'true', loop_control: [label: 'a']"                | "command: unknown parameter 'loop_control' (gplay's loop takes no loop_control: each value is item in the task's closures)"
        "command 'x', cmd: 'true', become_user: 'pg'"                         | "command: unknown parameter 'become_user' (did you mean 'becomeUser'? it is a play's option in gplay: play('p', hosts: 'all', becomeUser: 'postgres'))"
        "command 'x', cmd: 'true', check_mode: false"                         | "command: unknown parameter 'check_mode' (Ansible's check_mode: a check run changes nothing on any host in gplay; a command that only reads runs in one when it says readOnly: true)"
        "block('b', ignore_errors: true) { debug 'x', msg: 'y' }"             | "block: unknown keyword 'ignore_errors' (did you mean 'ignoreErrors'? gplay's names are camelCase)"
        "block('b', with_items: [1]) { debug 'x', msg: 'y' }"                 | "block: unknown keyword 'with_items' (Ansible's with_items: write loop: [...]; each value is item in the task's closures)"
    }

    def "a role or task file given Ansible's keyword, and a role missing by a typo, get the same hint from --syntax-check"() {
        given:
        Files.createDirectories(dir.resolve('roles/web/tasks'))
        Files.writeString(dir.resolve('roles/web/tasks/main.groovy'), "debug 'x', msg: 'y'\n")
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, "playbook('p') {\n  play('p', hosts: 'all', gatherFacts: false) {\n${call}\n  }\n}\n")
        def loader = new PlaybookLoader(MODULES, dir.resolve('cache'))

        expect:
        verdict { loader.check(f) } == verdict { loader.load(f) }
        verdict { loader.load(f) }.startsWith(expected)

        where:
        call                               | expected
        "role 'web', ignore_errors: true"  | "role: 'ignore_errors' is Ansible's keyword of a task (gplay's 'ignoreErrors'), not of role (which takes when and tags); give it to the tasks inside"
        "role 'web', ignoreErrors: true"   | "role: 'ignoreErrors' is a keyword of a task, not of role (which takes when and tags); give it to the tasks inside"
        "role 'webb'"                      | "no role 'webb' (did you mean 'web'?; looked in "
    }
}
