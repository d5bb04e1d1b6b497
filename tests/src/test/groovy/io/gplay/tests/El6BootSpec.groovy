package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * The el6 profile's SysV boot (lab/profiles/el6/boot) held to CentOS 6.5's programs, without a lab: chkconfig
 * and rc run in a folder that stands for / (EL6_ROOT). Each feature is a row of docs/stand-ins.md's SysV table,
 * named by its id; the lab's boots themselves are GlusterizedOvirtLabSpec's.
 */
class El6BootSpec extends Specification {
    static final Path BOOT = Gplay.ROOT.resolve('lab/profiles/el6/boot')

    @TempDir
    Path root

    def setup() {
        Files.createDirectories(root.resolve('etc/init.d'))
        Files.createDirectories(root.resolve('var/lock/subsys'))
        BOOT.resolve('init.d').toFile().eachFile { f -> Files.copy(f.toPath(), root.resolve('etc/init.d/' + f.name)) }
    }

    Gplay.Run run(String program, String... args) {
        def pb = new ProcessBuilder([BOOT.resolve(program).toString(), *args])
        pb.environment().put('EL6_ROOT', root.toString())
        def p = pb.start()
        def out = p.inputStream.text
        def err = p.errorStream.text
        new Gplay.Run(rc: p.waitFor(), out: out, err: err)
    }

    /** The links of rcN.d, level by level: "0:K80glusterd 1:K80glusterd ...". */
    String links(String name) {
        (0..6).collect { l ->
            def d = root.resolve("etc/rc.d/rc${l}.d").toFile()
            def mine = (d.list() ?: []).findAll { it ==~ /[SK]\d\d${name}/ }.sort()
            mine.each { assert Files.readSymbolicLink(root.resolve("etc/rc.d/rc${l}.d/${it}")).toString() == "../init.d/${name}" }
            "${l}:${mine.join(',')}"
        }.join(' ')
    }

    def "CHK-ADD: --add links the header's levels S<start>, the others K<stop>; '-' starts in none"() {
        expect:
        run('chkconfig', '--add', 'netfs').rc == 0
        links('netfs') == '0:K75netfs 1:K75netfs 2:K75netfs 3:S25netfs 4:S25netfs 5:S25netfs 6:K75netfs'
        run('chkconfig', '--add', 'glusterd').rc == 0
        links('glusterd') == '0:K80glusterd 1:K80glusterd 2:K80glusterd 3:K80glusterd 4:K80glusterd 5:K80glusterd 6:K80glusterd'
    }

    def "CHK-ADD-KEEPS: --add leaves a level that has a link as it is"() {
        given:
        run('chkconfig', 'glusterd', 'on')

        expect:
        run('chkconfig', '--add', 'glusterd').rc == 0
        links('glusterd') == '0:K80glusterd 1:K80glusterd 2:S20glusterd 3:S20glusterd 4:S20glusterd 5:S20glusterd 6:K80glusterd'
    }

    def "CHK-ON: on and off without --level set 2345 whatever the header says, and leave 0, 1 and 6 alone"() {
        expect:
        run('chkconfig', 'ctdb', 'on').rc == 0
        links('ctdb') == '0: 1: 2:S90ctdb 3:S90ctdb 4:S90ctdb 5:S90ctdb 6:'
        run('chkconfig', 'ctdb', 'off').rc == 0
        links('ctdb') == '0: 1: 2:K01ctdb 3:K01ctdb 4:K01ctdb 5:K01ctdb 6:'
        run('chkconfig', '--level', '3', 'ctdb', 'on').rc == 0
        links('ctdb') == '0: 1: 2:K01ctdb 3:S90ctdb 4:K01ctdb 5:K01ctdb 6:'
    }

    def "CHK-LIST: --list prints the name in 15 columns, then each level's state after a tab"() {
        given:
        run('chkconfig', '--add', 'sshd')

        when:
        def list = run('chkconfig', '--list', 'sshd')

        then:
        list.rc == 0
        list.out == 'sshd           \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n'
    }

    def "CHK-QUERY: chkconfig NAME answers by its status whether NAME starts in the current runlevel (3)"() {
        given:
        run('chkconfig', '--add', 'glusterd')

        expect:
        run('chkconfig', 'glusterd').rc == 1
        run('chkconfig', 'glusterd', 'on').rc == 0
        run('chkconfig', 'glusterd').rc == 0
        run('chkconfig', 'nosuch').with { rc == 1 && err.isEmpty() }
    }

    def "CHK-ERRORS: an unknown service, a script without the header, a --list of a service never added"() {
        given:
        root.resolve('etc/init.d/plain').text = '#!/bin/sh\n# description: no header\n'

        when:
        def unknown = run('chkconfig', 'nosuch', 'on')
        def plain = run('chkconfig', 'plain', 'on')
        def notAdded = run('chkconfig', '--list', 'glusterd')

        then:
        unknown.rc == 1
        unknown.err.trim() == 'error reading information on service nosuch: No such file or directory'
        plain.rc == 1
        plain.err.trim() == 'service plain does not support chkconfig'
        notAdded.rc == 1
        notAdded.err.trim() == "service glusterd supports chkconfig, but is not referenced in any runlevel (run 'chkconfig --add glusterd')"
    }

    def "RC-ORDER: rc N stops the K links of services that hold their lock, then starts the S links of those that hold none, by the links' order, and exits 0 whatever they do"() {
        given: 'scripts that write what they were asked into a log'
        def log = root.resolve('log')
        def script = { String name, int rc = 0 ->
            def f = root.resolve("etc/init.d/${name}")
            f.text = "#!/bin/sh\necho \"${name} \$1\" >> '${log}'\nexit ${rc}\n"
            f.toFile().setExecutable(true)
        }
        ['net', 'gd', 'fs', 'late', 'held', 'down', 'gone', 'copy.rpmsave', 'flat'].each { script(it) }
        script('bad', 1)
        root.resolve('etc/init.d/flat').toFile().setExecutable(false)
        def rc3 = Files.createDirectories(root.resolve('etc/rc.d/rc3.d'))
        Files.createSymbolicLink(root.resolve('etc/rc.d/init.d'), Path.of('../init.d'))   // as on CentOS
        ['S10net', 'S20gd', 'S22bad', 'S25fs', 'S91late', 'S55held', 'S30flat', 'S40copy.rpmsave', 'K01down', 'K05gone'].each {
            Files.createSymbolicLink(rc3.resolve(it), Path.of('../init.d/' + it.substring(3)))
        }
        ['held', 'down'].each { root.resolve("var/lock/subsys/${it}").text = '' }

        when:
        def rc = run('rc', '3')

        then:
        rc.rc == 0
        log.readLines() == ['down stop', 'net start', 'gd start', 'bad start', 'fs start', 'late start']
    }

    def "RC-NOTHING: a runlevel without its folder does nothing"() {
        expect:
        run('rc', '4').rc == 0
    }

    def "TABLE: every row of docs/stand-ins.md's SysV table has its check: here, or in the lab (GlusterizedOvirtLabSpec)"() {
        given:
        def doc = Gplay.ROOT.resolve('docs/stand-ins.md').text
        def table = doc.substring(doc.indexOf("## The el6 profile's SysV boot")).split(/\n## /)[0]   // this section's alone
        def ids = (table =~ /(?m)^\| ([A-Z][A-Z0-9-]+) \|/).collect { it[1] }
        def here = specificationContext.currentSpec.features*.name
        def lab = Gplay.ROOT.resolve('tests/src/test/groovy/io/gplay/tests/GlusterizedOvirtLabSpec.groovy').text

        expect:
        ids.size() >= 12
        ids.findAll { it.startsWith('BOOT-') }.every { lab.contains(it) }
        ids.findAll { !it.startsWith('BOOT-') }.every { id -> here.any { it.startsWith(id + ':') } }
    }
}
