package io.gplay.tests

import spock.lang.IgnoreIf

import java.nio.file.Files
import java.nio.file.Path

/**
 * A user's own playbooks that share their tasks (roles, task files, libraries, variables files, set facts,
 * handler topics), run with bin/gplay against real OpenSSH sshd servers on loopback.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class ReuseRunSpec extends TwoSshdSpec {
    Path write(String name, String text) {
        Path f = work.resolve(name)
        Files.createDirectories(f.parent)
        f.text = text
        f
    }

    Gplay.Run gplay(String... args) {
        Gplay.run(work, work.resolve('cache'), args)
    }

    /** A site of the layout an Ansible user knows: roles/, tasks/, lib/ and vars/ beside the playbook. */
    void writeSite() {
        write('roles/app/meta/argument_specs.yml', '''\
argument_specs:
  main:
    short_description: An application's config file
    options:
      name: {type: str, required: true, description: the application}
      port: {type: int, default: 8080, description: the port it listens on}
''')
        write('roles/app/defaults/main.yml', 'greeting: hello\n')
        write('roles/app/meta/main.yml', 'dependencies:\n  - {role: base, folder: etc}\n')
        write('roles/app/tasks/main.groovy', '''\
template 'config', src: 'app.conf.gtpl', dest: { "${vars.root}/etc/${vars.name}.conf" }, notify: 'apps changed'
''')
        write('roles/app/templates/app.conf.gtpl', 'name=${name}\nport=${port}\ngreeting=${greeting}\nsite=${site}\n')
        write('roles/app/handlers/main.groovy', '''\
shell 'count reloads', cmd: { "echo reload >> ${quote(vars.root)}/reloads" }, listen: 'apps changed'
''')
        write('roles/base/tasks/main.groovy', '''\
file 'base folder', path: { "${vars.root}/${vars.folder}" }, state: 'directory'
''')
        write('tasks/stamp.groovy', '''\
stampFile()
''')
        write('lib/site.groovy', '''\
def stampFile() {
    copy 'stamp', dest: { "${vars.root}/stamp" }, content: { "${site} on ${host}, fact ${color}\\n" }
}
''')
        write('vars/site.yml', 'site: prod\n')
        write('site.groovy', '''\
playbook('site') {
    play('apps', hosts: 'web', varsFiles: 'vars/site.yml') {
        setFact 'pick a color', color: { host == 'h1' ? 'red' : 'blue' }
        role 'app', name: 'alpha'
        role 'app', name: 'beta', port: 9090
        importTasks 'tasks/stamp.groovy'
        shell 'log', cmd: 'true', notify: 'apps changed', changedWhen: { false }
    }
}
''')
    }

    def "roles used twice with their own parameters, a task file, a library method and set facts converge, and a handler topic runs once"() {
        given:
        def inv = inventory()
        writeSite()

        when:
        def first = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        first.rc == 0
        work.resolve('h1/etc/alpha.conf').text == 'name=alpha\nport=8080\ngreeting=hello\nsite=prod\n'
        work.resolve('h2/etc/beta.conf').text == 'name=beta\nport=9090\ngreeting=hello\nsite=prod\n'
        work.resolve('h1/stamp').text == 'prod on h1, fact red\n'
        work.resolve('h2/stamp').text == 'prod on h2, fact blue\n'
        work.resolve('h1/reloads').text == 'reload\n'  // two roles notified the topic; its handler ran once
        first.out.count('RUNNING HANDLER [count reloads]') == 1

        when:
        def second = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        second.rc == 0
        second.recap('h1').changed == 0
        second.recap('h2').changed == 0
        work.resolve('h1/reloads').text == 'reload\n'
    }

    def "a mistake in a nested role is reported at its own line with the chain that brought it in, before any host is touched"() {
        given:
        def inv = inventory()
        writeSite()
        write('roles/base/tasks/main.groovy', '''\
file 'base folder', path: { "${vars.root}/${vars.folder}" }, state: 'directory'
file 'oops', path: '/tmp/x', state: 'folder'
''')

        when:
        def run = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        run.rc == 1
        run.err.contains("roles/base/tasks/main.groovy:2: file: parameter 'state' must be one of")
        run.err.contains("[in role 'base' used at roles/app/meta/main.yml, in role 'app' used at site.groovy:4]")
        run.err.contains('no host was touched')
        !Files.exists(work.resolve('h1'))
    }

    def "a wrong role parameter is the playbook line's problem; gplay doc shows a role as it shows a module"() {
        given:
        def inv = inventory()
        writeSite()
        write('site.groovy', '''\
playbook('site') {
    play('apps', hosts: 'web') {
        role 'app', nmae: 'alpha'
    }
}
''')

        when:
        def run = gplay('run', 'site.groovy', '-i', inv.toString())
        def doc = gplay('doc', 'app')

        then:
        run.rc == 1
        run.err.contains("site.groovy:3: role app: unknown parameter 'nmae' (did you mean 'name'?)")
        run.err.contains("site.groovy:3: role app: missing required parameter 'name'")
        doc.rc == 0
        doc.out.contains("An application's config file")
        doc.out.contains('port')
        doc.out.contains('the port it listens on')
    }
}
