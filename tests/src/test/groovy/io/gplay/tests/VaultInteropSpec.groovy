package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * gplay vault and Debian's ansible-vault on the same files, both ways. ansible-vault must be installed
 * (bin/install-deps installs ansible): without it these tests fail, they do not skip.
 */
class VaultInteropSpec extends Specification {
    @TempDir
    Path work

    static final String CLEAR = 'db_password: "pä ss; word"\nport: 5432\n'

    def setup() {
        work.resolve('pw').text = 'first password\n'
        work.resolve('pw-dev').text = 'dev password\n'
        work.resolve('pw-prod').text = 'prod password\n'
        work.resolve('clear.yml').text = CLEAR
    }

    /** A command in the work directory, {@code input} on its standard input; no ansible.cfg of the user's. */
    Gplay.Run sh(List<String> cmd, String input = '', Map<String, String> env = [:]) {
        def pb = new ProcessBuilder(cmd).directory(work.toFile())
        pb.environment().put('ANSIBLE_CONFIG', work.resolve('ansible.cfg').toString())
        pb.environment().put('XDG_CACHE_HOME', work.resolve('cache').toString())
        env.each { k, v -> pb.environment().put(k, v) }
        def p = pb.start()
        def err = new StringBuilder()
        def t = Thread.start { err << p.errorStream.text }
        p.outputStream.withStream { it << input.getBytes('UTF-8') }
        def out = p.inputStream.getText('UTF-8')
        int rc = p.waitFor()
        t.join()
        new Gplay.Run(rc: rc, out: out, err: err.toString())
    }

    String mode(String file) { PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve(file))) }

    Gplay.Run gplay(String... args) { sh([Gplay.ROOT.resolve('bin/gplay').toString(), 'vault'] + args.toList()) }

    Gplay.Run ansible(String... args) { sh(['ansible-vault'] + args.toList()) }

    def "format 1.1: each decrypts what the other encrypted, with a password file"() {
        when:
        def a = ansible('encrypt', '--vault-password-file', 'pw', '--output', 'by-ansible.yml', 'clear.yml')
        def g = gplay('encrypt', '--vault-password-file', 'pw', '--output', 'by-gplay.yml', 'clear.yml')

        then:
        a.rc == 0 && g.rc == 0
        work.resolve('by-gplay.yml').text.readLines()[0] == '$ANSIBLE_VAULT;1.1;AES256'
        gplay('view', '--vault-password-file', 'pw', 'by-ansible.yml').out == CLEAR
        ansible('view', '--vault-password-file', 'pw', 'by-gplay.yml').out == CLEAR

        when: 'decrypted in place by the other tool'
        def ad = ansible('decrypt', '--vault-password-file', 'pw', 'by-gplay.yml')
        def gd = gplay('decrypt', '--vault-password-file', 'pw', 'by-ansible.yml')

        then:
        ad.rc == 0 && gd.rc == 0
        work.resolve('by-gplay.yml').text == CLEAR
        work.resolve('by-ansible.yml').text == CLEAR
        mode('by-ansible.yml') == 'rw-------'
    }

    def "format 1.2: vault IDs name the password; the labelled one is tried first, then the others"() {
        when:
        def a = ansible('encrypt', '--vault-id', 'prod@pw-prod', '--output', 'by-ansible.yml', 'clear.yml')
        def g = gplay('encrypt', '--vault-id', 'dev@pw-dev', '--vault-id', 'prod@pw-prod', '--encrypt-vault-id', 'prod',
                '--output', 'by-gplay.yml', 'clear.yml')

        then:
        a.rc == 0 && g.rc == 0
        work.resolve('by-gplay.yml').text.readLines()[0] == '$ANSIBLE_VAULT;1.2;AES256;prod'
        gplay('view', '--vault-id', 'dev@pw-dev', '--vault-id', 'prod@pw-prod', 'by-ansible.yml').out == CLEAR
        ansible('view', '--vault-id', 'dev@pw-dev', '--vault-id', 'prod@pw-prod', 'by-gplay.yml').out == CLEAR
        // under another label the right password still fits, as in Ansible
        gplay('view', '--vault-id', 'other@pw-prod', 'by-ansible.yml').out == CLEAR

        when: 'two passwords and no --encrypt-vault-id'
        def ambiguous = gplay('encrypt', '--vault-id', 'dev@pw-dev', '--vault-id', 'prod@pw-prod', '--output', 'x.yml', 'clear.yml')

        then:
        ambiguous.rc == 1
        ambiguous.err.contains('--encrypt-vault-id')
        !Files.exists(work.resolve('x.yml'))
    }

    def "rekey: the new password opens the file for the other tool, the old one no longer does"() {
        given:
        assert ansible('encrypt', '--vault-password-file', 'pw', '--output', 'a.yml', 'clear.yml').rc == 0
        assert gplay('encrypt', '--vault-password-file', 'pw', '--output', 'g.yml', 'clear.yml').rc == 0
        Files.setPosixFilePermissions(work.resolve('a.yml'), PosixFilePermissions.fromString('rw-r-----'))

        when:
        def g = gplay('rekey', '--vault-password-file', 'pw', '--new-vault-id', 'prod@pw-prod', 'a.yml')
        def a = ansible('rekey', '--vault-password-file', 'pw', '--new-vault-password-file', 'pw-dev', 'g.yml')

        then:
        g.rc == 0 && a.rc == 0
        work.resolve('a.yml').text.readLines()[0] == '$ANSIBLE_VAULT;1.2;AES256;prod'
        mode('a.yml') == 'rw-r-----'
        ansible('view', '--vault-id', 'prod@pw-prod', 'a.yml').out == CLEAR
        gplay('view', '--vault-password-file', 'pw-dev', 'g.yml').out == CLEAR
        def old = gplay('view', '--vault-password-file', 'pw', 'g.yml')
        old.rc == 1
        old.err.contains('g.yml: decryption failed')
    }

    def "encrypt_string: the !vault values of each tool are read by the other"() {
        when:
        def g = gplay('encrypt_string', '--vault-id', 'prod@pw-prod', '--name', 'db_password', 'pä ss; word')
        work.resolve('by-gplay.yml').text = g.out
        def readByAnsible = sh(['ansible', 'localhost', '-c', 'local', '-m', 'debug', '-a', 'var=db_password',
                                '-e', '@by-gplay.yml', '--vault-id', 'prod@pw-prod'])
        def fromStdin = gplay('encrypt_string', '--vault-password-file', 'pw', '--stdin-name', 'port')
        def a = ansible('encrypt_string', '--vault-id', 'dev@pw-dev', '--name', 'db_password', 'pä ss; word')

        then:
        g.rc == 0
        g.out.startsWith('db_password: !vault |\n          $ANSIBLE_VAULT;1.2;AES256;prod\n')
        readByAnsible.rc == 0
        readByAnsible.out.contains('"db_password": "pä ss; word"')
        fromStdin.rc == 1
        fromStdin.err.contains('standard input was empty')
        a.rc == 0

        when: 'gplay runs with the value ansible-vault wrote in a variables file'
        work.resolve('by-ansible.yml').text = a.out + '\n'
        def run = playbook('-e', '@by-ansible.yml', '--vault-id', 'dev@pw-dev')

        then:
        run.rc == 0
        run.out.contains('ok: [localhost] => decrypted=true')
    }

    def "gplay run: vault files and values in group_vars, the inventory and -e @file; a wrong password or a changed file touches no host"() {
        given:
        Files.createDirectories(work.resolve('group_vars'))
        assert ansible('encrypt', '--vault-password-file', 'pw', '--output', 'group_vars/all.yml', 'clear.yml').rc == 0
        def value = ansible('encrypt_string', '--vault-password-file', 'pw', '--name', 'token', 'tök3n')
        assert value.rc == 0
        work.resolve('inventory.yml').text = "all:\n  hosts:\n    localhost:\n      ansible_connection: local\n" +
                value.out.readLines().collect { '      ' + it }.join('\n') + '\n'

        when:
        def ok = playbook('-e', '{"expect_token": "tök3n"}', '--vault-password-file', 'pw')

        then:
        ok.rc == 0
        ok.out.contains('ok: [localhost] => decrypted=true')
        ok.out.contains('token=true')
        Files.exists(work.resolve('touched'))

        when:
        Files.delete(work.resolve('touched'))
        def none = playbook()
        def wrong = playbook('--vault-password-file', 'pw-dev')
        def changed = work.resolve('group_vars/all.yml')
        changed.text = changed.text.replaceFirst('\n(.)', { all, c -> '\n' + (c == '3' ? '6' : '3') })
        def tampered = playbook('--vault-password-file', 'pw')

        then:
        [none, wrong, tampered].every { it.rc == 1 && !Files.exists(work.resolve('touched')) }
        none.err.contains('is vault-encrypted and no vault password was given')
        wrong.err.contains('decryption failed')
        tampered.err.contains('group_vars/all.yml')
        !(none.err + wrong.err + tampered.err + wrong.out).contains('first password')
    }

    def "password sources: an executable, ANSIBLE_VAULT_PASSWORD_FILE, ansible.cfg, --ask-vault-pass on standard input"() {
        given:
        assert ansible('encrypt', '--vault-password-file', 'pw', '--output', 'f.yml', 'clear.yml').rc == 0
        Path script = work.resolve('pass.sh')
        script.text = '#!/bin/sh\necho "first password"\n'
        script.toFile().setExecutable(true)
        def bin = Gplay.ROOT.resolve('bin/gplay').toString()

        expect:
        gplay('view', '--vault-password-file', 'pass.sh', 'f.yml').out == CLEAR
        sh([bin, 'vault', 'view', 'f.yml'], '', [ANSIBLE_VAULT_PASSWORD_FILE: 'pw']).out == CLEAR
        // no controlling terminal (setsid): the password is read from standard input, as Python's getpass does
        sh(['setsid', '-w', bin, 'vault', 'view', '--ask-vault-pass', 'f.yml'], 'first password\n').out == CLEAR

        when:
        Files.createDirectories(work.resolve('conf'))
        work.resolve('conf/secret').text = 'first password'
        work.resolve('ansible.cfg').text = '[defaults]\nvault_password_file = conf/secret\n'

        then:
        gplay('view', 'f.yml').out == CLEAR
        ansible('view', 'f.yml').out == CLEAR
    }

    def "create and edit: the clear text is only in a private temporary file, removed afterwards; unchanged is not written"() {
        given: 'an editor that adds a line and notes where it was asked to edit'
        Path editor = work.resolve('editor.sh')
        editor.text = '#!/bin/sh\necho "$1" >> "' + work.resolve('edited') + '"\nstat -c %a "$1" "$(dirname "$1")" >> "' +
                work.resolve('modes') + '"\necho "added: line" >> "$1"\n'
        editor.toFile().setExecutable(true)
        def bin = Gplay.ROOT.resolve('bin/gplay').toString()
        def withEditor = { String ed, String... args -> sh([bin, 'vault'] + args.toList(), '', [EDITOR: ed]) }

        when:
        def created = withEditor(editor.toString(), 'create', '--vault-password-file', 'pw', 'new/secrets.yml')
        def edited = withEditor(editor.toString(), 'edit', '--vault-password-file', 'pw', 'new/secrets.yml')
        List<String> temps = work.resolve('edited').readLines()

        then:
        created.rc == 0 && edited.rc == 0
        ansible('view', '--vault-password-file', 'pw', 'new/secrets.yml').out == 'added: line\nadded: line\n'
        work.resolve('modes').readLines() == ['600', '700', '600', '700']
        temps.every { !Files.exists(Path.of(it)) && !Files.exists(Path.of(it).parent) }
        temps[0].endsWith('.yml')

        when: 'ansible-vault edits the file gplay made; gplay edits it unchanged, then with a failing editor'
        def byAnsible = sh(['ansible-vault', 'edit', '--vault-password-file', 'pw', 'new/secrets.yml'], '', [EDITOR: editor.toString()])
        String before = work.resolve('new/secrets.yml').text
        def unchanged = withEditor('true', 'edit', '--vault-password-file', 'pw', 'new/secrets.yml')
        def failing = withEditor('false', 'edit', '--vault-password-file', 'pw', 'new/secrets.yml')

        then:
        byAnsible.rc == 0
        gplay('view', '--vault-password-file', 'pw', 'new/secrets.yml').out == 'added: line\n' * 3
        unchanged.rc == 0
        failing.rc == 1
        failing.err.contains('nothing was saved')
        work.resolve('new/secrets.yml').text == before
        withEditor(editor.toString(), 'create', '--vault-password-file', 'pw', 'new/secrets.yml').err
                .contains('exists: use gplay vault edit')
    }

    /** gplay run of a playbook on localhost that says whether the vault values are the expected ones. */
    Gplay.Run playbook(String... args) {
        if (!Files.exists(work.resolve('inventory.yml'))) {
            work.resolve('inventory.yml').text = 'all:\n  hosts:\n    localhost:\n      ansible_connection: local\n'
        }
        work.resolve('site.groovy').text = """\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        // a text a closure makes while it reads a secret is a secret: the comparisons are kept to when
        debug 'db', msg: 'decrypted=true', when: { vars.db_password == 'pä ss; word' }
        debug 'token', msg: 'token=true', when: { vars.expect_token != null && vars.token == vars.expect_token }
        command 'touch', argv: ['touch', '${work.resolve('touched')}']
    }
}
"""
        sh([Gplay.ROOT.resolve('bin/gplay').toString(), 'run', 'site.groovy', '-i', 'inventory.yml'] + args.toList())
    }
}
