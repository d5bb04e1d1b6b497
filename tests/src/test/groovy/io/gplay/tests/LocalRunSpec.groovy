package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** bin/gplay on hosts reached with ansible_connection=local: the run's own rules, as a user meets them. */
class LocalRunSpec extends Specification {
    @TempDir
    Path work

    /** Hosts a, b and c, all this machine; the variable proxy set to nothing. */
    Path inventory() {
        Path inv = work.resolve('inventory.yml')
        inv.text = '''\
all:
  vars:
    ansible_connection: local
    proxy:
  hosts:
    a:
    b:
    c:
'''
        inv
    }

    Gplay.Run gplay(String playbook, String... args) {
        work.resolve('site.groovy').text = playbook
        Gplay.run(work, work.resolve('cache'), (['run', 'site.groovy', '-i', inventory().toString()] + args.toList()) as String[])
    }

    def "a variable without a value is null; -e takes quoted words as a shell does; a missing vars file is named"() {
        given:
        String pb = '''\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        debug 'vars', msg: { "proxy=${vars.proxy ?: 'none'} port=${vars.port ?: 'default'} motd=${vars.motd}" }
    }
}
'''

        when:
        def run = gplay(pb, '-l', 'a', '-e', '{"port": null}', '-e', 'motd="hello world" x=1')

        then:
        run.rc == 0
        run.out.contains('ok: [a] => proxy=none port=default motd=hello world')

        when:
        def missing = gplay(pb, '-e', '@nosuch.yml')

        then:
        missing.rc == 1
        missing.err.trim() == 'gplay: no such file: nosuch.yml'
    }

    def "in a loop, when is asked for each item"() {
        when:
        def run = gplay('''\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        debug 'items', msg: { "item ${item}" }, loop: ['x', 'y', 'z'], when: { item != 'y' }
        debug 'none', msg: 'never', loop: ['x', 'y'], when: { item == 'w' }
    }
}
''', '-l', 'a')

        then:
        run.rc == 0
        run.out.contains('ok: [a] => (item=x) => item x')
        run.out.contains('skipping: [a] => (item=y)')
        run.out.contains('ok: [a] => (item=z) => item z')
        !run.out.contains('item y')
        run.recap('a') == [ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 1, rescued: 0, ignored: 0]
    }

    def "a rolling update stops when every host of a batch fails: later batches and plays do not run"() {
        when:
        def run = gplay('''\
playbook('p') {
    play('rolling', hosts: 'all', gatherFacts: false, serial: 1) {
        shell 'deploy', cmd: { host == 'a' ? 'true' : "echo broken on ${host}; exit 1" }
    }
    play('after', hosts: 'all', gatherFacts: false) {
        debug 'after', msg: 'after'
    }
}
''')

        then: 'a passed, b failed alone in its batch, c was never started'
        run.rc == 2
        run.out.contains('changed: [a]')
        run.out.contains('failed: [b]')
        !run.out.contains('[c]')
        run.out.contains("play 'rolling' stopped in batch 2 of 3 (b): every host of the batch failed; not started: c")
        !run.out.contains('PLAY [after]')
        run.recap('c') == [ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0]
    }

    def "a limit that matches no host, a start task that names none, a port that is no number: stopped before any host is touched"() {
        given:
        String pb = '''\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        command 'install app', argv: ['touch', 'touched']
    }
}
'''

        when:
        def typo = gplay(pb, '-l', 'nosuch')
        def task = gplay(pb, '--start-at-task', 'instal app')

        def port = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', 'x,', '-e', 'ansible_port=abc')

        then:
        typo.rc == 1
        typo.err.contains("--limit 'nosuch' matches no host of the inventory")
        port.rc == 1
        port.err.contains("inventory: host x: ansible_port must be a number, got 'abc'")
        task.rc == 1
        task.err.contains("--start-at-task 'instal app': no task has this title (did you mean 'install app'?)")
        !work.resolve('touched').toFile().exists()
    }

    def "copy and template read their files beside the playbook; a template sees what the task sees, a Jinja2 one as Ansible names it"() {
        given: 'a playbook in a folder of its own, with its files beside it, run from elsewhere'
        Path pb = work.resolve('ops')
        pb.resolve('files').toFile().mkdirs()
        pb.resolve('files/motd').text = 'welcome\n'
        pb.resolve('files/app.conf.gtpl').text = 'port=${port} peers=${groups.all.join(",")} on ${host} kernel=${uname.stdout}\n'
        pb.resolve('files/app.ini.j2').text = '{{ ansible_managed | comment }}\nport={{ port }} peers={{ groups["all"] | join(",") }} ' +
                'on {{ inventory_hostname }} kernel={{ uname.stdout }} $host\n'
        pb.resolve('site.groovy').text = """\
playbook('p') {
    play('p', hosts: 'a', gatherFacts: false, vars: [port: 8080]) {
        command 'kernel', cmd: 'echo 6.1', readOnly: true, register: 'uname'
        copy 'motd', src: 'files/motd', dest: '${work}/motd'
        template 'conf', src: 'files/app.conf.gtpl', dest: '${work}/app.conf'
        template 'ini', src: 'files/app.ini.j2', dest: '${work}/app.ini'
    }
}
"""
        Path elsewhere = Files.createDirectories(work.resolve('elsewhere'))

        when:
        def run = Gplay.run(elsewhere, work.resolve('cache'), 'run', pb.resolve('site.groovy').toString(), '-i',
                inventory().toString())

        then:
        run.rc == 0
        work.resolve('motd').text == 'welcome\n'
        work.resolve('app.conf').text == 'port=8080 peers=a,b,c on a kernel=6.1\n'
        work.resolve('app.ini').text == '#\n# Ansible managed\n#\nport=8080 peers=a,b,c on a kernel=6.1 $host\n'
    }

    def "a text that takes in a value that is not set fails its task instead of writing null"() {
        when: 'values looked up by code, which only the host can tell (a plain vars.x is checked before the run)'
        def run = gplay("""\
playbook('p') {
    play('p', hosts: 'a', gatherFacts: false) {
        copy 'conf', dest: '${work}/app.conf', content: { "listen \${hostvars[host].prot}\\n" }, ignoreErrors: true
        shell 'echo', cmd: { "echo " + quote(vars['nothere']) + " > ${work}/echoed" }, ignoreErrors: true
        command 'touch', argv: { ['touch', "${work}/\${vars.port ?: 80}"] }
    }
}
""")

        then: 'the first two fail (their failure ignored), the third has its default'
        run.rc == 0
        run.out.contains('failed: [a]: FAILED! => site.groovy:3: a null went into the text "listen <null>\\n" for host a')
        run.out.contains('quote(null): the value is not set')
        !Files.exists(work.resolve('app.conf'))
        !Files.exists(work.resolve('echoed'))
        Files.exists(work.resolve('80'))
    }

    def "a playbook too large for gplay's heap is named, with how to give it more, in a check and a run"() {
        given: 'a generated play of 20,000 tasks, and a heap of 96 MB'
        def big = new StringBuilder("playbook('big') {\n    play('p', hosts: 'all', gatherFacts: false) {\n")
        (1..20000).each { big << "        command 'task ${it}', cmd: 'true', creates: '/nonexistent/${it}'\n" }
        work.resolve('big.groovy').text = big.append('    }\n}\n').toString()
        def small = [GPLAY_JAVA_OPTS: '-Xmx96m']

        when:
        def check = Gplay.run(small, work, work.resolve('cache'), 'run', 'big.groovy', '-i', 'here,', '-c', 'local', '--syntax-check')
        def run = Gplay.run(small, work, work.resolve('cache'), 'run', 'big.groovy', '-i', 'here,', '-c', 'local')

        then:
        [check, run].every {
            it.rc == 1 && it.err.contains('big.groovy: ran out of memory compiling it') && it.err.contains('GPLAY_JAVA_OPTS=-Xmx')
        }
        run.err.contains('no host was touched')
    }

    def "ansible-playbook's habits: -c local on a comma list, --syntax-check touching nothing, -a as JSON"() {
        given:
        work.resolve('site.groovy').text = """\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        command 'stamp', argv: ['touch', '${work}/stamp']
    }
}
"""

        when:
        def syntax = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', 'here,', '-c', 'local', '--syntax-check')

        then:
        syntax.rc == 0
        syntax.out.contains('playbook: site.groovy (1 plays, 1 tasks): no problem found')
        !Files.exists(work.resolve('stamp'))

        when:
        def run = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', 'here,', '-c', 'local')

        then:
        run.rc == 0
        run.recap('here').changed == 1
        Files.exists(work.resolve('stamp'))

        when: 'an ad-hoc module call whose parameters are given as JSON, as Ansible\'s -a takes them'
        def exec = Gplay.run(work, work.resolve('cache'), 'exec', 'all', '-i', 'here,', '-c', 'local', '-m', 'copy',
                '-a', '{"dest": "' + work.resolve('motd') + '", "content": "two words\\n"}')

        then:
        exec.rc == 0
        work.resolve('motd').text == 'two words\n'
    }

    def "a tag runs one play of the bundled playbook: its tasks are the ones listed"() {
        given: 'two hosts in the group the playbook targets, and its required variables'
        Path inv = work.resolve('ovirt.ini')
        inv.text = '[ovirt]\nh1 ansible_connection=local\nh2 ansible_connection=local\n'
        def required = ['virtual_ip=10.0.0.200/24', 'virtual_ip_interface=eth0', 'brick_device=/dev/vdb',
                        'engine_fqdn=engine.test', 'engine_gateway=10.0.0.1', 'engine_vm_cdrom=/root/x.iso', 'engine_admin_password=x']

        when:
        def list = Gplay.run(work, work.resolve('cache'), (['run', 'glusterized-ovirt', '-i', inv.toString(),
                '--list-tasks', '-t', 'firewall'] + required.collectMany { ['-e', it] }) as String[])
        def tasks = list.out.readLines().findAll { it.startsWith('      ') }*.trim()

        then:
        list.rc == 0
        tasks.size() == 3
        tasks[0].startsWith('the oVirt/Gluster/CTDB rule set  [iptables] TAGS: [firewall]')
        tasks[1].startsWith('the live firewall follows the rule set  [iptablesApply] TAGS: [firewall]')
        tasks[2].startsWith('iptables  [service] TAGS: [firewall]')
    }
    def "without -i the inventory and defaults come from where Ansible keeps them, and none found says where it looked"() {
        given:
        Path home = Files.createDirectories(work.resolve('home'))
        Path project = Files.createDirectories(work.resolve('project'))
        project.resolve('site.groovy').text = """\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false) {
        command 'stamp', argv: ['touch', '${work}/stamp']
    }
}
"""
        def env = [HOME: home.toString(), ANSIBLE_CONFIG: null, ANSIBLE_INVENTORY: null]

        when: 'no inventory anywhere'
        def none = Gplay.run(env, project, work.resolve('cache'), 'run', 'site.groovy')

        then:
        none.rc == 1
        none.err.contains('no inventory: give one with -i FILE (looked at -i, $ANSIBLE_INVENTORY, an ansible.cfg')
        none.err.contains('/etc/ansible/hosts')
        !Files.exists(work.resolve('stamp'))

        when: "the project's ansible.cfg names the inventory, relative to itself, and the forks"
        Files.createDirectories(project.resolve('inventory'))
        project.resolve('inventory/hosts.ini').text = '[web]\nhere ansible_connection=local\n'
        project.resolve('ansible.cfg').text = '[defaults]\ninventory = inventory/hosts.ini\nforks = 3\n'
        def run = Gplay.run(env, project, work.resolve('cache'), 'run', 'site.groovy')

        then: 'gplay run PLAYBOOK works as ansible-playbook PLAYBOOK does'
        run.rc == 0
        run.recap('here').changed == 1
        Files.exists(work.resolve('stamp'))

        when: 'ANSIBLE_INVENTORY wins over the file'
        def other = Gplay.run(env + [ANSIBLE_INVENTORY: work.resolve('missing.ini').toString()], project,
                work.resolve('cache'), 'run', 'site.groovy')

        then:
        other.rc == 1
        other.err.contains("inventory ${work.resolve('missing.ini')} (from \$ANSIBLE_INVENTORY): no such file")
    }
    def "a variable no targeted host defines is found before any task runs, with the name meant"() {
        given:
        work.resolve('hosts.ini').text = '[web]\nh1 ansible_connection=local app_version=2.1\nh2 ansible_connection=local\n'
        work.resolve('site.groovy').text = """\
playbook('p') {
    play('p', hosts: 'web', gatherFacts: false) {
        command 'marker', argv: ['touch', '${work}/marker']
        copy 'version', dest: '${work}/version', content: { "\${vars.app_versoin}\\n" }
        copy 'optional', dest: '${work}/optional', content: { "\${vars.proxy ?: 'none'}\\n" }
    }
}
"""

        when:
        def run = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', 'hosts.ini')

        then: 'the typo is named with its line and the name meant, and no host was touched'
        run.rc == 1
        run.err.contains("site.groovy:4: 'app_versoin' is not defined for hosts h1, h2 (did you mean 'app_version'?)")
        !run.err.contains('proxy')
        !Files.exists(work.resolve('marker'))

        when: 'given for every host, with -e'
        def fixed = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', 'hosts.ini', '-e', 'app_versoin=3')

        then:
        fixed.rc == 0
        Files.readString(work.resolve('version')) == '3\n'
    }

    def "two runs at once adding 25 lines each to one file keep all 50"() {
        given:
        Path file = work.resolve('shared.conf')
        file.text = '# shared\n'
        Path inv = inventory()
        ['a', 'b'].each { run ->
            work.resolve(run + '.groovy').text = """\
playbook('p') {
    play('p', hosts: 'a', gatherFacts: false) {
        (1..25).each { n -> lineinfile "line \${n}", path: '${file}', line: "${run}\${n}" }
    }
}
"""
        }

        when:
        def started = ['a', 'b'].collect { Gplay.start(work, work.resolve('cache-' + it), 'run', it + '.groovy', '-i', inv.toString()) }
        def runs = started.collect { it.finish() }

        then:
        runs.every { it.rc == 0 }
        file.readLines().toSet() == (['# shared'] + (1..25).collectMany { ["a${it}".toString(), "b${it}".toString()] }).toSet()
        file.readLines().size() == 51
    }

    def "a regexp that would backtrack for ages fails its task after 10 s, naming it"() {
        given:
        Path file = work.resolve('long.conf')
        file.text = 'a' * 40 + 'b\n'
        String pb = """\
playbook('p') {
    play('p', hosts: 'a', gatherFacts: false) {
        lineinfile 'slow', path: '${file}', regexp: /^(a+)+(\\1)\$/, line: 'x'
    }
}
"""

        when:
        long t0 = System.nanoTime()
        def run = gplay(pb)
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L

        then:
        run.rc == 2
        run.out.contains('the regexp /^(a+)+(\\1)$/ took longer than 10 s on a text of 41 characters')
        seconds < 60
        file.text == 'a' * 40 + 'b\n'

        when: 'Ctrl-C while it matches'
        work.resolve('slow.groovy').text = pb
        def started = Gplay.start(work, work.resolve('cache'), 'run', 'slow.groovy', '-i', inventory().toString())
        started.awaitOut('TASK [slow]', 60)
        sleep(2000) // inside the task's 10 s of matching
        started.interrupt()
        def stopped = started.finishWithin(3)

        then: 'the match stops at once, not when its budget is spent'
        stopped.rc == 99
        stopped.out.contains('interrupted while matching the regexp /^(a+)+(\\1)$/')
        file.text == 'a' * 40 + 'b\n'
    }

    def "--profile lists the slowest tasks with their time on each host, and the JSON report has each task's time"() {
        given:
        Path inv = inventory()
        String pb = """\
playbook('p') {
    play('p', hosts: 'a', gatherFacts: false) {
        command 'quick', argv: ['true']
        command 'a second', argv: ['sleep', '1']
    }
}
"""
        work.resolve('site.groovy').text = pb

        when:
        def run = Gplay.run(work, work.resolve('cache'), 'run', 'site.groovy', '-i', inv.toString(), '--profile',
                '--report', "json=${work.resolve('r.jsonl')}")
        def profile = run.out.readLines().dropWhile { !it.startsWith('TASKS BY TIME') }.drop(1)
        def results = work.resolve('r.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
                .findAll { it.event == 'host_result' }

        then: 'the slow task first, with its host and line'
        run.rc == 0
        profile[0] =~ /^\s+\d+\.\d\d s  a\s+a second \(site\.groovy:4\)$/
        profile[1].contains('quick (site.groovy:3)')
        results.find { it.task == 'a second' }.duration_ms >= 1000
        results.find { it.task == 'quick' }.duration_ms < results.find { it.task == 'a second' }.duration_ms
    }

    def "facts are gathered once per host per run, not again in each play; a setup task gathers them again"() {
        given:
        String pb = """\
playbook('p') {
    play('first', hosts: 'a') {
        debug 'in the first', msg: { "user=\${facts.user}" }
    }
    play('second', hosts: 'a:b') {
        debug 'in the second', msg: { "user=\${facts.user}" }
        setup 'refresh'
    }
}
"""

        when:
        def run = gplay(pb)
        def lines = run.out.readLines()

        then: 'a at the first play, b (which has none yet) at the second, and both at the setup task'
        run.rc == 0
        lines.count { it.startsWith('TASK [Gathering Facts]') } == 2
        hostsUnder(lines, 'TASK [Gathering Facts]', 0) == ['a']
        hostsUnder(lines, 'TASK [Gathering Facts]', 1) == ['b']
        hostsUnder(lines, 'TASK [refresh]', 0) == ['a', 'b']
        run.out.contains("ok: [a] => user=${System.getProperty('user.name')}")
        run.out.contains("ok: [b] => user=${System.getProperty('user.name')}")
    }

    /** The hosts named in the result lines under the n-th occurrence of a task line, sorted. */
    static List<String> hostsUnder(List<String> lines, String task, int n) {
        int at = lines.findIndexValues { it.startsWith(task) }[n] as int
        lines.drop(at + 1).takeWhile { !it.startsWith('TASK [') && !it.startsWith('PLAY') }
                .findResults { (it =~ /^\w+: \[(\w+)\]/).with { m -> m.find() ? m.group(1) : null } }.sort()
    }
}
