package io.gplay.tests

import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.Stepwise

/** The lab itself: hosts answer SSH, stop and start, reset, prove changes by hash, survive stale state, go away whole. */
@ResourceLock(Lab.RESOURCE)
@Stepwise
class LabSpec extends Specification {
    static final String SCRIPT = Lab.SCRIPT.toString()

    def "up brings hosts that answer SSH as themselves, each with its own address and disk"() {
        when:
        def lab = Lab.fresh(2)

        then:
        lab.ssh('lab1', 'hostname').trim() == 'lab1'
        lab.ssh('lab2', 'ip -4 -o addr show host0').contains('10.78.0.12/24')
        lab.ssh('lab2', 'ping -c1 -W2 10.78.0.11 >/dev/null && echo reached').trim() == 'reached'
        lab.inventory.text.contains('brick_device: /dev/loop')

        and: 'the engine password kept as a user should: in a vault file, its password file readable by root only'
        def secrets = Lab.STATE.resolve('group_vars/all/secrets.yml')
        secrets.text.startsWith('$ANSIBLE_VAULT;1.1;AES256\n')
        !secrets.text.contains('engine_admin_password')
        java.nio.file.Files.getPosixFilePermissions(lab.vaultPasswordFile) ==
                java.nio.file.attribute.PosixFilePermissions.fromString('rw-------')
        Gplay.run(Lab.STATE, null, 'vault', 'view', '--vault-password-file', lab.vaultPasswordFile.toString(),
                secrets.toString()).out =~ /(?m)^engine_admin_password: "\w{12,}"$/
    }

    def "the hash of a host shows a change, and reset undoes it"() {
        given:
        def lab = Lab.fresh(2)
        def before = lab.hash('lab1')

        when:
        lab.ssh('lab1', 'echo changed > /etc/gplay-lab-probe')

        then:
        lab.hash('lab1') != before
        lab.hash('lab1') == lab.hash('lab1')

        when:
        Gplay.exec([SCRIPT, 'reset', 'lab1'])

        then:
        lab.sshRun('lab1', 'test -e /etc/gplay-lab-probe').rc == 1
    }

    def "a host can be stopped and started again, keeping its changes"() {
        given:
        def lab = Lab.fresh(2)
        lab.ssh('lab2', 'echo kept > /etc/gplay-lab-probe')

        when:
        lab.stop('lab2')

        then:
        Gplay.exec([SCRIPT, 'status']).out =~ /lab2\s+10.78.0.12\s+stopped/
        lab.sshRun('lab2', 'true').rc != 0

        when:
        lab.start('lab2')

        then:
        lab.ssh('lab2', 'cat /etc/gplay-lab-probe').trim() == 'kept'
    }

    def "up works over the stale state of a killed run"() {
        given:
        Lab.fresh(2)
        def pid = Lab.STATE.resolve('lab1/nspawn.pid').text.trim()
        ['kill', '-KILL', pid].execute().waitFor()
        Lab.STATE.resolve('count').toFile().delete()

        when:
        def up = Gplay.exec([SCRIPT, 'up', '-n', '2'])

        then:
        up.rc == 0
        Gplay.exec([SCRIPT, 'ssh', 'lab1', 'true']).rc == 0
        Gplay.exec([SCRIPT, 'ssh', 'lab2', 'true']).rc == 0
    }

    def "down leaves nothing behind"() {
        when:
        def down = Gplay.exec([SCRIPT, 'down'])

        then:
        down.rc == 0
        Gplay.exec(['ip', 'link', 'show', 'gplaybr0']).rc != 0
        !Gplay.exec(['ip', '-o', 'link', 'show']).out.contains('vb-lab')
        !new File('/proc/mounts').text.contains(Lab.STATE.toString() + '/')
        !Gplay.exec(['losetup', '-a']).out.contains(Lab.STATE.toString() + '/')
        !Lab.STATE.toFile().exists()
    }
}
