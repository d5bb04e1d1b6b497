package io.gplay.tests

import spock.lang.AutoCleanup
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

/**
 * bin/gplay on hosts reached with ansible_connection=podman and docker: a real container that podman runs,
 * entered with {@code podman exec}, and with {@code docker exec} through podman's Docker-compatible API.
 */
@IgnoreIf(value = { Needs.skip(!Podman.available()) }, reason = 'needs root, podman and runc (bin/install-deps installs them)')
class ContainerRunSpec extends Specification {
    @Shared
    @AutoCleanup
    Podman box

    @TempDir
    Path work

    /** One compile cache for the spec: the playbook is the same in every run. */
    @Shared
    @TempDir
    Path cache

    def setupSpec() {
        assert Podman.available(), 'podman or runc is not installed, or this is not root: bin/install-deps installs them'
        box = new Podman().start()
    }

    static final String SITE = '''\
playbook('p') {
    play('p', hosts: 'all', gatherFacts: false) {
        command 'name', cmd: 'cat /etc/hostname', readOnly: true, register: 'boxname'
        debug 'name', msg: { "inside ${boxname.stdout}" }
        copy 'motd', src: 'files/motd', dest: '/srv/gplay-motd', mode: '0640'
    }
}
'''

    Gplay.Run gplay(Map<String, String> env = [:], String inventory, String... args) {
        work.resolve('site.groovy').text = SITE
        work.resolve('inventory.yml').text = inventory
        Gplay.run(env, work, cache, (['run', 'site.groovy', '-i', 'inventory.yml'] + args.toList()) as String[])
    }

    Path motd(String text) {
        Path f = Files.createDirectories(work.resolve('files')).resolve('motd')
        f.text = text
        f
    }

    static String sha256(Path f) {
        MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(f)).encodeHex().toString()
    }

    def "a podman host runs its commands and takes its files inside the container; check mode changes nothing there"() {
        given:
        String inv = "all:\n  hosts:\n    box:\n      ansible_connection: containers.podman.podman\n      ansible_host: ${box.name}\n"
        Path file = motd('welcome to the box\nüber alles\n')

        when:
        def run = gplay(inv)

        then:
        run.rc == 0
        run.out.contains('ok: [box] => inside gplay-box')
        run.out.contains('changed: [box] => create /srv/gplay-motd; set mode of /srv/gplay-motd to 0640')
        box.exec('sha256sum', '/srv/gplay-motd').out.split(' ')[0] == sha256(file)
        box.exec('stat', '-c', '%a %U', '/srv/gplay-motd').out == '640 root\n'
        !Files.exists(Path.of('/srv/gplay-motd'))

        when: 'the file changes here and a check run predicts the update'
        motd('changed\n')
        def check = gplay(inv, '--check', '--diff')

        then:
        check.rc == 0
        check.out.contains('changed: [box] => update /srv/gplay-motd')
        check.out.contains('+changed')
        box.exec('cat', '/srv/gplay-motd').out == 'welcome to the box\nüber alles\n'
    }

    @IgnoreIf(value = { Needs.skip(!Podman.onPath('docker')) }, reason = 'needs a docker client (bin/install-deps installs podman-docker where there is none)')
    def "a docker host is entered with docker exec, here through podman's Docker-compatible API"() {
        given:
        String inv = "all:\n  hosts:\n    web:\n      ansible_connection: community.docker.docker\n      ansible_host: ${box.name}\n"
        Path file = motd('served by docker exec\n')
        box.exec('rm', '-f', '/srv/gplay-motd')

        when:
        def run = gplay([DOCKER_HOST: box.dockerApi(work)], inv)

        then:
        run.rc == 0
        run.out.contains('ok: [web] => inside gplay-box')
        run.out.contains('changed: [web] => create /srv/gplay-motd; set mode of /srv/gplay-motd to 0640')
        box.exec('sha256sum', '/srv/gplay-motd').out.split(' ')[0] == sha256(file)
    }

    def "a container that does not exist fails its host with podman's reason; the other host goes on"() {
        given:
        motd('x\n')
        String inv = "all:\n  hosts:\n    box:\n      ansible_connection: podman\n      ansible_host: ${box.name}\n" +
                "    gone:\n      ansible_connection: podman\n      ansible_host: gplay-no-such-container\n"

        when:
        def run = gplay(inv)

        then:
        run.rc == 2
        run.out.contains('failed: [gone]: FAILED! => non-zero return code 125: Error: no container with name or ID '
                + '"gplay-no-such-container" found: no such container')
        run.out.contains('ok: [box] => inside gplay-box')
        run.recap('gone').failed == 1
        run.recap('box').failed == 0
    }
}
