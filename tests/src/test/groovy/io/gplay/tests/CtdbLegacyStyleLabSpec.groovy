package io.gplay.tests

import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The ctdb module's legacy style (CentOS 6's /etc/sysconfig/ctdb, as the procedure writes it) on a lab host:
 * the lab's ctdb is 4.17, which reads only the modern files, so this proves the files and links, not a
 * legacy ctdbd reading them.
 */
@ResourceLock(Lab.RESOURCE)
class CtdbLegacyStyleLabSpec extends Specification {
    @TempDir
    Path work

    def "legacy style writes the procedure's shared files and links /etc to them, keeping the original as .orig"() {
        given:
        def lab = Lab.fresh(2)
        lab.ssh('lab1', 'mkdir -p /srv/shared /etc/sysconfig && echo "CTDB_DEBUGLEVEL=ERR" > /etc/sysconfig/ctdb')
        def playbook = work.resolve('ctdb.groovy')
        playbook.text = '''
            playbook('ctdb legacy') {
                play('ctdb', hosts: 'lab1') {
                    ctdb 'shared files and links', sharedDir: '/srv/shared', style: 'legacy',
                            nodes: ['10.78.0.11', '10.78.0.12'], publicAddresses: ['10.78.0.200/24 host0']
                }
            }
            '''.stripIndent()

        when:
        def check = Gplay.run(Gplay.ROOT, work, 'run', playbook.toString(), *lab.target(), '--check', '--diff')
        def run = Gplay.run(Gplay.ROOT, work, 'run', playbook.toString(), *lab.target())
        def again = Gplay.run(Gplay.ROOT, work, 'run', playbook.toString(), *lab.target())

        then:
        check.rc == 0 && check.recap('lab1').changed == 1
        check.out.contains('+CTDB_RECOVERY_LOCK=/srv/shared/reclock')
        run.rc == 0 && run.recap('lab1').changed == 1
        again.rc == 0 && again.recap('lab1').changed == 0
        lab.ssh('lab1', 'cat /srv/shared/ctdb').readLines() == [
                'CTDB_PUBLIC_ADDRESSES=/srv/shared/public_addresses', 'CTDB_NODES=/etc/ctdb/nodes',
                '# Only when using Samba. Unnecessary for NFS.', 'CTDB_MANAGES_SAMBA=no', '# some tunables',
                'CTDB_SET_DeterministicIPs=1', 'CTDB_SET_RecoveryBanPeriod=120', 'CTDB_SET_KeepaliveInterval=5',
                'CTDB_SET_KeepaliveLimit=5', 'CTDB_SET_MonitorInterval=15', 'CTDB_RECOVERY_LOCK=/srv/shared/reclock']
        lab.ssh('lab1', 'readlink /etc/sysconfig/ctdb /etc/ctdb/nodes /etc/ctdb/public_addresses').readLines() ==
                ['/srv/shared/ctdb', '/srv/shared/nodes', '/srv/shared/public_addresses']
        lab.ssh('lab1', 'cat /etc/sysconfig/ctdb.orig').trim() == 'CTDB_DEBUGLEVEL=ERR'
        lab.ssh('lab1', 'cat /srv/shared/nodes') == '10.78.0.11\n10.78.0.12\n'
    }
}
