package io.gplay.tests

import groovy.json.JsonSlurper
import spock.lang.IgnoreIf

import java.nio.file.Files
import java.nio.file.Path

/** bin/gplay against real OpenSSH sshd servers on loopback. */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class SshRunSpec extends TwoSshdSpec {
    Path knownHosts() {
        Path kh = work.resolve('known_hosts')
        if (!Files.exists(kh)) {
            Files.writeString(kh, one.knownHostsLine() + '\n' + two.knownHostsLine() + '\n')
        }
        kh
    }

    Path playbook(String text) {
        Path p = work.resolve('site.groovy')
        p.text = text
        p
    }

    Gplay.Run gplay(String... args) {
        Gplay.run(work, work.resolve('cache'), args)
    }

    static final String SITE = '''\
// converge a small tree on each host
playbook('site') {
    play('files', hosts: 'web') {
        file 'app dir', path: { "${vars.root}/app" }, state: 'directory', mode: '0755'
        copy 'config', dest: { "${vars.root}/app/app.conf" }, content: { "name=${host}\\nport=8080\\n" }, notify: 'reload app'
        lineinfile 'tune', path: { "${vars.root}/app/tuning.conf" }, regexp: /^workers=/, line: 'workers=4', create: true, notify: 'reload app'
        command 'stamp', argv: { ['touch', "${vars.root}/app/stamp"] }, creates: { "${vars.root}/app/stamp" }
        handlers {
            shell 'reload app', cmd: { "echo reloaded >> ${quote(vars.root)}/app/reloads" }
        }
    }
}
'''

    def "a playbook converges over SSH, then a second run changes nothing and handlers fire once"() {
        given:
        def inv = inventory()
        playbook(SITE)

        when:
        def first = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        first.rc == 0
        first.recap('h1').changed == 5  // four tasks and the handler
        first.recap('h2').changed == 5
        Files.readString(work.resolve('h1/app/app.conf')) == 'name=h1\nport=8080\n'
        Files.readString(work.resolve('h2/app/app.conf')) == 'name=h2\nport=8080\n'
        first.out.count('RUNNING HANDLER [reload app]') == 1
        Files.readString(work.resolve('h1/app/reloads')) == 'reloaded\n'

        when:
        def second = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        second.rc == 0
        second.recap('h1') == [ok: 5, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0]
        second.recap('h2').changed == 0
        !second.out.contains('RUNNING HANDLER')
        Files.readString(work.resolve('h1/app/reloads')) == 'reloaded\n'
    }

    def "check mode on fresh hosts predicts every change with its diff and writes nothing"() {
        given:
        def inv = inventory()
        playbook(SITE)

        when:
        def check = gplay('run', 'site.groovy', '-i', inv.toString(), '--check', '--diff')

        then:
        check.rc == 0
        check.recap('h1').changed == 4
        check.out.contains('+name=h1')
        !Files.exists(work.resolve('h1'))
        !Files.exists(work.resolve('h2'))
    }

    def "a bad playbook fails with its file and line before any host is touched"() {
        given:
        def inv = inventory()
        playbook('''\
playbook('bad') {
    play('p', hosts: 'web') {
        file 'x', path: '/tmp/x', state: 'directory'
        copy 'y', dest: '/tmp/y', contnt: 'z'
    }
}
''')

        when:
        def run = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        run.rc == 1
        run.err.contains("site.groovy:4: copy: unknown parameter 'contnt' (did you mean 'content'?)")
        !run.out.contains('PLAY [')
        !Files.exists(work.resolve('h1'))
    }

    def "a stopped sshd makes its host UNREACHABLE while the other host finishes"() {
        given:
        def inv = inventory()
        playbook(SITE)
        two.stop()

        when:
        def run = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        run.rc == 4
        run.out.contains('fatal: [h2]: UNREACHABLE!')
        run.recap('h2').unreachable == 1
        run.recap('h1').changed == 5
        Files.readString(work.resolve('h1/app/app.conf')) == 'name=h1\nport=8080\n'

        cleanup:
        two.start()
    }

    def "Ctrl-C (SIG#signal) ends the commands running on the hosts, starts no later task, prints the recap and exits 99"() {
        given: 'a command that would run for 40 s on both hosts, then a task that marks its host'
        def inv = inventory()
        String sleep = "sleep 40.${100 + new Random().nextInt(900)}"
        playbook("""\
playbook('long') {
    play('long', hosts: 'web', gatherFacts: false) {
        command 'wait', cmd: '${sleep}'
        command 'after', argv: { ['touch', "\${vars.root}/after"] }
    }
}
""")
        def started = Gplay.start(work, work.resolve('cache'), 'run', 'site.groovy', '-i', inv.toString())
        long deadline = System.currentTimeMillis() + 60_000   // room for a machine busy with the lab spec beside this one
        while (ReplTmuxSpec.remote(sleep).size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50)
        }
        assert ReplTmuxSpec.remote(sleep).size() == 2

        when:
        started.interrupt(signal)
        def run = started.finish()

        then: 'the command ended on both hosts, by SIGTERM'
        run.rc == 99
        run.err.contains("[interrupted (SIG${signal}): ")
        run.out.count('killed by signal TERM') == 2
        ['h1', 'h2'].every { run.recap(it).failed == 1 && run.recap(it).ok == 0 }
        ReplTmuxSpec.gone(sleep)
        !run.out.contains('TASK [after]')
        !Files.exists(work.resolve('h1/after')) && !Files.exists(work.resolve('h2/after'))

        cleanup:
        ReplTmuxSpec.remote(sleep)*.destroy()

        where: 'SIGTERM (a service manager, a CI job cancelled) as Ctrl-C'
        signal << ['INT', 'TERM']
    }

    def "unknown host keys are refused unless accepted, and then remembered; a changed key is refused"() {
        given:
        def inv = inventory()
        playbook(SITE)
        Path kh = knownHosts()
        kh.text = ''

        when:
        def refused = gplay('run', 'site.groovy', '-i', inv.toString(), '-l', 'h1')

        then:
        refused.rc == 4
        refused.out.contains('is not in') && refused.out.contains('--accept-new-host-keys')

        when:
        def accepted = gplay('run', 'site.groovy', '-i', inv.toString(), '-l', 'h1', '--accept-new-host-keys')

        then:
        accepted.rc == 0
        kh.text.contains("[127.0.0.1]:${one.port}")

        when: 'the known key is replaced by another server key'
        kh.text = kh.text.replace(one.hostKeyPub.text.trim().split(' ')[1], two.hostKeyPub.text.trim().split(' ')[1])
        def changed = gplay('run', 'site.groovy', '-i', inv.toString(), '-l', 'h1', '--accept-new-host-keys')

        then:
        changed.rc == 4
        changed.out.contains('HOST KEY CHANGED')
    }

    def "hostile inventory values reach the host as data"() {
        given:
        def marker = work.resolve('pwned')
        def inv = inventory(h1: [root: work.resolve('h1').toString() + "; touch ${marker}; \$(touch ${marker})"])
        playbook(SITE)

        when:
        def run = gplay('run', 'site.groovy', '-i', inv.toString(), '-l', 'h1')

        then:
        run.rc == 0
        !Files.exists(marker)
    }

    def "limit, tags, extra vars, listing and the JSON report"() {
        given:
        def inv = inventory()
        playbook('''\
playbook('opts') {
    play('p', hosts: 'web') {
        file 'dir', path: { "${vars.root}" }, state: 'directory', tags: ['always']
        copy 'tagged', dest: { "${vars.root}/greeting" }, content: { vars.greeting }, tags: ['greet']
        copy 'untagged', dest: { "${vars.root}/other" }, content: 'x'
    }
}
''')

        when:
        def list = gplay('run', 'site.groovy', '-i', inv.toString(), '--list-tasks', '-l', 'web[0]')

        then:
        list.rc == 0
        list.out.contains('hosts (1): h1')
        list.out.contains('tagged  [copy] TAGS: [greet]')

        when: 'the hosts only'
        def hosts = gplay('run', 'site.groovy', '-i', inv.toString(), '--list-hosts')

        then: 'each play with its hosts, no task'
        hosts.rc == 0
        hosts.out.contains('hosts (2): h1 h2')
        !hosts.out.contains('tasks:')
        !hosts.out.contains('[copy]')

        when: 'the plan as a tagged run would go'
        def tagged = gplay('run', 'site.groovy', '-i', inv.toString(), '--list-tasks', '-t', 'greet')

        then: 'always and the tagged task, not the other'
        tagged.out.contains('dir  [file] TAGS: [always]')
        tagged.out.contains('tagged  [copy] TAGS: [greet]')
        !tagged.out.contains('untagged')

        when:
        def run = gplay('run', 'site.groovy', '-i', inv.toString(), '-l', 'h2', '-t', 'greet', '-e', 'greeting=hello',
                '--report', "json=${work.resolve('run.jsonl')}")

        then:
        run.rc == 0
        !Files.exists(work.resolve('h1'))
        Files.readString(work.resolve('h2/greeting')) == 'hello'
        !Files.exists(work.resolve('h2/other'))
        def events = work.resolve('run.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
        events.find { it.event == 'host_result' && it.task == 'tagged' }.status == 'changed'
        def recap = events.find { it.event == 'recap' }
        recap.hosts.h2.changed == 2  // the 'always' directory and the tagged file
        events.last().event == 'run_end' && events.last().exit_code == 0
    }
}
