package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * The engine, not each module's discipline, keeps check mode from changing anything: gplay itself, with a
 * module that changes the host outside a converge block added to its class path, refuses the change, fails the
 * run loudly as an engine error, and leaves the host as it was.
 */
class CheckModeGuaranteeSpec extends Specification {
    @TempDir
    Path work

    /** bin/gplay's jar plus the careless module, found by the same ServiceLoader as the bundled modules. */
    Gplay.Run gplayWithCarelessModule(String... args) {
        Path services = work.resolve('services/META-INF/services')
        Files.createDirectories(services)
        services.resolve('io.gplay.engine.module.Module').text = CarelessModule.name + '\n'
        String classes = Path.of(CarelessModule.protectionDomain.codeSource.location.toURI()).toString()
        def cp = [Gplay.ROOT.resolve('cli/target/gplay.jar').toString(), classes, work.resolve('services').toString()]
        def cmd = [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-cp', cp.join(File.pathSeparator),
                   'io.gplay.cli.Main'] + args.toList()
        Gplay.exec(cmd, work, work.resolve('cache'))
    }

    Path playbook(String how) {
        work.resolve('inventory.ini').text = 'h1 ansible_connection=local\n'
        work.resolve('careless.groovy').text = """\
playbook('careless') {
    play('p', hosts: 'all', gatherFacts: false) {
        careless 'break the promise', path: '${work.resolve('target.conf')}', how: '${how}'
        careless 'after it', path: '${work.resolve('after')}', how: 'readOnly'
    }
}
"""
        work.resolve('target.conf')
    }

    def "a module that #what in check mode fails the audit with an engine error, and nothing is changed"() {
        given:
        Path target = playbook(how)

        when:
        def audit = gplayWithCarelessModule('audit', 'careless.groovy', '-i', 'inventory.ini')

        then: 'the exit code of a failed run, and a loud message naming the module, the host and what it tried'
        audit.rc == 2
        !Files.exists(target)
        audit.out.contains("ENGINE ERROR: module 'careless' tried to change h1 in check mode; this is a bug in the module and nothing was changed")
        audit.out.contains('refused in check mode, not declared read-only: ')
        audit.out.contains(tried.replace('TARGET', target.toString()))
        audit.err.contains('gplay: ENGINE ERROR: a module tried to change a host in check mode')
        !audit.out.contains('[after it]')

        when: 'run --check says the same'
        def check = gplayWithCarelessModule('run', 'careless.groovy', '-i', 'inventory.ini', '--check')

        then:
        check.rc == 2
        !Files.exists(target)
        check.out.contains("ENGINE ERROR: module 'careless'")
        check.err.contains('gplay: ENGINE ERROR')

        when: 'outside check mode the module is free to change the host'
        def run = gplayWithCarelessModule('run', 'careless.groovy', '-i', 'inventory.ini')

        then:
        run.rc == 0
        target.text == 'written\n'

        where:
        what                           | how         | tried
        'writes a file'                | 'writeFile' | ' write TARGET 0644 8)'  // the atomic write script's arguments: path, mode, byte count
        'runs a command not read-only' | 'change'    | '\'echo written > "$1"\' sh TARGET'
    }

    def "a module that only reads passes the audit"() {
        given:
        Path target = playbook('readOnly')

        when:
        def audit = gplayWithCarelessModule('audit', 'careless.groovy', '-i', 'inventory.ini')

        then:
        audit.rc == 0
        !audit.err.contains('ENGINE ERROR')
        !Files.exists(target)
    }
}
