package io.gplay.tests

import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * hostedEngine driving setup 1.1's dialog on two lab hosts. oVirt cannot run here: `hosted-engine` is the lab's
 * stand-in, a replica of setup 1.1's questions, order, defaults and waits built from its source, speaking otopi's
 * machine dialog; the engine volume is a real replicated Gluster volume the stand-in mounts. The operator's
 * steps inside the VM are played with the stand-in's `--standin-vm` commands.
 */
@ResourceLock(Lab.RESOURCE)
@Stepwise
class HostedEngineDialogLabSpec extends Specification {
    static final String PASSWORD = 'Adm1n-s3cret-pw'

    @Shared @TempDir
    Path work
    @Shared
    Lab lab

    def setupSpec() {
        lab = Lab.fresh(2)
        // the engine's storage: a replica 2 volume on each host's brick disk, as the procedure makes it, owned by
        // vdsm:kvm (36:36) as setup 1.1 requires of it (storage/storage.py:316-339), on disks with its 20 GB free
        lab.hosts.each { h ->
            String disk = Files.readString(Lab.STATE.resolve(h).resolve('disk')).trim()
            lab.ssh(h, "systemctl start glusterd && mkfs.xfs -q -f ${disk} && mkdir -p /gluster && mount ${disk} /gluster")
        }
        lab.ssh('lab1', 'gluster peer probe 10.78.0.12')
        lab.ssh('lab1', 'for i in $(seq 30); do gluster peer status | grep -q "Peer in Cluster" && break; sleep 1; done; '
                + 'gluster --mode=script volume create engine replica 2 10.78.0.11:/gluster/engine0 10.78.0.12:/gluster/engine1 force '
                + '&& gluster --mode=script volume set engine storage.owner-uid 36 '
                + '&& gluster --mode=script volume set engine storage.owner-gid 36 '
                + '&& gluster --mode=script volume start engine')
        // CentOS 6 has an iptables service, so setup asks whether to configure it
        lab.ssh('lab1', 'printf "#!/bin/sh\\nexit 0\\n" > /etc/init.d/iptables && chmod 755 /etc/init.d/iptables')
    }

    Path playbook(String name, String host, String params) {
        def f = work.resolve("${name}.groovy")
        f.text = """playbook('${name}') {
    play('hosted engine', hosts: '${host}', gatherFacts: false) {
        hostedEngine 'deploy', storageConnection: '10.78.0.11:/engine', fqdn: 'engine.lab.test',
                adminPassword: { vars.engine_admin_password }, nic: 'host0', gateway: '10.78.0.1',
                vmCdrom: '/var/tmp/manual-install.iso', progressInterval: 2, ${params}
    }
}
"""
        f
    }

    /** The additional host's playbook: the first host's answers read on lab1 and given, as the role does. */
    Path second(String params) {
        def pb = playbook('second', 'lab2', "additionalHost: true, hostId: 2, firstHostAnswers: { first.stdout }, ${params}")
        pb.text = pb.text.replace("        hostedEngine 'deploy'", "        command 'the first host\\'s answers', argv: ['cat', "
                + "'/etc/ovirt-hosted-engine/answers.conf'], delegateTo: 'lab1', register: 'first', readOnly: true, noLog: true\n"
                + "        hostedEngine 'deploy'")
        pb
    }

    Gplay.Run gplay(Path pb, String... more) {
        Gplay.run(Gplay.ROOT, work.resolve('cache'), (['run', pb.toString(), *lab.target(),
                '-e', "engine_admin_password=${PASSWORD}".toString()] + more.toList()) as String[])
    }

    /** gplay started, its output read line by line; {@code onLine} acts on each line (an operator watching). */
    Gplay.Run watch(Path pb, int seconds, Closure onLine) {
        def cmd = [Gplay.ROOT.resolve('bin/gplay').toString(), 'run', pb.toString(), *lab.target(),
                   '-e', "engine_admin_password=${PASSWORD}".toString()]
        def proc = new ProcessBuilder(cmd).redirectErrorStream(true)
        proc.environment().putAll(XDG_CACHE_HOME: work.resolve('cache').toString(), NO_COLOR: '1')
        def p = proc.start()
        def out = new StringBuffer()
        def reader = Thread.start {
            p.inputStream.eachLine { line ->
                out << line << '\n'
                onLine(line, p)
            }
        }
        assert p.waitFor(seconds, TimeUnit.SECONDS), "gplay had not ended after ${seconds} s:\n${out}"
        reader.join(5000)
        new Gplay.Run(rc: p.exitValue(), out: out.toString(), err: '')
    }

    /** The seconds a progress line of this wait says it has waited; -1 for another line. */
    static int waited(String line, String wait) {
        def m = line =~ /${java.util.regex.Pattern.quote(wait)}: (\d+) s of \d+ s/
        m.find() ? m.group(1) as int : -1
    }

    def "check mode says it would run the deploy and answer its dialog, and runs nothing"() {
        given:
        lab.ssh('lab1', 'touch /var/tmp/manual-install.iso')
        def pb = playbook('check', 'lab1', 'configureFirewall: false')

        when:
        def r = gplay(pb, '--check')

        then:
        r.rc == 0
        r.out.contains('changed: [lab1] => write /etc/ovirt-hosted-engine/gplay-answers.conf (mode 0600); run hosted-engine --deploy --config-append=/etc/ovirt-hosted-engine/gplay-answers.conf and answer its dialog')
        lab.sshRun('lab1', 'test -e /var/lib/gplay-standin/hosted-engine/calls.log').rc != 0
        !r.out.contains(PASSWORD)
    }

    def "an install image the vdsm user cannot read is refused before setup runs, with setup's reason"() {
        given: 'an image under /root, as the procedure\'s example had it: setup 1.1 reads it as vdsm:kvm'
        lab.ssh('lab1', 'touch /root/private.iso')
        def pb = playbook('unreadable', 'lab1', 'configureFirewall: false')
        pb.text = pb.text.replace('/var/tmp/manual-install.iso', '/root/private.iso')

        when:
        def r = gplay(pb)

        then:
        r.rc == 2
        r.out.contains('vmCdrom /root/private.iso cannot be read by the vdsm user and kvm group')
        lab.sshRun('lab1', 'test -e /var/lib/gplay-standin/hosted-engine/calls.log').rc != 0
    }

    def "a question without an answer fails the task at once, naming the question and the parameter, and stops setup"() {
        given: 'no configureFirewall, and lab1 has an iptables service'
        lab.ssh('lab1', 'touch /var/tmp/manual-install.iso')
        def pb = playbook('missing', 'lab1', 'vmVCpus: 1')

        when:
        long t0 = System.nanoTime()
        def r = gplay(pb)
        double seconds = (System.nanoTime() - t0) / 1e9

        then:
        r.rc == 2
        r.out.contains("setup asks OHOSTED_NETWORK_FIREWALL_MANAGER ('iptables was detected on your computer, do you wish setup to configure it? (Yes, No)[Yes]:') and the parameter configureFirewall that answers it is not set")
        seconds < 60
        // the questions before it were answered, in setup's order, the password never in the output
        lab.ssh('lab1', 'cut -d= -f1 /var/lib/gplay-standin/hosted-engine/dialog.log').readLines() ==
                ['DEPLOY_PROCEED', 'SCREEN_PROCEED', 'OVEHOSTED_STORAGE_DOMAIN_TYPE', 'OVEHOSTED_STORAGE_DOMAIN_CONNECTION',
                 'OVEHOSTED_STORAGE_DOMAIN_NAME', 'OVEHOSTED_STORAGE_DATACENTER_NAME', 'ovehosted_bridge_if']
        !r.out.contains(PASSWORD)
        // setup was stopped before it changed anything
        lab.sshRun('lab1', 'kill -0 $(cat /var/lib/gplay/hosted-engine/pid)').rc != 0
        lab.sshRun('lab1', 'pgrep -f "[h]osted-engine --deploy"').rc != 0
        lab.sshRun('lab1', 'test -e /rhev/data-center/mnt/10.78.0.11:_engine/hosted-engine-standin/domain').rc != 0
        // as setup 1.1's hosted-engine: "You must run deploy first", and exit status 0 (hosted-engine.in:177-190)
        lab.sshRun('lab1', 'hosted-engine --vm-status').with { it.rc == 0 && it.out.contains('You must run deploy first') }
        lab.sshRun('lab1', 'test -e /etc/ovirt-hosted-engine/hosted-engine.conf').rc != 0
    }

    def "the first host: firewall answered no, both steps of the operator waited on, a Ctrl-C in between resumed"() {
        given:
        def pb = playbook('first', 'lab1', 'configureFirewall: false, installTimeout: 300, engineTimeout: 300')
        boolean interrupted = false

        when: 'the operator is slow to install the OS, and gplay is interrupted (SIGTERM, as Ctrl-C) while it waits'
        def first = watch(pb, 180) { String line, Process p ->
            if (!interrupted && line.contains('waiting for the engine VM to power off after its OS install:')) {
                interrupted = true
                ['kill', '-TERM', p.pid().toString()].execute().waitFor()
            }
        }

        then: 'the run failed, saying the deploy goes on; setup still waits on the host'
        interrupted
        first.rc != 0
        first.out.contains('OPERATOR: install the OS in the engine VM, then shut the VM down')
        first.out.contains('remote-viewer vnc://localhost:5900')
        first.out.contains('temporary password "********" (setup printed it in /var/lib/gplay/hosted-engine/out)')
        first.out.contains('setup asks OHOSTED_NETWORK_FIREWALL_MANAGER: answered No')
        first.out.contains('setup asks ENGINE_ADMIN_PASSWORD: answered ********')
        first.out.contains('run the task again to resume')
        lab.sshRun('lab1', 'kill -0 $(cat /var/lib/gplay/hosted-engine/pid)').rc == 0

        when: 'the run again: it resumes; the operator shuts the VM down after a while, then sets the engine up after a while'
        long shutdownAt = 0, engineAt = 0
        def second = watch(pb, 240) { String line, Process p ->
            if (!shutdownAt && waited(line, 'to power off after its OS install') >= 4) {
                shutdownAt = System.nanoTime()
                lab.ssh('lab1', 'hosted-engine --standin-vm shutdown')
            }
            if (!engineAt && waited(line, 'to say DB Up') >= 4) {
                engineAt = System.nanoTime()
                lab.ssh('lab1', 'hosted-engine --standin-vm engine-setup')
            }
        }

        then:
        second.rc == 0
        second.out.contains('resume the dialog of hosted-engine --deploy running in /var/lib/gplay/hosted-engine')
        shutdownAt && engineAt
        second.out.contains('OPERATOR: in the engine VM, install ovirt-engine and run engine-setup for engine.lab.test')
        second.out =~ /waiting for the engine VM to power off after its OS install: \d+ s of 300 s/
        second.out.contains('done after')
        second.out.contains('changed: [lab1]')
        !(first.out + second.out).contains(PASSWORD)
        lab.ssh('lab1', 'grep -c "" /var/lib/gplay-standin/hosted-engine/dialog.log') as int > 20
        lab.ssh('lab1', 'cat /var/lib/gplay-standin/hosted-engine/dialog.log').with {
            it.contains('OHOSTED_NETWORK_FIREWALL_MANAGER=no') && it.contains('OVEHOSTED_INSTALLING_OS=1') &&
                    it.contains('OVEHOSTED_ENGINE_UP=1') && it.contains('ENGINE_ADMIN_PASSWORD=********') && !it.contains(PASSWORD)
        }
        lab.sshRun('lab1', 'test -e /var/lib/gplay-standin/hosted-engine/firewall-configured').rc != 0
        lab.ssh('lab1', 'hosted-engine --vm-status').contains('Host ID                            : 1')
        // adding the host, the engine replaced its firewall with its own rules (engine/add_host.py:432), which
        // shut out Gluster: the bundled role puts the procedure's back (GlusterizedOvirtLabSpec), this spec flushes them
        lab.ssh('lab1', 'cat /var/lib/gplay-standin/hosted-engine/calls.log').contains('engine replaced the firewall')
        lab.ssh('lab1', 'iptables -S INPUT').contains('-A INPUT -j REJECT --reject-with icmp-host-prohibited')
        lab.ssh('lab1', 'iptables -F INPUT && iptables -P INPUT ACCEPT && echo flushed').contains('flushed')
        !lab.ssh('lab1', 'cat /etc/ovirt-hosted-engine/gplay-answers.conf').contains(PASSWORD)
    }

    def "an additional host answers that it is one and its host id, asks no VM question, and finds the engine up"() {
        given:
        def pb = second('engineTimeout: 60')

        when:
        def r = gplay(pb)

        then:
        r.rc == 0
        r.out.contains('setup asks OVEHOSTED_ADDITIONAL_HOST: answered Yes')
        r.out.contains('setup asks OVEHOSTED_HOST_ID: answered 2')
        def asked = lab.ssh('lab2', 'cut -d= -f1 /var/lib/gplay-standin/hosted-engine/dialog.log').readLines()
        asked.containsAll(['OVEHOSTED_ADDITIONAL_HOST', 'OVEHOSTED_HOST_ID', 'OVEHOSTED_ENGINE_UP'])
        !asked.any { it.startsWith('OVEHOSTED_VMENV') || it.startsWith('ovehosted_vmenv') || it == 'OVEHOSTED_INSTALLING_OS' }
        !asked.contains('OHOSTED_NETWORK_FIREWALL_MANAGER')
        lab.ssh('lab2', 'hosted-engine --vm-status').contains('Host ID                            : 2')
        // setup took the first host's answers: the same VM, disk and CPU type, not ones of its own
        def vmid = { h -> lab.ssh(h, 'grep -E "^(vmid|vm_disk_id)=" /etc/ovirt-hosted-engine/hosted-engine.conf') }
        vmid('lab2') == vmid('lab1') && vmid('lab1').contains('vmid=')
        lab.ssh('lab2', 'grep -E "^vmId=" /etc/ovirt-hosted-engine/vm.conf') == lab.ssh('lab1', 'grep -E "^vmId=" /etc/ovirt-hosted-engine/vm.conf')
        lab.ssh('lab2', 'stat -c %a /etc/ovirt-hosted-engine/first-host-answers.conf').trim() == '600'
        !r.out.contains(lab.ssh('lab1', 'sed -n "s/^OVEHOSTED_VM\\/vmUUID=str://p" /etc/ovirt-hosted-engine/answers.conf').trim())
    }

    def "a second run on both hosts changes nothing"() {
        when:
        def pb1 = gplay(playbook('first', 'lab1', 'configureFirewall: false'))
        def pb2 = gplay(second('engineTimeout: 60'))

        then:
        pb1.rc == 0 && pb1.recap('lab1').changed == 0
        pb2.rc == 0 && pb2.recap('lab2').changed == 0
    }

    def "an unattended install image goes through without the operator"() {
        given: 'lab1 as new: no deploy, no domain on the storage'
        lab.ssh('lab1', 'pkill -f "[h]ttp.server 80" ; rm -rf /var/lib/gplay-standin /var/lib/gplay/hosted-engine /etc/ovirt-hosted-engine/hosted-engine.conf /etc/ovirt-hosted-engine/vm.conf '
                + '/rhev/data-center/mnt/10.78.0.11:_engine/hosted-engine-standin')
        def pb = playbook('unattended', 'lab1', "configureFirewall: false, unattended: true, vmCdrom: '/var/lib/gplay-lab/engine-install.iso', "
                + 'installTimeout: 120, engineTimeout: 120')
        pb.text = pb.text.replace("vmCdrom: '/var/tmp/manual-install.iso', ", '')

        when:
        def r = gplay(pb)

        then:
        r.rc == 0
        r.out.contains('the engine VM installs itself from /var/lib/gplay-lab/engine-install.iso; waiting for it to power off')
        r.out.contains('the engine VM sets up the engine by itself')
        !r.out.contains('OPERATOR:')
        lab.ssh('lab1', 'hosted-engine --vm-status').contains('Host ID                            : 1')
    }
}
