package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * {@code gplay run --syntax-check} as CI runs it on an untrusted change: the checkout's own Ansible configuration
 * names vault password scripts, its inventory holds vault data, its playbook tries to run code while compiled.
 * Nothing of it may run, and no vault data is opened.
 */
class SyntaxCheckSpec extends Specification {
    @TempDir
    Path work

    Path marker(String name) {
        work.resolve('markers').resolve(name)
    }

    void script(String name, String markerName) {
        Path s = work.resolve('checkout').resolve(name)
        s.text = "#!/bin/sh\ntouch '${marker(markerName)}'\necho vaultpw\n"
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString('rwx------'))
    }

    def "the checkout's password scripts, vault data and compile-time code stay inert"() {
        given:
        Files.createDirectories(work.resolve('markers'))
        Path checkout = Files.createDirectories(work.resolve('checkout'))
        script('evil.sh', 'password-file')
        script('evil2.sh', 'identity-list')
        checkout.resolve('ansible.cfg').text = '[defaults]\nvault_password_file = ./evil.sh\nvault_identity_list = dev@./evil2.sh\n'
        Path pw = work.resolve('pw')
        pw.text = 'vaultpw\n'
        Files.createDirectories(checkout.resolve('group_vars'))
        checkout.resolve('group_vars/all.yml').text = 'db_password: Secret-42\n'
        def enc = Gplay.run(work, work.resolve('cache'), 'vault', 'encrypt', '--vault-password-file', pw.toString(),
                checkout.resolve('group_vars/all.yml').toString())
        assert enc.rc == 0, enc
        checkout.resolve('hosts.yml').text = 'all:\n  hosts:\n    here:\n      ansible_connection: local\n'
        checkout.resolve('site.groovy').text = "playbook('p') { play('p', hosts: 'all', gatherFacts: false) {\n" +
                " command 'stamp', argv: ['touch', '${marker('ran')}'] } }\n"
        checkout.resolve('evil.groovy').text = "import groovy.transform.ASTTest as T\n@T(value = { new File('${marker('compiled')}').text = 'x' })\n" +
                "def z = 1\nplaybook('p') { play('p', hosts: 'all') { debug 'x', msg: 'y' } }\n"

        when:
        def clean = Gplay.run(checkout, work.resolve('cache'), 'run', 'site.groovy', '-i', 'hosts.yml', '--syntax-check')
        def evil = Gplay.run(checkout, work.resolve('cache'), 'run', 'evil.groovy', '-i', 'hosts.yml', '--syntax-check')

        then:
        clean.rc == 0
        clean.out.contains('playbook: site.groovy (1 plays, 1 tasks): no problem found')
        evil.rc == 1
        evil.err.contains('evil.groovy:2:1: @groovy.transform.ASTTest runs or fetches code while the playbook is compiled')
        Files.list(work.resolve('markers')).toList().isEmpty()

        when: 'a run of the same checkout does read its configuration, as ansible-playbook does'
        def run = Gplay.run(checkout, work.resolve('cache'), 'run', 'site.groovy', '-i', 'hosts.yml')

        then:
        run.rc == 0
        Files.exists(marker('password-file'))
        Files.exists(marker('ran'))
    }

    def "an inventory script of the checkout is not run by --syntax-check, which says so; a run runs it"() {
        given:
        Files.createDirectories(work.resolve('markers'))
        Path checkout = Files.createDirectories(work.resolve('checkout/inventory'))
        checkout.resolve('00-hosts').text = '[web]\nhere ansible_connection=local\n'
        Path script = checkout.resolve('10-cloud')
        script.text = "#!/bin/sh\ntouch '${marker('inventory-script')}'\necho '{\"web\": [\"there\"]}'\n"
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString('rwx------'))
        work.resolve('checkout/site.groovy').text = "playbook('p') { play('p', hosts: 'web', gatherFacts: false) {" +
                " debug 'x', msg: 'hi' } }\n"

        when:
        def check = Gplay.run(work.resolve('checkout'), work.resolve('cache'), 'run', 'site.groovy', '-i', 'inventory',
                '--syntax-check')

        then:
        check.rc == 0
        check.out.contains('playbook: site.groovy (1 plays, 1 tasks): no problem found')
        check.err.contains('[WARNING]: inventory script inventory/10-cloud was not run (--syntax-check runs no code '
                + 'of the tree): its hosts and groups are not read')
        !Files.exists(marker('inventory-script'))

        when:
        def hosts = Gplay.run(work.resolve('checkout'), work.resolve('cache'), 'run', 'site.groovy', '-i', 'inventory',
                '--list-hosts')

        then:
        hosts.rc == 0
        hosts.out.contains('hosts (2): here there')
        Files.exists(marker('inventory-script'))
    }
}
