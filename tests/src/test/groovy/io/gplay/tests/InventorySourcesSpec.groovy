package io.gplay.tests

import groovy.json.JsonSlurper
import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * Inventory scripts, directories and several {@code -i} through bin/gplay: on a tree made here, gplay inventory
 * --list prints what the installed ansible-inventory prints; --list-hosts runs the scripts; a script that fails
 * or hangs stops the run with its standard error or its bound; the inventory setting may list several sources.
 */
class InventorySourcesSpec extends Specification {
    @TempDir
    Path work

    Path file(String name, String text, boolean executable = false) {
        Path f = work.resolve(name)
        Files.createDirectories(f.parent)
        f.text = text
        if (executable) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString('rwxr-xr-x'))
        }
        f
    }

    static boolean ansibleInventory() {
        ['sh', '-c', 'command -v ansible-inventory'].execute().waitFor() == 0
    }

    /** A command in the work directory, with no ansible.cfg of the user's. */
    Gplay.Run sh(List<String> cmd, Map<String, String> env = [:]) {
        def pb = new ProcessBuilder(cmd).directory(work.toFile())
        pb.environment().put('ANSIBLE_CONFIG', work.resolve('none.cfg').toString())
        env.each { k, v -> pb.environment().put(k, v) }
        def p = pb.start()
        p.outputStream.close()
        def err = new StringBuilder()
        def t = Thread.start { err << p.errorStream.text }
        def out = p.inputStream.getText('UTF-8')
        int rc = p.waitFor()
        t.join()
        new Gplay.Run(rc: rc, out: out, err: err.toString())
    }

    Gplay.Run gplay(Map<String, String> env = [:], String... args) {
        sh([Gplay.ROOT.resolve('bin/gplay').toString()] + args.toList(), env + [XDG_CACHE_HOME: work.resolve('cache').toString()])
    }

    void tree() {
        file('inv.d/00-static', '[web]\nw1 http_port=80\n[db]\nd1\n')
        file('inv.d/10-cloud', '''#!/bin/sh
echo '{"web": {"hosts": ["w2"], "vars": {"http_port": 8080}}, "cloud": ["w2", "c1"], "_meta": {"hostvars": {"c1": {"zone": "b"}}}}'
''', true)
        file('inv.d/group_vars/web.yml', 'tier: front\n')
        file('inv.d/notes.txt', '[skipped]\nnotes\n')
        file('inv.d/hosts.bak', '[skipped]\nbak\n')
        file('legacy.py', '''#!/usr/bin/env python3
import json, sys
if sys.argv[1] == '--list':
    print(json.dumps({'legacy': ['l1', 'w1']}))
else:
    print(json.dumps({'asked': sys.argv[2]}))
''', true)
        file('extra.yml', 'db:\n  hosts:\n    d1:\n      role: primary\n')
        file('site.groovy', "playbook('p') { play('p', hosts: 'web:legacy', gatherFacts: false) { debug 'x', msg: 'hi' } }\n")
    }

    @IgnoreIf(value = { Needs.skip(!InventorySourcesSpec.ansibleInventory()) }, reason = 'needs ansible-inventory (bin/install-deps installs ansible)')
    def "gplay inventory --list prints what ansible-inventory --list prints for a directory, a script and a file"() {
        given:
        tree()
        def args = ['-i', 'inv.d', '-i', 'legacy.py', '-i', 'extra.yml', '--list']

        when:
        def ansible = sh(['ansible-inventory'] + args, [ANSIBLE_INVENTORY_ENABLED: 'host_list,script,yaml,ini'])
        def ours = gplay('inventory', *args)

        then:
        ansible.rc == 0
        ours.rc == 0
        new JsonSlurper().parseText(ours.out) == new JsonSlurper().parseText(ansible.out)
        new JsonSlurper().parseText(ours.out)._meta.hostvars.w1 == [http_port: 80, tier: 'front', asked: 'w1']
    }

    def "--list-hosts runs the scripts; a failing script stops the run with its standard error"() {
        given:
        tree()
        file('broken', '#!/bin/sh\necho "token expired" >&2\nexit 4\n', true)

        when:
        def hosts = gplay('run', 'site.groovy', '-i', 'inv.d', '-i', 'legacy.py', '--list-hosts')
        def broken = gplay('run', 'site.groovy', '-i', 'inv.d', '-i', 'broken')

        then:
        hosts.rc == 0
        hosts.out.contains('hosts (3): w1 w2 l1')
        broken.rc == 1
        broken.err.contains('gplay: inventory script broken --list exited 4; its standard error:\ntoken expired')
        !broken.out.contains('TASK')
    }

    def "a script that does not finish within GPLAY_INVENTORY_SCRIPT_TIMEOUT is killed and named"() {
        given:
        file('slow', '#!/bin/sh\nsleep 60\n', true)

        when:
        long t0 = System.nanoTime()
        def run = gplay([GPLAY_INVENTORY_SCRIPT_TIMEOUT: '1'], 'inventory', '-i', 'slow', '--list')

        then:
        run.rc == 1
        run.err.contains('gplay: inventory script slow --list did not finish within 1 s and was killed')
        System.nanoTime() - t0 < 30_000_000_000L
    }

    def "without -i, the inventory setting may list several sources, merged in its order"() {
        given:
        tree()
        file('ansible.cfg', '[defaults]\ninventory = inv.d, extra.yml\n')
        file('web.groovy', "playbook('p') { play('p', hosts: 'web', gatherFacts: false) { debug 'x', msg: 'hi' } }\n")

        when:
        def run = gplay([ANSIBLE_CONFIG: work.resolve('ansible.cfg').toString()], 'run', 'web.groovy', '--list-hosts')
        def db = gplay('inventory', '-i', 'inv.d', '-i', 'extra.yml', '--host', 'd1')

        then:
        run.rc == 0
        run.out.contains('hosts (2): w1 w2')
        new JsonSlurper().parseText(db.out) == [role: 'primary']
    }
}
