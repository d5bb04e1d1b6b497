package io.gplay.tests

import spock.lang.IgnoreIf

import java.nio.file.Files
import java.nio.file.Path

/** Every wait on a host is bounded: a silent or frozen host, or a command past its time, does not hold the run. */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class TimeoutSpec extends TwoSshdSpec {
    /** A command that waits `nap` seconds on each host, then a task that marks the host. */
    static final String NAP = '''\
playbook('nap') {
    play('nap', hosts: 'web', gatherFacts: false) {
        command 'nap', cmd: { "sleep ${vars.nap}" }
        command 'after', argv: { ['touch', "${vars.root}-after"] }
    }
}
'''

    Gplay.Started start(Path inventory, String playbook = NAP) {
        work.resolve('site.groovy').text = playbook
        Gplay.start(work, work.resolve('cache'), 'run', 'site.groovy', '-i', inventory.toString())
    }

    /** A sleep no other test runs, to find on the host. */
    static String uniqueNap() {
        "30.${100 + new Random().nextInt(900)}"
    }

    def "a host that never speaks SSH, or stops after its banner, is UNREACHABLE after gplay_connect_timeout; the other goes on"() {
        given:
        def silent = new SilentHost(banner)
        def inv = inventory(h1: [nap: '0'], h2: [nap: '0', ansible_port: silent.port, gplay_connect_timeout: 2])

        when:
        def run = start(inv).finishWithin(20)

        then:
        run.rc == 4
        run.out.contains('fatal: [h2]: UNREACHABLE!')
        run.out.contains(stage)
        run.recap('h2').unreachable == 1
        Files.exists(work.resolve('h1-after'))

        cleanup:
        silent?.close()

        where:
        banner                   | stage
        null                     | 'timed out after 2 s waiting for the SSH banner'
        'SSH-2.0-OpenSSH_9.2\r\n' | 'timed out after 2 s in the key exchange'
    }

    def "Ctrl-C ends the run at once while a host is mid-handshake, with the recap"() {
        given:
        def silent = new SilentHost()
        def inv = inventory(h1: [nap: '0'], h2: [nap: '0', ansible_port: silent.port, gplay_connect_timeout: 120])
        def started = start(inv)
        long deadline = System.currentTimeMillis() + 20_000
        while (silent.connections == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50)
        }
        assert silent.connections == 1

        when:
        started.interrupt()
        // far below the host's 120 s connect timeout; room for a machine busy with other builds
        def run = started.finishWithin(25)

        then:
        run.rc == 99
        run.out.contains('PLAY RECAP')

        cleanup:
        silent?.close()
    }

    def "a command past gplay_command_timeout fails its task on that host, and is killed there; the other host goes on"() {
        given:
        String nap = uniqueNap()
        def inv = inventory(h1: [nap: '1'], h2: [nap: nap, gplay_command_timeout: 2])

        when:
        def run = start(inv).finishWithin(20)

        then:
        run.rc == 2
        run.out.contains('command timed out after 2 s (gplay_command_timeout)')
        run.recap('h2').failed == 1
        run.recap('h1').changed == 2 && run.recap('h1').failed == 0
        Files.exists(work.resolve('h1-after'))
        !Files.exists(work.resolve('h2-after'))
        ReplTmuxSpec.gone("sleep ${nap}")

        cleanup:
        ReplTmuxSpec.remote("sleep ${nap}")*.destroy()
    }

    def "a host whose sshd freezes mid-command is UNREACHABLE once its keepalives go unanswered; the other goes on"() {
        given:
        String nap = uniqueNap()
        def inv = inventory(h1: [nap: '3'], h2: [nap: nap, gplay_keepalive_interval: 1])
        def started = start(inv)
        long deadline = System.currentTimeMillis() + 20_000
        while (ReplTmuxSpec.remote("sleep ${nap}").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50)
        }
        assert ReplTmuxSpec.remote("sleep ${nap}").size() == 1
        List<ProcessHandle> frozen = sshdSessions(two)
        assert !frozen.isEmpty()
        frozen.each { assert ['kill', '-STOP', it.pid().toString()].execute().waitFor() == 0 }

        when:
        def run = started.finishWithin(25)

        then:
        run.rc == 4
        run.out.contains('fatal: [h2]: UNREACHABLE!')
        run.out.contains('connection lost: Did not receive any keep-alive response')
        run.recap('h1').changed == 2
        Files.exists(work.resolve('h1-after'))

        cleanup:
        frozen?.each { ['kill', '-CONT', it.pid().toString()].execute().waitFor() }
        ReplTmuxSpec.remote("sleep ${nap}")*.destroy()
    }

    /** The sshd processes serving this server's connections (not the listener, not the commands they run). */
    static List<ProcessHandle> sshdSessions(Sshd sshd) {
        sshd.process.toHandle().descendants()
                .filter { it.info().command().map { c -> c.endsWith('/sshd') || c.endsWith('/sshd-session') }.orElse(false) }
                .toList()
    }
}
