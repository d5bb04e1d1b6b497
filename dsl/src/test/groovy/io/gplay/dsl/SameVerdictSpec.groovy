package io.gplay.dsl

import io.gplay.engine.module.ModuleRegistry
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * A task call gets the same verdict from {@code --syntax-check} ({@link StaticCheck}, reading the source) as from
 * building the plan ({@code run}, {@code --list-tasks}): every example {@code gplay doc} shows, and forms of the
 * DSL that the two once judged differently.
 */
class SameVerdictSpec extends Specification {
    @TempDir
    Path dir

    static final ModuleRegistry MODULES = ModuleRegistry.load()

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
        Files.writeString(dir.resolve('templates/nodes.tpl'), 'x\n')
        Files.writeString(f, "playbook('p') {\n  play('p', hosts: 'all', gatherFacts: false) {\n${task}\n"
                + "  handlers {\n${handlers}\n  }\n  }\n}\n")
        def loader = new PlaybookLoader(MODULES, dir.resolve('cache'))

        expect:
        verdict { loader.check(f) } == verdict { loader.load(f) }
        verdict { loader.load(f) } == 'ok'

        where:
        task << examples() + ["setFact 'ports', http: 80, https: 443"]
    }
}
