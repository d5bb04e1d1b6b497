package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.TreeSpec
import io.gplay.engine.inventory.Host
import io.gplay.engine.inventory.Inventory
import io.gplay.engine.module.Module
import io.gplay.engine.module.ModuleRegistry
import io.gplay.engine.report.ConsoleReporter
import io.gplay.engine.run.RunOptions
import io.gplay.engine.run.Runner
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases

import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream

/** A playbook's modules of its own (modules/NAME.groovy) and modules in plugin jars, made, checked and run. */
class OwnModulesSpec extends TreeSpec {
    /** The worked example of docs/writing-a-module.md. */
    static final Path EXAMPLE = Path.of('..', 'examples', 'modules', 'nfsExport.groovy')

    /** Runs the plan on a local host h1 with the modules the loader made it with; what the console showed. */
    String run(PlaybookLoader loader, Path playbook, boolean check) {
        def plan = loader.load(playbook)
        def out = new ByteArrayOutputStream()
        def inventory = new Inventory([h1: new Host('h1', ['web'], [ansible_connection: 'local'])], [web: ['h1']])
        def summary = new Runner(inventory, loader.modules(playbook.parent),
                RunOptions.builder().output(check, true, 0).build(),
                new ConsoleReporter(new PrintStream(out, true), false, true, 0)).run(plan)
        assert summary.exitCode() == 0, out.toString()
        out.toString()
    }

    Path nfsPlaybook() {
        Files.createDirectories(dir.resolve('modules'))
        Files.copy(EXAMPLE, dir.resolve('modules/nfsExport.groovy'))
        write('site.groovy', """\
playbook('nfs') {
    play('share', hosts: 'web', gatherFacts: false) {
        nfsExport '/srv/share', clients: '10.0.0.0/24', exportsFile: '${dir}/exports', reload: ['touch', '${dir}/reloaded']
    }
}
""")
    }

    def "a Groovy module beside the playbook predicts its change with a diff in check mode, then makes it once"() {
        given:
        Path site = nfsPlaybook()
        Files.writeString(dir.resolve('exports'), '/srv/old 10.0.0.9(ro)\n')

        when:
        def check = run(loader(), site, true)

        then: 'the line and the reload are predicted, the diff shown, nothing written or run'
        check.contains('+/srv/share 10.0.0.0/24(rw,sync,no_subtree_check)')
        check.contains('reload the exports')
        Files.readString(dir.resolve('exports')) == '/srv/old 10.0.0.9(ro)\n'
        !Files.exists(dir.resolve('reloaded'))

        when:
        run(loader(), site, false)

        then:
        Files.readString(dir.resolve('exports')) == '/srv/old 10.0.0.9(ro)\n/srv/share 10.0.0.0/24(rw,sync,no_subtree_check)\n'
        Files.exists(dir.resolve('reloaded'))

        when: 'again: nothing differs, so nothing is written nor reloaded'
        Files.delete(dir.resolve('reloaded'))
        def again = run(loader(), site, false)

        then:
        again =~ /h1 +: ok=1 +changed=0/
        !Files.exists(dir.resolve('reloaded'))
    }

    def "a bad call to a module of one's own is refused with its file and line when the plan is made"() {
        given:
        nfsPlaybook()
        write('site.groovy', '''\
playbook('nfs') {
    play('share', hosts: 'web', gatherFacts: false) {
        nfsExport '/srv/share', client: '10.0.0.0/24'
        nfsExport 'srv/relative', clients: '*', state: 'gone'
    }
}
''')

        expect:
        def said = problems { loader().load(dir.resolve('site.groovy')) }
        said.contains('site.groovy:3: ') && said.contains("'client'")
        said.contains("site.groovy:4: ")
        said.contains("'gone'")
    }

    def "a module of one's own is found on the module path, and listed with gplay's"() {
        given:
        Path lib = dir.resolve('library')
        Files.createDirectories(lib)
        Files.copy(EXAMPLE, lib.resolve('nfsExport.groovy'))

        when:
        def modules = loader().modulePath([lib]).modules(dir)

        then:
        modules.find('nfsExport').get().spec().param('clients').isPresent()
        modules.find('copy').isPresent()
    }

    def "a module of one's own named as one of gplay's, or not as its spec names it, is refused"() {
        given:
        write('modules/copy.groovy', Files.readString(EXAMPLE))
        write('modules/nfs.groovy', Files.readString(EXAMPLE))
        write('site.groovy', "playbook('p') { play('x', hosts: 'web', gatherFacts: false) { debug 'x', msg: 'x' } }\n")

        expect:
        def said = problems { loader().load(dir.resolve('site.groovy')) }
        said.contains("modules/copy.groovy:1: 'copy' is the name of a module gplay has already")
        problems { loader().check(dir.resolve('site.groovy')) }.contains("'copy' is the name of a module gplay has already")

        when:
        Files.delete(dir.resolve('modules/copy.groovy'))

        then:
        problems { loader().load(dir.resolve('site.groovy')) }.contains(
                "modules/nfs.groovy:1: the module is named 'nfsExport' in its spec: name the file nfsExport.groovy")
    }

    def "--syntax-check runs none of a module's code, and knows its calls as tasks"() {
        given: 'a module whose making writes a marker'
        Path marker = dir.resolve('ran')
        write('modules/marker.groovy', """\
class Marker implements Module {
    static { new File('${marker}').text = 'static' }
    Marker() { new File('${marker}').text = 'made' }
    ModuleSpec spec() { new ModuleSpec('marker', 'writes a marker') }
    void run(ModuleContext ctx) { new File('${marker}').text = 'ran' }
}
""")
        Path site = write('site.groovy', "playbook('p') { play('x', hosts: 'web', gatherFacts: false) { marker 'x' } }\n")

        when:
        def summary = loader().check(site)

        then:
        summary.tasks() == 1
        summary.unread() == ['marker'] as Set
        !Files.exists(marker)

        when: 'making the plan makes the module'
        loader().load(site)

        then:
        Files.exists(marker)
    }

    def "a module in a jar in a plugin folder is found, checked when the plan is made and run"() {
        given:
        Path plugins = dir.resolve('plugins')
        jar(plugins.resolve('greeter.jar'), '''\
package site
import io.gplay.engine.module.*
class Greeter implements Module {
    ModuleSpec spec() { new ModuleSpec('greet', 'writes a greeting').param(Param.required('dest', ParamType.PATH, 'where')).primary('dest') }
    void run(ModuleContext ctx) {
        def now = ctx.stat(ctx.str('dest'), true)
        if (now.exists() && now.content() == 'hello\\n') return
        ctx.converge('greet', new Diff(ctx.str('dest'), now.content() ?: '', 'hello\\n')) { ctx.writeFile(ctx.str('dest'), 'hello\\n', '0644') }
    }
}
''', 'site.Greeter')
        def modules = ModuleRegistry.load([plugins])
        Path site = write('site.groovy', "playbook('p') { play('x', hosts: 'web', gatherFacts: false) { greet '${dir}/hello' } }\n")
        write('bad.groovy', "playbook('p') { play('x', hosts: 'web', gatherFacts: false) { greet 'relative' } }\n")

        expect:
        modules.find('greet').isPresent()
        problems { loader(modules).load(dir.resolve('bad.groovy')) }.contains('bad.groovy:1:')

        when:
        def check = run(loader(modules), site, true)

        then:
        check.contains('+hello')
        !Files.exists(dir.resolve('hello'))

        when:
        run(loader(modules), site, false)

        then:
        Files.readString(dir.resolve('hello')) == 'hello\n'
    }

    /** A jar of the class compiled from {@code source}, with its services file naming {@code className}. */
    static void jar(Path jar, String source, String className) {
        Files.createDirectories(jar.parent)
        def cu = new CompilationUnit(null, null, new GroovyClassLoader(Module.classLoader))
        cu.addSource('Plugin.groovy', source)
        cu.compile(Phases.CLASS_GENERATION)
        new JarOutputStream(Files.newOutputStream(jar)).withCloseable { out ->
            cu.classes.each { c ->
                out.putNextEntry(new JarEntry(c.name.replace('.', '/') + '.class'))
                out.write(c.bytes)
            }
            out.putNextEntry(new JarEntry('META-INF/services/' + Module.name))
            out.write((className + '\n').bytes)
        }
    }
}
