package io.gplay.tests

import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * `gplay inventory` as a user meets it: on the probes, scripts, directory and sources of the compatibility suite
 * (engine/src/test/resources/ansible-inventories; AnsibleInventoriesTest reads all of it) and two of Ansible's
 * own files, --list prints what ansible-inventory --list printed, and the files Ansible refuses are refused with
 * the same FILE:LINE.
 */
class InventorySpec extends Specification {
    static final Path SUITE = Gplay.ROOT.resolve('engine/src/test/resources/ansible-inventories')

    @TempDir
    Path work

    static List<String> inventories() {
        Files.list(SUITE).withCloseable { s ->
            s.map { it.fileName.toString() }
                    .filter { it.startsWith('probe-') || it.contains('complex.ini') || it.startsWith('unicode')
                            || it.startsWith('script-') || it.startsWith('dir-') || it.endsWith('.sources') }
                    .filter { !it.endsWith('.expected.json') && !it.endsWith('.refused') }
                    .sorted().toList()
        }
    }

    def "gplay inventory --list is ansible-inventory --list on #name"() {
        when:
        // a NAME.sources file lists the sources of one inventory, each given with -i
        def sources = name.endsWith('.sources') ? SUITE.resolve(name).readLines() : [name]
        def run = Gplay.run(SUITE, work.resolve('cache'), *(['inventory'] + sources.collectMany { ['-i', it] } + ['--list']))
        Path expected = SUITE.resolve(name + '.expected.json')
        Path refused = SUITE.resolve(name + '.refused')

        then:
        Files.exists(expected) || Files.exists(refused)
        if (Files.exists(expected)) {
            assert run.rc == 0: run
            assert new JsonSlurper().parse(expected.toFile()) == new JsonSlurper().parseText(run.out)
        } else {
            String why = refused.text.strip()
            assert run.rc == 1
            assert run.err.startsWith('gplay: ' + why.substring(0, why.indexOf(':', why.indexOf(':') + 1) + 1)): run
        }

        where:
        name << inventories()
    }

    def "--graph and --host show the tree and one host's merged variables"() {
        when:
        def graph = Gplay.run(SUITE, work.resolve('cache'), 'inventory', '-i', 'probe-groups.ini', '--graph', 'parent')
        def host = Gplay.run(SUITE, work.resolve('cache'), 'inventory', '-i', 'probe-ranges.ini', '--host', 'x2')
        def none = Gplay.run(SUITE, work.resolve('cache'), 'inventory', '-i', 'probe-ranges.ini', '--host', 'x3')

        then:
        graph.out == '''\
@parent:
  |--@g1:
  |  |--both
  |  |--h1
  |--@g2:
  |  |--h2
'''
        new JsonSlurper().parseText(host.out) == [ansible_port: 2022, ansible_user: 'ops']
        none.rc == 1
        none.err.contains('--host x3: no such host in the inventory')
    }

    def "a connection gplay does not speak stops the runs that target its hosts, with that reason, and only those"() {
        given:
        work.resolve('hosts.ini').text = '[win]\nw1 ansible_connection=winrm\n[here]\nh1 ansible_connection=local\n'
        ['win', 'here'].each { group ->
            work.resolve(group + '.groovy').text = """\
playbook('p') {
    play('p', hosts: '${group}', gatherFacts: false) {
        command 'stamp', argv: ['touch', '${work}/${group}']
    }
}
"""
        }

        when:
        def win = Gplay.run(work, work.resolve('cache'), 'run', 'win.groovy', '-i', 'hosts.ini')
        def here = Gplay.run(work, work.resolve('cache'), 'run', 'here.groovy', '-i', 'hosts.ini')

        then:
        win.rc == 1
        (win.out + win.err).contains("inventory: host w1: ansible_connection 'winrm' is not one gplay speaks")
        !Files.exists(work.resolve('win'))
        here.rc == 0
        Files.exists(work.resolve('here'))
    }

    def "an ansible_* variable gplay does not honour is a warning naming the host; the Python interpreter only with -v"() {
        given:
        work.resolve('hosts.ini').text = '[here]\nh1 ansible_connection=local ansible_host_key_checking=false' +
                ' ansible_python_interpreter=/usr/bin/python3\n'
        work.resolve('p.groovy').text = "playbook('p') { play('p', hosts: 'here', gatherFacts: false) { debug 'x', msg: 'hi' } }\n"

        when:
        def run = Gplay.run(work, work.resolve('cache'), 'run', 'p.groovy', '-i', 'hosts.ini')
        def verbose = Gplay.run(work, work.resolve('cache'), 'run', 'p.groovy', '-i', 'hosts.ini', '-v')

        then:
        run.rc == 0
        run.out.contains('[WARNING]: host h1: gplay does not honour ansible_host_key_checking (it is only a variable to gplay)')
        !run.out.contains('ansible_python_interpreter')
        verbose.rc == 0
        verbose.out.contains('[WARNING]: host h1: ansible_python_interpreter is ignored: it tells Ansible how to run '
                + 'its Python modules, and gplay runs no Python on hosts')
    }
}
