package io.gplay.tests

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The ctdb_shared_lock role's init script for hosts booted by SysV init (CentOS 6), run here with the commands it
 * calls replaced by recording ones: ctdb starts only once the shared volume is mounted, and a host whose volume
 * is missing says so and starts ctdb when the volume comes back. (The lab's hosts boot with systemd, so this
 * script does not run there.)
 */
class CtdbSharedLockInitSpec extends Specification {
    static final Path SCRIPT = Gplay.ROOT.resolve('playbooks/roles/ctdb_shared_lock/files/ctdb-shared-lock')

    @TempDir
    Path work

    /** Commands on PATH: mountpoint succeeds once `mounted` exists; mount makes it when `reachable` exists (or after N tries). */
    Gplay.Run init(String action, Map<String, String> state) {
        Path bin = work.resolve('bin').toFile().mkdirs() ? work.resolve('bin') : work.resolve('bin')
        state.each { k, v -> work.resolve(k).text = v }
        def stub = { String name, String body -> def f = bin.resolve(name).toFile(); f.text = "#!/bin/sh\n${body}\n"; f.setExecutable(true) }
        String d = work.toString()
        stub('mountpoint', "[ -e '$d/mounted' ]")
        stub('mount', "echo \"\$*\" >> '$d/mount.log'; n=\$(wc -l < '$d/mount.log')\n"
                + "[ -e '$d/reachable' ] || [ \"\$n\" -ge \"\$(cat '$d/reachable-after' 2>/dev/null || echo 999)\" ] || exit 32\n"
                + ": > '$d/mounted'")
        stub('service', "echo \"\$*\" >> '$d/service.log'")
        stub('logger', "echo \"\$*\" >> '$d/syslog'")
        stub('sleep', "echo \"\$*\" >> '$d/sleep.log'")
        Gplay.exec(['sh', SCRIPT.toString(), action], work, null, [PATH: "${bin}:/usr/bin:/bin".toString()])
    }

    String log(String name) {
        def f = work.resolve(name).toFile()
        f.exists() ? f.text : ''
    }

    def "with the shared volume mounted at boot, ctdb starts at once"() {
        when:
        def r = init('start', [mounted: ''])

        then:
        r.rc == 0
        log('service.log') == 'ctdb start\n'
        log('mount.log') == ''
        log('syslog') == ''
    }

    def "a volume that mounts when asked again is mounted, then ctdb starts"() {
        when:
        def r = init('start', [reachable: ''])

        then:
        r.rc == 0
        log('mount.log') == '/mnt/lock\n'
        log('service.log') == 'ctdb start\n'
    }

    def "without the volume ctdb is kept down, and the host says why"() {
        when:
        def r = init('start', [:])
        // the tries go on in the background (sleep returns at once here): until they give up
        for (int i = 0; i < 100 && !log('syslog').contains('ctdb still down'); i++) {
            sleep(100)
        }

        then:
        r.rc == 0
        r.err.contains('ctdb kept down: the shared volume is not mounted at /mnt/lock, where CTDB keeps its configuration and lock')
        log('syslog').contains('ctdb kept down')
        log('syslog').contains('ctdb still down')
        log('mount.log').readLines().size() == 121
        log('service.log') == ''
    }

    def "the waiting host starts ctdb once the volume mounts, and gives up after an hour, saying what to do"() {
        when: 'the volume mounts at the fourth try'
        def back = init('wait', ['reachable-after': '4'])

        then:
        back.rc == 0
        log('sleep.log').readLines() == ['30'] * 4
        log('syslog').contains('the shared volume is mounted at /mnt/lock: starting ctdb')
        log('service.log') == 'ctdb start\n'

        when: 'it never does'
        ['mounted', 'reachable-after', 'sleep.log', 'syslog', 'service.log', 'mount.log'].each { work.resolve(it).toFile().delete() }
        def never = init('wait', [:])

        then:
        never.rc == 1
        log('sleep.log').readLines().size() == 120
        log('service.log') == ''
        log('syslog').contains('ctdb still down: /mnt/lock did not mount within 60 minutes; mount it, then run: service ctdb start')
    }
}
