package io.gplay.tests

import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import spock.lang.IgnoreIf

import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream

/**
 * Modules of one's own through bin/gplay against real sshd servers: the worked example of
 * docs/writing-a-module.md beside a playbook, and a module in a jar in a GPLAY_PLUGINS folder; each refused when
 * called wrong, listed by gplay doc, and run in check mode and for real.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class OwnModulesRunSpec extends TwoSshdSpec {
    Gplay.Run gplay(Map<String, String> env = [:], String... args) {
        Gplay.run(env, work, work.resolve('cache'), args)
    }

    def "the nfsExport example beside a playbook: checked, documented, predicted with its diff, then run"() {
        given:
        def inv = inventory()
        Files.createDirectories(work.resolve('modules'))
        Files.copy(Gplay.ROOT.resolve('examples/modules/nfsExport.groovy'), work.resolve('modules/nfsExport.groovy'))
        work.resolve('site.groovy').text = '''\
playbook('nfs') {
    play('share', hosts: 'web', gatherFacts: false) {
        file 'root', path: { vars.root }, state: 'directory'
        nfsExport '/srv/share', clients: '10.0.0.0/24', exportsFile: { "${vars.root}/exports" },
                reload: { ['touch', "${vars.root}/reloaded"] }
    }
}
'''
        work.resolve('bad.groovy').text = "playbook('nfs') {\n  play('share', hosts: 'web') {\n    nfsExport '/srv/share', clients: '*', state: 'gone'\n  }\n}\n"

        when:
        def listed = gplay('doc')
        def doc = gplay('doc', 'nfsExport')
        def bad = gplay('run', 'bad.groovy', '-i', inv.toString())
        def syntax = gplay('run', 'site.groovy', '-i', inv.toString(), '--syntax-check')

        then:
        listed.out =~ /(?m)^nfsExport +exports a folder over NFS/
        doc.out.contains('exportsFile (path, default: /etc/exports)')
        bad.rc == 1
        bad.err.contains('bad.groovy:3: ') && bad.err.contains("'gone'")
        syntax.rc == 0
        syntax.out.contains('not checked: the parameters given to nfsExport')

        when:
        def check = gplay('run', 'site.groovy', '-i', inv.toString(), '--check', '--diff')

        then:
        check.rc == 0
        check.recap('h1').changed == 2
        check.out.contains('+/srv/share 10.0.0.0/24(rw,sync,no_subtree_check)')
        !Files.exists(work.resolve('h1'))

        when: 'the run (that a second run changes nothing, nor reloads, OwnModulesSpec shows on a local host)'
        def run = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        run.rc == 0
        run.recap('h1').changed == 2
        Files.readString(work.resolve('h1/exports')) == '/srv/share 10.0.0.0/24(rw,sync,no_subtree_check)\n'
        Files.exists(work.resolve('h2/reloaded'))
    }

    def "a module in a jar of a GPLAY_PLUGINS folder: documented, refused when called wrong, and run"() {
        given:
        def inv = inventory()
        jar(work.resolve('plugins/motd.jar'))
        def env = [GPLAY_PLUGINS: work.resolve('plugins').toString()]
        work.resolve('site.groovy').text = '''\
playbook('motd') {
    play('motd', hosts: 'web', gatherFacts: false) {
        file 'root', path: { vars.root }, state: 'directory'
        motd 'greeting', dest: { "${vars.root}/motd" }, text: 'welcome'
    }
}
'''
        work.resolve('bad.groovy').text = "playbook('m') {\n  play('m', hosts: 'web') {\n    motd 'x', dest: 'relative', text: 'x'\n  }\n}\n"

        when:
        def doc = gplay(env, 'doc', 'motd')
        def bad = gplay(env, 'run', 'bad.groovy', '-i', inv.toString())
        def check = gplay(env, 'run', 'site.groovy', '-i', inv.toString(), '--check', '--diff')

        then:
        doc.out.contains('MOTD - writes the message of the day')
        bad.rc == 1
        bad.err.contains('bad.groovy:3: ')
        check.rc == 0
        check.out.contains('+welcome')
        !Files.exists(work.resolve('h1'))

        when:
        def run = gplay(env, 'run', 'site.groovy', '-i', inv.toString())

        then:
        run.rc == 0
        Files.readString(work.resolve('h2/motd')) == 'welcome\n'
    }

    /** A plugin jar: one module class, compiled here, and its services file. */
    static void jar(Path jar) {
        Files.createDirectories(jar.parent)
        def cu = new CompilationUnit()
        cu.addSource('Motd.groovy', '''\
package site
import io.gplay.engine.module.*
class Motd implements Module {
    ModuleSpec spec() {
        new ModuleSpec('motd', 'writes the message of the day')
                .param(Param.required('dest', ParamType.PATH, 'the file')).param(Param.required('text', ParamType.STRING, 'the message'))
    }
    void run(ModuleContext ctx) {
        String dest = ctx.str('dest'), text = ctx.str('text') + '\\n'
        def now = ctx.stat(dest, true)
        if (now.exists() && now.content() == text) return
        ctx.converge("write ${dest}", new Diff(dest, now.exists() ? now.content() : '', text)) { ctx.writeFile(dest, text, '0644') }
    }
}
''')
        cu.compile(Phases.CLASS_GENERATION)
        new JarOutputStream(Files.newOutputStream(jar)).withCloseable { out ->
            cu.classes.each { c ->
                out.putNextEntry(new JarEntry(c.name.replace('.', '/') + '.class'))
                out.write(c.bytes)
            }
            out.putNextEntry(new JarEntry('META-INF/services/io.gplay.engine.module.Module'))
            out.write('site.Motd\n'.bytes)
        }
    }
}
