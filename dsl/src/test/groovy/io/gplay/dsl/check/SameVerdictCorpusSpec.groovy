package io.gplay.dsl.check

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Forms of the DSL, good and bad, each judged by building the plan ({@code run}, {@code --list-tasks}) and by
 * {@code --syntax-check}: the two say the same, problem for problem and line for line. Where a form is bad, both
 * say what is expected. Values computed by code are left out: --syntax-check does not run code, so it knows only
 * what is written.
 */
class SameVerdictCorpusSpec extends Specification {
    @TempDir
    Path dir

    def setup() {
        write('templates/nodes.tpl', 'x\n')
        write('files/motd', 'hello\n')
        Files.createSymbolicLink(dir.resolve('files/outside'), Path.of('/etc/passwd'))
        write('tasks/ok.groovy', "debug 'from a task file', msg: 'x'\n")
        write('tasks/bad.groovy', "debug 'from a task file', msg: 'x'\nfile 'relative'\n")
        write('tasks/handlers.groovy', "handlers {\n    debug 'h', msg: 'x'\n}\n")
        write('tasks/two.groovy', "sevrice 'x'\nfile 'relative'\n")
        write('tasks/handler.groovy', "debug 'from a task file', msg: 'x'\n")
        write('tasks/notify.groovy', "debug 'notifying', msg: 'x', notify: 'reload web'\n")
        write('roles/web/tasks/main.groovy', "debug 'web', msg: { vars.port }\n"
                + "template 'site', src: 'site.tpl', dest: '/etc/site', notify: 'reload web'\n")
        write('roles/web/templates/site.tpl', 'x\n')
        write('roles/web/handlers/main.groovy', "debug 'reload web', msg: 'x'\n")
        write('roles/web/meta/argument_specs.yml', 'argument_specs:\n  main:\n    short_description: a web server\n'
                + '    options:\n      port:\n        type: int\n        required: true\n        description: its port\n')
        write('roles/uses_web/meta/main.yml', 'dependencies:\n  - role: web\n')
        write('roles/needs_nothing/meta/main.yml', 'dependencies:\n  - nothing\n')
        write('roles/imports/tasks/main.groovy', "importTasks 'more.groovy'\n")
        write('roles/imports/tasks/more.groovy', "template 'site', src: 'nope.tpl', dest: '/etc/site'\n")
        write('roles/imports_found/tasks/main.groovy', "importTasks 'more.groovy'\n")
        write('roles/imports_found/tasks/more.groovy', "template 'site', src: 'site.tpl', dest: '/etc/site'\n")
        write('roles/imports_found/templates/site.tpl', 'x\n')
        write('roles/includes/tasks/main.groovy', "includeTasks 'more.groovy', when: { true }\n")
        write('roles/includes/tasks/more.groovy', "template 'site', src: 'site.tpl', dest: '/etc/site'\n")
        write('roles/includes/templates/site.tpl', 'x\n')
        write('roles/includes_broken/tasks/main.groovy', "includeTasks 'more.groovy'\n")
        write('roles/includes_broken/tasks/more.groovy', "template 'site', src: 'nope.tpl', dest: '/etc/site'\n")
        write('roles/broken/tasks/main.groovy', "template 'site', src: 'nope.tpl', dest: '/etc/site'\n")
    }

    private void write(String name, String text) {
        Path f = dir.resolve(name)
        Files.createDirectories(f.parent)
        Files.writeString(f, text)
    }

    /** The form as the third line of a play, whose handlers are 'restart' (listening to 'topic'). */
    private Path playbook(String form) {
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, "playbook('p') {\n    play('p', hosts: 'all', gatherFacts: false) {\n${form}\n"
                + "        handlers {\n            debug 'restart', msg: 'x', listen: 'topic'\n        }\n    }\n}\n")
        f
    }

    def "#form: the same verdict from the plan and from --syntax-check, #expected"() {
        given:
        Path f = playbook(form)
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))
        String plan = PlaybookRun.verdict { loader.load(f) }

        expect:
        PlaybookRun.verdict { loader.check(f) } == plan
        expected == 'ok' ? plan == 'ok' : plan.contains(expected)

        where:
        [form, expected] << GOOD.collect { [it, 'ok'] } + BAD
    }

    def "#text: a whole playbook gets the same verdict from both, #expected"() {
        given:
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, text)
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))
        String plan = PlaybookRun.verdict { loader.load(f) }

        expect:
        PlaybookRun.verdict { loader.check(f) } == plan
        expected == 'ok' ? plan == 'ok' : plan.contains(expected)

        where:
        [text, expected] << PLAYBOOKS
    }

    static final List<String> GOOD = [
            "command 'echo hi'",
            "command 'say hi', cmd: 'echo hi'",
            "file '/tmp/x', state: 'directory', mode: '0755'",
            "file '/tmp/x', state: 'directory', mode: 0755",
            "debug 'x', msg: { vars.a }",
            "debug 'x', msg: [a: 1, b: [2, 3]]",
            "debug name: 'titled', msg: 'x'",
            "command 'argv', argv: ['echo', { host }]",
            "command 'each', cmd: 'echo', loop: [1, 2], when: { item > 1 }",
            "command 'each', argv: { ['echo', item] }, loop: { vars.items }",
            "setFact 'ports', http: 80, https: 443",
            "setFact 'computed', port: { 80 }, when: true",
            "service 'glusterd', state: 'started', notify: 'restart'",
            "service 'glusterd', state: 'started', notify: ['restart', 'topic']",
            "command 'x', cmd: 'true', register: 'out', changedWhen: false, failedWhen: { out.rc > 1 }, retries: 3,"
                    + " until: { out.rc == 0 }, delay: 1",
            "command 'x', cmd: 'true', ignoreErrors: true, become: true, noLog: true, runOnce: true, delegateTo: 'h2',"
                    + " tags: ['a'], readOnly: true",
            "template 'nodes', src: 'templates/nodes.tpl', dest: '/tmp/nodes'",
            "copy 'motd', src: 'files/motd', dest: '/etc/motd'",
            "copy 'motd', content: 'hi', dest: '/etc/motd'",
            "copy 'per host', src: { \"files/\${host}\" }, dest: '/etc/motd'",
            "copy 'outside the tree', src: '/etc/hostname', dest: '/etc/motd'",
            "copy 'a link out of the tree', src: 'files/outside', dest: '/etc/motd'",
            "copy 'computed', src: 'files/' + 'motd', dest: '/etc/motd'",
            "role 'imports_found'",
            "packages 'nginx'",
            "verify 'always', that: { true }",
            "lineinfile '/etc/x', path: '/etc/x', line: 'a', regexp: '^a'",
            "block('b', when: { true }, tags: ['t'], become: true, vars: [a: 1]) {\n debug 'in', msg: 'x'\n}"
                    + " rescue {\n debug 'r', msg: 'x'\n} always {\n debug 'a', msg: 'x'\n}",
            "block {\n debug 'in', msg: 'x'\n}",
            "block('n', notify: 'restart') {\n command 'x', cmd: 'true'\n}",
            "flushHandlers()",
            "role 'web', port: 80\nimportTasks 'tasks/notify.groovy'",
            "handlers {\n importTasks 'tasks/handler.groovy'\n}\ncommand 'x', cmd: 'true', notify: 'from a task file'",
            "command 'x', cmd: 'true', notify: 'computed'\nhandlers {\n debug \"\${'computed'}\", msg: 'x'\n}",
            "importTasks 'tasks/ok.groovy'",
            "importTasks 'tasks/ok.groovy', when: { true }, tags: ['t'], x: 1",
            "includeTasks 'tasks/ok.groovy'",
            "includeTasks 'tasks/ok.groovy', when: { true }, loop: [1, 2], tags: ['t'], x: 1",
            "includeTasks 'tasks/ok.groovy', loop: { [1, 2] }",
            "block('b', when: { true }) {\n includeTasks 'tasks/ok.groovy'\n}",
            "includeTasks { \"tasks/o\${host}.groovy\" }",
            "includeTasks file: { \"tasks/o\${host}.groovy\" }, when: { true }, x: 1",
            "includeTasks file: 'tasks/ok.groovy', loop: [1]",
            "includeTasks { \"./tasks/../tasks/o\${host}.groovy\" }",
            "role 'includes'",
            "setFact 'computed names', facts: { [(host + '_port'): 80] }",
            "includeVars 'os values', firstFound: { [\"\${host}.yml\", 'default.yml'] }",
            "includeVars 'os values', firstFound: ['default.yml'], paths: ['vars']",
            "role 'web', port: 80",
            "role 'web', port: { vars.port }",
            "String dest = '/tmp/d'\ncopy 'computed', dest: dest, content: 'x'",
            "def given = [dest: '/tmp/d', content: 'x']\ncopy 'a map of code', given",
            "handlers {\n debug name: 'titled handler', msg: 'x'\n}\nservice 'x', state: 'started', notify: 'titled handler'",
            "handlers {\n service name: 'nginx', state: 'restarted'\n}\ncommand 'x', cmd: 'true', notify: 'service nginx'",
    ]

    static final List<List<String>> BAD = [
            ["file '/tmp/x', stat: 'directory'", "unknown parameter 'stat'"],
            ["file '/tmp/x', state: 'dir'", "must be one of"],
            ["file 'tmp/x'", 'must be an absolute path'],
            ["file '/tmp/x', force: 'maybe'", 'must be a bool'],
            ["file '/tmp/x', owner: [a: 1]", 'must be a string'],
            ["lineinfile 'l', line: 'x'", "missing required parameter 'path'"],
            ["lineinfile '/etc/x', path: '/etc/x', line: 'a', regexp: '('", 'no regular expression'],
            ["iptables 'fw', content: 'x', rules: ['y']", 'give only one of'],
            ["file '/tmp/x', state: 'link'", "give 'src' when state is 'link'"],
            ["copy 'c', dest: '/tmp/x'", "give 'content' or 'src'"],
            ["copy 'c', dest: '/tmp/{{ inventory_hostname }}.txt', content: 'x'", "holds '{{ inventory_hostname }}', Jinja2"],
            ["file '/tmp/x', mode: 644", 'decimal number'],
            ["command 'x', cmd: 'true', whn: { true }", "unknown parameter 'whn'"],
            ["command 'x', cmd: 'true', when: 'a == 1'", 'when must be a closure'],
            ["command 'x', cmd: 'true', ignoreErrors: 'yes'", 'ignoreErrors must be true or false'],
            ["command 'x', cmd: 'true', ignoreErrors: { true }", 'ignoreErrors must be true or false'],
            ["command 'x', cmd: 'true', retries: 'many'", 'retries must be a number'],
            ["command 'x', cmd: 'true', register: 'vars'", "register: 'vars'"],
            ["command 'x', cmd: 'true', check: false", 'check: a check run changes nothing'],
            ["command 'x', cmd: 'true', loop: 5", 'loop must be a list'],
            ["command 'x', cmd: 'true', notify: { 'restart' }", 'notify must be'],
            ["sevrice 'x', state: 'started'", "unknown module or method 'sevrice'"],
            ["service 'x', state: 'started', notify: 'restrat'", "notify 'restrat'"],
            ["command 'x', cmd: 'true', notify: 'service nginx'", "notify 'service nginx'"],
            ["block('b', notify: 'nope') {\n debug 'in', msg: 'x'\n debug 'in too', msg: 'x'\n}", "notify 'nope'"],
            ["importTasks 'tasks/notify.groovy'", "notify 'reload web'"],
            ["handlers {\n debug 'h', msg: 'x', notify: 'nope'\n}", "notify 'nope'"],
            ["debug 5", 'unexpected argument'],
            ["debug 'a', 'b'", 'unexpected argument'],
            ["debug 'a', { 'x' }", 'unexpected argument'],
            ["command 'echo hi', name: 'say hi'", 'title'],
            ["file '/tmp/x', name: 'make x'", 'title'],
            ["setFact 'nothing'", "missing required parameter 'facts'"],
            ["block('b', register: 'x') {\n debug 'in', msg: 'x'\n}", 'a keyword of a task, not of a block'],
            ["block('b', whn: true) {\n debug 'in', msg: 'x'\n}", "block: unknown keyword 'whn'"],
            ["block('b', when: 'x') {\n debug 'in', msg: 'x'\n}", 'when must be a closure'],
            ["block('b', become: 'yes') {\n debug 'in', msg: 'x'\n}", 'become must be true or false'],
            ["block('b', delegateTo: 5) {\n debug 'in', msg: 'x'\n}", 'delegateTo must be'],
            ["block('b', tags: { 't' }) {\n debug 'in', msg: 'x'\n}", 'tags must be a name'],
            ["block('b', vars: 'x') {\n debug 'in', msg: 'x'\n}", 'vars must be a map'],
            ["block('b') {\n sevrice 'x'\n}", "unknown module or method 'sevrice'"],
            ["rescue {\n debug 'r', msg: 'x'\n}", 'rescue belongs to a block'],
            ["block('b') {\n debug 'in', msg: 'x'\n} rescue {\n debug 'r', msg: 'x'\n} rescue {\n debug 'r2', msg: 'x'\n}",
             'this block has a rescue already'],
            ["block('b') {\n debug 'in', msg: 'x'\n} always {\n debug 'a', msg: 'x'\n} rescue {\n debug 'r', msg: 'x'\n}"
                     + " always {\n debug 'a2', msg: 'x'\n}", 'this block has an always already'],
            ["handlers {\n flushHandlers()\n}", 'handlers cannot flush handlers'],
            ["handlers {\n block('b') {\n debug 'x', msg: 'x'\n }\n}", 'handlers are tasks, not blocks'],
            ["importTasks 'tasks/nope.groovy'", "no task file 'tasks/nope.groovy'"],
            ["importTasks 'tasks/ok.groovy', register: 'x'", 'is a keyword of a task'],
            ["importTasks 'tasks/ok.groovy', when: 'x'", 'when must be a closure'],
            ["importTasks 'tasks/ok.groovy', tags: { 'x' }", 'tags must be a name'],
            ["importTasks 'tasks/bad.groovy'", 'must be an absolute path'],
            ["importTasks '../outside.groovy'", "outside the playbook's folder"],
            ["includeTasks 'tasks/nope.groovy'", "includeTasks: no task file 'tasks/nope.groovy'"],
            ["includeTasks 'tasks/ok.groovy', register: 'x'", 'is a keyword of a task'],
            ["includeTasks 'tasks/ok.groovy', loop: 'x'", 'loop must be a list'],
            ["includeTasks 'tasks/ok.groovy', when: 'x'", 'when must be a closure'],
            ["includeTasks 'tasks/bad.groovy', when: { false }", 'must be an absolute path'],
            ["includeTasks '../outside.groovy'", "outside the playbook's folder"],
            ["handlers {\n includeTasks 'tasks/handler.groovy'\n}", 'write importTasks there'],
            ["includeTasks { \"tasks/\${host}.groovy\" }", 'must be an absolute path'],
            ["includeTasks(when: { true }) { \"tasks/t\${host}.groovy\" }", "unknown module or method 'sevrice'"],
            ["includeTasks { \"nope/\${host}.groovy\" }", 'a file chosen per host is one of the .groovy files in nope/'],
            ["includeTasks { \"../\${host}.groovy\" }", "outside the playbook's folder"],
            ["includeTasks { \"/etc/\${host}.groovy\" }", "outside the playbook's folder"],
            ["includeTasks { \"/\${host}.groovy\" }", "outside the playbook's folder"],
            ["includeTasks { host == 'a' ? 'x.groovy' : 'y.groovy' }", 'a file chosen per host is one of the .groovy files beside'],
            ["includeTasks when: { true }", 'includeTasks: name its file'],
            ["handlers {\n includeTasks when: { true }\n}", 'write importTasks there'],
            ["handlers {\n includeTasks { \"tasks/o\${host}.groovy\" }\n}", 'write importTasks there'],
            ["role 'includes_broken'", "src 'nope.tpl' is no file"],
            ["includeVars 'os values'", "missing required parameter 'firstFound'"],
            ["role 'broken'", "src 'nope.tpl' is no file"],
            ["role 'imports'", "src 'nope.tpl' is no file"],
            ["template 'nodes', src: 'templates/nope.tpl', dest: '/tmp/nodes'", "src 'templates/nope.tpl' is no file"],
            ["copy 'motd', src: 'files/nope', dest: '/etc/motd'", "src 'files/nope' is no file"],
            ["role 'nope'", "no role 'nope'"],
            ["role 'web'", "missing required parameter 'port'"],
            ["role 'web', port: 'eighty'", 'must be an int'],
            ["role 'web', port: 80, ignoreErrors: true", 'is a keyword of a task'],
            ["role 'uses_web'", "meta/main.yml: role web: missing required parameter 'port'"],
            ["role 'needs_nothing'", "meta/main.yml: no role 'nothing'"],
    ]

    static final List<List<String>> PLAYBOOKS = [
            ["playbook('p') {\n play('one', hosts: 'all') {\n  debug 'x', msg: 'x', notify: 'h'\n }\n"
                     + " play('two', hosts: 'all') {\n  debug 'x', msg: 'x'\n  handlers {\n   debug 'h', msg: 'x'\n  }\n }\n}\n",
             "notify 'h': no such handler in play 'one'"],
            ["playbook('p') {\n play('one', hosts: 'all') {\n  role 'web', port: 80\n }\n"
                     + " play(hosts: 'web') {\n  debug 'x', msg: 'x', notify: 'reload web'\n }\n}\n",
             "notify 'reload web': no such handler in play 'web'"],
            ["playbook('p') {\n play('q', hosts: 'all', serial: 'x') {\n  debug 'x', msg: 'x'\n }\n}\n", 'serial'],
            ["playbook('p') {\n play('q', hosts: 'all', serial: { 2 }) {\n  debug 'x', msg: 'x'\n }\n}\n",
             'serial: a closure is no batch size'],
            ["playbook('p') {\n play('q', hoss: 'all') {\n  debug 'x', msg: 'x'\n }\n}\n", "unknown option 'hoss'"],
            ["playbook('p') {\n play('q', hosts: 'all', gatherFacts: 'no') {\n  debug 'x', msg: 'x'\n }\n}\n",
             'gatherFacts must be true or false'],
            ["playbook('p') {\n play('q', hosts: 'all', vars: 'x') {\n  debug 'x', msg: 'x'\n }\n}\n",
             'vars must be a map'],
            ["playbook('p') {\n play('q', hosts: 'all', varsFiles: ['nope.yml']) {\n  debug 'x', msg: 'x'\n }\n}\n",
             "varsFiles: no file 'nope.yml'"],
            ["playbook('p') {\n play('q', hosts: 'all', varsFiles: '../x.yml') {\n  debug 'x', msg: 'x'\n }\n}\n",
             "outside the playbook's folder"],
            ["debug 'outside', msg: 'x'\n", 'debug belongs in a play'],
            ["playbook('p') {\n debug 'outside', msg: 'x'\n}\n", 'debug belongs in a play'],
            ["playbook('p') {\n role 'web', port: 80\n}\n", 'role belongs in a play'],
            ["rescue {\n debug 'r', msg: 'x'\n}\nplaybook('p') {\n play('q', hosts: 'all') {\n  debug 'x', msg: 'x'\n }\n}\n",
             'rescue belongs to a block'],
            ["def x = 1\n", 'no playbook'],
            ["playbook('p') {\n play('q', hosts: 'all') {\n  debug 'x', msg: 'x'\n }\n}\nplaybook('again') {\n}\n",
             'a file holds one playbook'],
            ["requires 'x'\nplaybook('p') {\n play('q', hosts: 'all') {\n  debug 'x', msg: 'x'\n }\n}\n",
             "unknown module or method 'requires'"],
            ["playbook('p') {\n play('q', hosts: 'all') {\n  play('inner', hosts: 'all') {\n   file 'relative'\n  }\n }\n}\n",
             "unknown module or method 'play'"],
            ["playbook('p') {\n play('q', hosts: 'all') {\n  block {\n   handlers {\n    debug 'h', msg: 'x'\n   }\n  }\n }\n}\n",
             "unknown module or method 'handlers'"],
            ["playbook('p') {\n play('q', hosts: 'all') {\n  importTasks 'tasks/handlers.groovy'\n }\n}\n",
             "unknown module or method 'handlers'"],
            ["playbook('p') {\n play('q', hosts: 'all') {\n  importTasks 'tasks/two.groovy'\n }\n}\n",
             'must be an absolute path'],
            ["playbook('p') {\n play('q', hosts: 'all') {\n  [1, 2].each { n -> debug \"n\${n}\", msg: 'x' }\n }\n}\n", 'ok'],
            ["def helper() {\n debug 'from a method', msg: 'x'\n}\nplaybook('p') {\n play('q', hosts: 'all') {\n  helper()\n }\n}\n",
             'ok'],
            ["playbook('p') {\n play('q', hosts: 'all') {\n  role 'web', port: 80\n  role 'web', port: 81\n }\n}\n", 'ok'],
    ]
}
