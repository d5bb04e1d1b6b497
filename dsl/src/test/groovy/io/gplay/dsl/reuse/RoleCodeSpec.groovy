package io.gplay.dsl.reuse

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.TreeSpec
import io.gplay.engine.inventory.Host
import io.gplay.engine.inventory.Inventory
import io.gplay.engine.module.ModuleRegistry
import io.gplay.engine.report.ConsoleReporter
import io.gplay.engine.run.RunOptions
import io.gplay.engine.run.Runner

import java.nio.file.Files
import java.nio.file.Path

/** A role's own code: its lib/ (Groovy helpers) and modules/ (modules of its own), made, checked and run. */
class RoleCodeSpec extends TreeSpec {
    /** The msg of each debug task of the plan, by its title. */
    Map<String, Object> messages(def plan) {
        plan.plays()[0].allTasks().toList().findAll { it.module() == 'debug' }
                .collectEntries { [it.title(), it.params().msg.toString()] }
    }

    def "a role's lib/ helpers are called from its tasks and handlers; inside the role its own method wins"() {
        given: 'the playbook and the role each have a method port(); only the role has addCheck and the class Ports'
        write('lib/ports.groovy', 'int port() { 80 }\n')
        write('roles/web/lib/web.groovy', '''\
class Ports { static int tls() { 443 } }
int port() { 8080 }
void addCheck(String what) { debug "check ${what}", msg: "${what} on ${port()}" }
''')
        write('roles/web/tasks/main.groovy', '''\
debug 'web port', msg: "${port()} and ${Ports.tls()}"
addCheck 'web'
''')
        write('roles/web/handlers/main.groovy', 'debug \'web handler\', msg: "${port()}"\n')
        write('roles/db/tasks/main.groovy', 'debug \'db port\', msg: "${port()}"\n')
        Path site = write('site.groovy', '''\
playbook('p') {
    play('x', hosts: 'web', gatherFacts: false) {
        role 'web'
        role 'db'
        debug 'play port', msg: "${port()}"
    }
}
''')

        when:
        def plan = loader().load(site)
        def said = messages(plan)

        then: "the role's files and its library's methods get the role's port(); the other role and the play the tree's"
        said['web port'] == '8080 and 443'
        said['check web'] == 'web on 8080'
        said['db port'] == '80'
        said['play port'] == '80'
        plan.plays()[0].handlers().find { it.title() == 'web handler' }.params().msg.toString() == '8080'

        and: '--syntax-check knows the role\'s methods too'
        loader().check(site).tasks() == 4
    }

    def "a role's lib/ methods are not the playbook's: called outside the role, the call is unknown at its line"() {
        given:
        write('roles/web/lib/web.groovy', 'int webPort() { 8080 }\n')
        write('roles/web/tasks/main.groovy', 'debug \'web\', msg: "${webPort()}"\n')
        Path site = write('site.groovy', '''\
playbook('p') {
    play('x', hosts: 'web', gatherFacts: false) {
        role 'web'
        debug 'outside', msg: "${webPort()}"
    }
}
''')

        expect:
        problems { loader().load(site) }.contains('site.groovy:4:')
    }

    def "a class of a role's lib/ named as a class of the playbook's lib/ is refused, both lines named"() {
        given:
        write('lib/ports.groovy', 'class Ports { static int web() { 80 } }\n')
        write('roles/web/lib/web.groovy', '// the role\'s ports\nclass Ports { static int web() { 8080 } }\n')
        write('roles/web/tasks/main.groovy', 'debug \'web\', msg: "${Ports.web()}"\n')
        Path site = write('site.groovy', "playbook('p') { play('x', hosts: 'web', gatherFacts: false) { role 'web' } }\n")

        expect:
        problems { loader().load(site) }.contains("roles/web/lib/web.groovy:2: class Ports is a class of ${dir}/lib/ports.groovy:1 too")
        problems { loader().check(site) }.contains('roles/web/lib/web.groovy')
    }

    Path roleWithModule(String taskLine) {
        Files.createDirectories(dir.resolve('roles/nfs/modules'))
        Files.copy(OwnModulesSpec.EXAMPLE, dir.resolve('roles/nfs/modules/nfsExport.groovy'))
        write('roles/nfs/tasks/main.groovy', "debug 'first', msg: 'x'\n" + taskLine + '\n')
        write('site.groovy', '''\
playbook('nfs') {
    play('share', hosts: 'web', gatherFacts: false) {
        role 'nfs'
    }
}
''')
    }

    def "a role's modules/ are checked when the plan is made, and run with it"() {
        given:
        Path site = roleWithModule("nfsExport '/srv/share', clients: '10.0.0.0/24', exportsFile: '${dir}/exports', reload: ['touch', '${dir}/reloaded']")
        Files.writeString(dir.resolve('exports'), '')

        when: 'the plan is made and run with the modules it was made with'
        def made = loader()
        def plan = made.load(site)
        def out = new ByteArrayOutputStream()
        def inventory = new Inventory([h1: new Host('h1', ['web'], [ansible_connection: 'local'])], [web: ['h1']])
        def summary = new Runner(inventory, made.modules(dir), RunOptions.builder().output(false, true, 0).build(),
                new ConsoleReporter(new PrintStream(out, true), false, true, 0)).run(plan)

        then:
        summary.exitCode() == 0
        Files.readString(dir.resolve('exports')) == '/srv/share 10.0.0.0/24(rw,sync,no_subtree_check)\n'
        Files.exists(dir.resolve('reloaded'))

        and: '`gplay doc` lists it among the modules of the roles here'
        loader().modulesWithRoles(dir).find('nfsExport').isPresent()
    }

    def "a bad call to a role's module is refused at its file and line"() {
        given:
        Path site = roleWithModule("nfsExport '/srv/share', client: '10.0.0.0/24'")

        expect:
        def said = problems { loader().load(site) }
        said.contains("roles/nfs/tasks/main.groovy:2: ") && said.contains("'client'")
        said.contains("[in role 'nfs' used at ")
    }

    def "--syntax-check runs none of a role's code: its modules are known by name, its library compiled, not run"() {
        given: 'a role whose module and library leave a marker if any of their code runs'
        Path marker = dir.resolve('ran')
        write('roles/mark/modules/marker.groovy', """\
class Marker implements Module {
    static { new File('${marker}').text = 'static' }
    Marker() { new File('${marker}').text = 'made' }
    ModuleSpec spec() { new ModuleSpec('marker', 'writes a marker') }
    void run(ModuleContext ctx) { new File('${marker}').text = 'ran' }
}
""")
        write('roles/mark/lib/mark.groovy', """\
new File('${marker}').text = 'library'
class Leaves { static { new File('${marker}').text = 'class' } }
String where() { Leaves.name; 'here' }
""")
        write('roles/mark/tasks/main.groovy', "marker where()\n")
        Path site = write('site.groovy', "playbook('p') { play('x', hosts: 'web', gatherFacts: false) { role 'mark' } }\n")

        when:
        def summary = loader().check(site)

        then:
        summary.tasks() == 1
        summary.unread() == ['marker'] as Set
        !Files.exists(marker)

        when: 'making the plan makes the module'
        loader().load(site)

        then:
        Files.exists(marker)
    }

    def "a role's module named as a module of the playbook's is refused, both files named; library/ is not read"() {
        given:
        Files.createDirectories(dir.resolve('modules'))
        Files.copy(OwnModulesSpec.EXAMPLE, dir.resolve('modules/nfsExport.groovy'))
        roleWithModule("nfsExport '/srv/share', clients: '*'")
        write('roles/nfs/library/other.groovy', Files.readString(OwnModulesSpec.EXAMPLE))

        expect:
        def said = problems { loader().load(dir.resolve('site.groovy')) }
        said.contains("roles/nfs/modules/nfsExport.groovy:1: 'nfsExport' is the name of a module of "
                + "${dir}/modules/nfsExport.groovy:1 too")
        said.contains("roles/nfs/library/other.groovy:1: a role's own modules are in its modules/ folder")
        def checked = problems { loader().check(dir.resolve('site.groovy')) }
        checked.contains("roles/nfs/modules/nfsExport.groovy:1: 'nfsExport' is the name of a module of")
        checked.contains("roles/nfs/library/other.groovy:1:")
    }
}
