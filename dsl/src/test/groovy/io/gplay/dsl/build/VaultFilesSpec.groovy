package io.gplay.dsl.build

import io.gplay.dsl.DslException
import io.gplay.dsl.PlaybookLoader
import io.gplay.engine.module.ModuleRegistry
import io.gplay.engine.vault.VaultPassword
import io.gplay.engine.vault.VaultSecrets
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** Encrypted variables files as the plan reads them: their errors name the file and never show clear text. */
class VaultFilesSpec extends Specification {
    @TempDir
    Path dir

    def pw = new VaultPassword('default', 'right'.bytes)

    Path write(String name, String text) {
        Path f = dir.resolve(name)
        Files.createDirectories(f.parent)
        Files.writeString(f, text)
        f
    }

    String problems(Path f) {
        try {
            new PlaybookLoader(ModuleRegistry.load(), dir.resolve('cache')).vault(new VaultSecrets([pw], false)).load(f)
            return ''
        } catch (DslException e) {
            return e.problems().join('\n')
        }
    }

    def "a syntax error in an encrypted varsFiles file names the file and line, and shows none of its content"() {
        given:
        write('vars/s.yml', VaultSecrets.encrypt('a: 1\ndb_password: TopSecretValue-123: oops\n'.bytes, pw))
        def f = write('site.groovy', "playbook('p') { play('x', hosts: 'all', varsFiles: 'vars/s.yml') { debug 'd', msg: 'm' } }\n")

        when:
        def p = problems(f)

        then:
        p.contains("${dir.resolve('vars/s.yml')}:2: mapping values are not allowed here")
        !p.contains('TopSecret')
        !p.contains('^')
    }

    def "a syntax error in a role's encrypted vars/main.yml names the file once, and shows none of its content"() {
        given:
        write('roles/r/tasks/main.groovy', "debug 'd', msg: 'm'\n")
        write('roles/r/vars/main.yml', VaultSecrets.encrypt('db_password: "TopSecretValue-123\n'.bytes, pw))
        def f = write('site.groovy', "playbook('p') { play('x', hosts: 'all') { role 'r' } }\n")

        when:
        def p = problems(f)

        then:
        p =~ /roles\/r\/vars\/main.yml:2: found unexpected end of stream/
        p.count('vars/main.yml') == 1
        !p.contains('TopSecret')
    }
}
