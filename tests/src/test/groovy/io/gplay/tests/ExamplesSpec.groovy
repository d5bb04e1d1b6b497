package io.gplay.tests

import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * The public roles ported in examples/: each playbook passes --syntax-check and lists as many tasks as the original
 * role has, and each ported role keeps the original's templates, files, defaults, vars and meta byte for byte, only
 * its tasks and handlers written in gplay's DSL. The originals are not committed: examples/assemble lays them out,
 * here in a copy of examples/ (never in the source tree), from the local git copies in $GPLAY_MIRRORS. Without them
 * the spec is skipped, also where CI is set: what it lacks is data from other repositories, not a tool to install.
 */
@IgnoreIf(value = { !System.getenv('GPLAY_MIRRORS') },
        reason = 'needs the roles\' repositories: set GPLAY_MIRRORS to a folder of OWNER+NAME/repo git copies (see examples/assemble)')
class ExamplesSpec extends Specification {
    static final List<String> ROLES = ['sudo', 'ssh_client', 'rc_local']
    static final List<String> KEPT = ['templates', 'files', 'defaults', 'vars', 'meta']

    @Shared
    @TempDir
    Path work

    @Shared
    Path EXAMPLES

    /** The project's own files of examples/ copied (what assemble lays out is left behind), then assembled. */
    def setupSpec() {
        Path source = Gplay.ROOT.resolve('examples')
        EXAMPLES = work.resolve('examples')
        Files.walk(source).withCloseable { s ->
            s.filter { Files.isRegularFile(it) && ownFile(source.relativize(it)) }.each { Path f ->
                Path to = EXAMPLES.resolve(source.relativize(f).toString())
                Files.createDirectories(to.parent)
                Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES)
            }
        }
        def assembled = Gplay.exec([EXAMPLES.resolve('assemble').toString(), System.getenv('GPLAY_MIRRORS')])
        assert assembled.rc == 0 : assembled.err
    }

    static boolean ownFile(Path rel) {
        List<String> parts = rel.collect { it.toString() }
        !(parts[0] == 'ansible' && parts[1] == 'roles') && !(parts[0] == 'roles' && parts.size() > 2 && !(parts[2] in ['tasks', 'handlers']))
    }

    Path inventory() {
        Path inv = work.resolve('hosts.yml')
        inv.text = 'all:\n  children:\n    lab:\n      hosts:\n        lab1: {ansible_connection: local}\n' +
                '        lab2: {ansible_connection: local}\n'
        inv
    }

    /** The original role's tasks: every entry of its task files, less the import_tasks that take the others in. */
    int originalTasks(String role) {
        Files.list(EXAMPLES.resolve("ansible/roles/${role}/tasks")).toList().sum { Path f ->
            f.readLines().count { it =~ /^- / && !(it =~ /^- (ansible\.builtin\.)?import_tasks:/) }
        } as int
    }

    List<String> originalHandlers(String role) {
        Path f = EXAMPLES.resolve("ansible/roles/${role}/handlers/main.yml")
        !Files.exists(f) ? [] : f.readLines().findAll { it =~ /^- name: / }.collect { it.replaceFirst(/^- name: /, '').trim() }
    }

    static List<String> relativeFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return []
        }
        Files.walk(dir).withCloseable { s -> s.filter { Files.isRegularFile(it) }.map { dir.relativize(it).toString() }.sorted().toList() }
    }

    def "example #role passes --syntax-check and lists the original role's tasks and handlers"() {
        given:
        Path inv = inventory()

        when:
        def check = Gplay.run(EXAMPLES, work.resolve('cache'), 'run', "${role}.groovy", '-i', inv.toString(), '--syntax-check')
        def list = Gplay.run(EXAMPLES, work.resolve('cache'), 'run', "${role}.groovy", '-i', inv.toString(), '--list-tasks')
        def lines = list.out.readLines()
        int start = lines.findIndexOf { it.trim() == 'tasks:' }
        def tasks = lines.drop(start + 1).takeWhile { it.startsWith('      ') }
        def handlers = lines.find { it.trim().startsWith('handlers: ') }

        then:
        check.rc == 0
        check.out.contains("playbook: ${role}.groovy (1 plays, ") && check.out.contains('no problem found')
        list.rc == 0
        tasks.size() == originalTasks(role)
        tasks.every { it.contains("(roles/${role}/tasks/") }
        (handlers ? handlers.trim().replaceFirst('handlers: ', '').split(', ').toList() : []) == originalHandlers(role)

        where:
        role << ROLES
    }

    def "the ported #role keeps the original's #kept byte for byte"() {
        given:
        Path original = EXAMPLES.resolve("ansible/roles/${role}")
        Path port = EXAMPLES.resolve("roles/${role}")

        expect:
        relativeFiles(port.resolve(kept)) == relativeFiles(original.resolve(kept))
        relativeFiles(original.resolve(kept)).every {
            Arrays.equals(Files.readAllBytes(port.resolve(kept).resolve(it)), Files.readAllBytes(original.resolve(kept).resolve(it)))
        }

        where:
        [role, kept] << [ROLES, KEPT].combinations()
    }

    def "the ported #role writes only its tasks and handlers in gplay's DSL, and keeps the original's license"() {
        given:
        Path original = EXAMPLES.resolve("ansible/roles/${role}")
        Path port = EXAMPLES.resolve("roles/${role}")
        def licenses = relativeFiles(original).findAll { it.startsWith('LICENSE') }

        expect:
        relativeFiles(port).findAll { !KEPT.any { k -> it.startsWith(k + '/') } && !it.startsWith('LICENSE') }
                .every { it ==~ /(tasks|handlers)\/[^\/]+\.groovy/ }
        relativeFiles(port.resolve('tasks')).contains('main.groovy')
        Files.exists(port.resolve('handlers/main.groovy')) == !originalHandlers(role).isEmpty()
        licenses && licenses.every { Files.readAllBytes(port.resolve(it)) == Files.readAllBytes(original.resolve(it)) }

        where:
        role << ROLES
    }

    def "the sudo port reads its vars file as the original does: includeVars over the same first-found names, in the same order"() {
        given: "the original's with_first_found names, with Ansible's facts written as gplay's"
        List original = new org.yaml.snakeyaml.Yaml().load(EXAMPLES.resolve('ansible/roles/sudo/tasks/vars.yml').text)[0].with_first_found
        def asGplay = original.collect {
            it.replace('{{ ansible_distribution }}', '${facts.distribution}').replace('{{ ansible_os_family }}', '${facts.osFamily}')
        }
        String port = EXAMPLES.resolve('roles/sudo/tasks/vars.groovy').text

        expect:
        original.size() == 3
        port.contains('includeVars ')
        (port =~ /firstFound: \{ \[(.*)\] \}/)[0][1].split(', ').collect { it[1..-2] } == asGplay
        Files.exists(EXAMPLES.resolve('roles/sudo/vars/default.yml'))
    }
}
