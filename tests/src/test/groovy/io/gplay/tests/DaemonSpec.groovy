package io.gplay.tests

import spock.lang.IgnoreIf

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * GPLAY_DAEMON=1: bin/gplay hands runs to a warm daemon of the user's (its Python client, or the JVM's), against
 * real OpenSSH sshd servers on loopback. What a user checks: the same output and exit code as a run of its own,
 * Ctrl-C, the SSH connections kept between runs (the very sshd sessions serve the next run) and let go, and a
 * daemon that goes when idle and leaves nothing behind.
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class DaemonSpec extends TwoSshdSpec {
    Path runtime
    Path state
    Path cache

    def setup() {
        // short, as XDG_RUNTIME_DIR is: a longer one would not hold a socket's path (gplay then takes /tmp/gplay-UID)
        runtime = Files.createTempDirectory(Path.of('/tmp'), 'gd', PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString('rwx------')))
        state = Files.createDirectory(work.resolve('state'))
        cache = work.resolve('cache')
    }

    def cleanup() {
        gplay([:], 'daemon', 'stop')
        runtime.toFile().deleteDir()
    }

    /** bin/gplay with the daemon on (unless {@code env} turns it off), all runs of a feature in one context. */
    Gplay.Run gplay(Map<String, String> env = [:], String... args) {
        Gplay.run(context(env), work, cache, args)
    }

    Map<String, String> context(Map<String, String> env) {
        [GPLAY_DAEMON: '1', XDG_RUNTIME_DIR: runtime.toString(), XDG_STATE_HOME: state.toString()] + env
    }

    /** The daemons' own account: the runs each has served. */
    int runsServed() {
        def status = gplay([:], 'daemon', 'status')
        assert status.rc == 0, status
        status.out.readLines().findAll { it.startsWith('pid ') }.sum(0) { (it =~ /(\d+) run\(s\)/)[0][1] as int }
    }

    /**
     * Waits (at most 40 s: a JVM starts slowly on a loaded machine) until a daemon is up (the first run in a
     * context starts one and runs itself): until its socket is there, which it binds once it serves.
     */
    boolean awaitDaemon() {
        long deadline = System.currentTimeMillis() + 40_000
        while (!socketThere() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100)
        }
        socketThere()
    }

    boolean socketThere() {
        Path folder = runtime.resolve('gplay')
        Files.isDirectory(folder) && Files.list(folder).withCloseable { l -> l.anyMatch { it.toString().endsWith('.sock') } }
    }

    /** Waits (at most 40 s) until no sshd process serves a connection: those of a run of its own have ended. */
    void awaitNoSessions() {
        long deadline = System.currentTimeMillis() + 40_000
        while ((sessions(one) || sessions(two)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100)
        }
    }

    /** SITE on h1 and h2, and this context's daemon up (the first run starts it): the inventory. */
    Path siteWithDaemon() {
        def inv = inventory()
        work.resolve('site.groovy').text = SITE
        gplay('run', 'site.groovy', '-i', inv.toString(), '--check')
        awaitDaemon()
        inv
    }

    /** The sshd processes serving a connection to this server now. */
    static Set<Long> sessions(Sshd sshd) {
        sshd.process.children().map { it.pid() }.toList().toSet()
    }

    /** Its lines without the run's time, in order (the hosts of a task answer in the order they finish). */
    static List<String> lines(String out) {
        out.replaceAll(/Finished in [0-9.]+ s/, 'Finished in - s').readLines().sort()
    }

    static final String SITE = '''\
playbook('site') {
    play('files', hosts: 'web') {
        file 'app dir', path: { "${vars.root}/app" }, state: 'directory', mode: '0755'
        copy 'config', dest: { "${vars.root}/app/app.conf" }, content: { "name=${host}\\n" }
        copy 'fails on h2', dest: { "${vars.root}/app/extra.conf" }, src: { host == 'h2' ? '/nonexistent/extra.conf' : '/etc/hostname' }
    }
}
'''

    def "a run through the daemon prints what a run of its own prints, with the same exit code"() {
        given:
        def inv = inventory()
        work.resolve('site.groovy').text = SITE
        work.resolve('bad.groovy').text = "playbook('bad') { play('p', hosts: 'web') { fiel 'x', path: '/tmp/x' } }\n"
        def own = [gplay([GPLAY_DAEMON: null], 'run', 'site.groovy', '-i', inv.toString(), '--check', '--diff'),
                   gplay([GPLAY_DAEMON: null], 'run', 'bad.groovy', '-i', inv.toString())]

        when: 'the first run starts the daemon (and runs itself); the next ones are the daemon\'s'
        gplay('run', 'site.groovy', '-i', inv.toString(), '--check')
        awaitDaemon()
        def served = [gplay('run', 'site.groovy', '-i', inv.toString(), '--check', '--diff'),
                      gplay('run', 'bad.groovy', '-i', inv.toString())]

        then:
        own[0].rc == 2
        own[1].rc == 1
        runsServed() == 2
        served*.rc == own*.rc
        served.collect { lines(it.out) } == own.collect { lines(it.out) }
        served*.err == own*.err
        served[0].out.contains('+name=h1')
        served[1].err.contains("bad.groovy:1: unknown module or method 'fiel'")
    }

    def "the next run on the same hosts uses the sshd sessions the last one opened, until they have been idle too long"() {
        given:
        def inv = inventory()
        work.resolve('site.groovy').text = SITE
        def env = [GPLAY_DAEMON_PERSIST: '12']
        gplay(env, 'run', 'site.groovy', '-i', inv.toString(), '--check')
        awaitDaemon()
        awaitNoSessions()

        when:
        def first = gplay(env, 'run', 'site.groovy', '-i', inv.toString(), '--check')
        def afterFirst = [sessions(one), sessions(two)]
        def second = gplay(env, 'run', 'site.groovy', '-i', inv.toString(), '--check')
        def afterSecond = [sessions(one), sessions(two)]

        then:
        first.rc == 2 && second.rc == 2
        afterFirst.every { !it.isEmpty() }
        afterSecond == afterFirst
        gplay(env, 'daemon', 'status').out.contains('2 connection(s) kept')

        when: 'the persist time passes'
        awaitNoSessions()

        then:
        sessions(one).isEmpty()
        sessions(two).isEmpty()
    }

    def "a kept connection whose host went away is replaced by a new one"() {
        given:
        def inv = siteWithDaemon()
        awaitNoSessions()
        def before = gplay('run', 'site.groovy', '-i', inv.toString(), '--check')
        def kept = sessions(one)

        when: "h1's sshd session ends between two runs, as on a reboot"
        kept.each { ['kill', '-KILL', it.toString()].execute().waitFor() }
        def next = gplay('run', 'site.groovy', '-i', inv.toString(), '--check')

        then:
        !kept.isEmpty()
        next.rc == 2
        next.recap('h1') == before.recap('h1')
        next.recap('h1').unreachable == 0
        !sessions(one).isEmpty()
        sessions(one).intersect(kept).isEmpty()
    }

    def "Ctrl-C on the client interrupts the daemon's run: the running command ends and the exit code is 99"() {
        given:
        def inv = inventory()
        work.resolve('nap.groovy').text = '''\
playbook('nap') {
    play('nap', hosts: 'web', gatherFacts: false) {
        command 'nap', argv: { ['sh', '-c', "echo \\$\\$ > ${vars.root}.pid; exec sleep 60"] }
        command 'never', argv: ['true']
    }
}
'''
        gplay('run', 'nap.groovy', '-i', inv.toString(), '--check')
        awaitDaemon()

        when:
        def started = Gplay.start(context([:]), work, cache, 'run', 'nap.groovy', '-i', inv.toString())
        started.awaitOut('TASK [nap]', 60)
        long deadline = System.currentTimeMillis() + 20_000
        while (!Files.exists(work.resolve('h1.pid')) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50)
        }
        Thread.sleep(300)
        started.interrupt()
        def run = started.finishWithin(30)
        long sleeper = Files.readString(work.resolve('h1.pid')).trim() as long

        then:
        run.rc == 99
        run.err.contains('[interrupted (SIGINT)')
        !run.out.contains('TASK [never]')
        run.out.contains('PLAY RECAP')
        !ProcessHandle.of(sleeper).map { it.alive }.orElse(false)
        runsServed() == 1
    }

    def "a daemon idle for GPLAY_DAEMON_IDLE seconds exits and leaves nothing in its folder"() {
        given:
        def inv = inventory()
        work.resolve('site.groovy').text = SITE
        // long enough that the daemon is seen up however slowly it starts and gplay daemon status answers
        def env = [GPLAY_DAEMON_IDLE: '20']

        when:
        gplay(env, 'run', 'site.groovy', '-i', inv.toString(), '--check')
        def up = awaitDaemon()
        def status = gplay(env, 'daemon', 'status').out
        long deadline = System.currentTimeMillis() + 60_000
        while (Files.list(runtime.resolve('gplay')).count() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200)
        }

        then:
        up
        status.startsWith('pid ')
        Files.list(runtime.resolve('gplay')).toList() == []
        gplay(env, 'daemon', 'status').out.startsWith('no gplay daemon is running')
    }

    def "a command that asks on the terminal or reads standard input runs in its own process"() {
        given:
        def inv = siteWithDaemon()

        when:
        def piped = Gplay.exec(['sh', '-c', "echo '{\"x\": 1}' | ${Gplay.ROOT.resolve('bin/gplay')} run site.groovy -i ${inv} --check -e @/dev/stdin".toString()],
                work, cache, context([:]))

        then:
        piped.rc == 2
        runsServed() == 0
    }

    def "a reader that goes early (| head) ends the run's output, not the run"() {
        given:
        def inv = inventory()
        work.resolve('site.groovy').text = SITE
        def piped = { Map env ->
            Gplay.exec(['bash', '-c', "${Gplay.ROOT.resolve('bin/gplay')} run site.groovy -i ${inv} | head -n 1;" +
                    ' echo "gplay exited ${PIPESTATUS[0]}"'].collect { it.toString() }, work, cache, context(env))
        }
        // bash's environment (SHLVL, _) is another context than the spec's: the first run starts its daemon
        piped([:])
        awaitDaemon()

        when:
        def own = piped([GPLAY_DAEMON: null])
        def served = piped([:])

        then:
        own.out.contains('gplay exited 2')
        served.out == own.out
        runsServed() == 1
        Files.readString(work.resolve('h1/app/app.conf')) == 'name=h1\n'
    }

    def "the JVM's own client, without Python, hands the run to a daemon too"() {
        given:
        def inv = inventory()
        work.resolve('site.groovy').text = SITE
        def java = ['java', '-jar', Gplay.ROOT.resolve('cli/target/gplay.jar').toString(), 'run', 'site.groovy', '-i',
                    inv.toString(), '--check']

        when:
        def first = Gplay.exec(java, work, cache, context([:]))
        awaitDaemon()
        def second = Gplay.exec(java, work, cache, context([:]))

        then:
        first.rc == 2
        second.rc == 2
        lines(second.out) == lines(first.out)
        runsServed() == 1
    }
}
