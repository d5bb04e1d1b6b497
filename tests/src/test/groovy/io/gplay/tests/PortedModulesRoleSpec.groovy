package io.gplay.tests

import spock.lang.AutoCleanup
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * A role that uses the modules ported from Ansible for the public roles' calls (docs/module-tally.md), run by
 * bin/gplay on a fresh host: a container over this machine's root (nothing pulled, nothing written reaches this
 * machine), with the real programs the modules call (apt's lists, rpm, getcap/setcap, locale-gen, MariaDB,
 * git, pip, ssh-keygen). A check run predicts the very changes the real run then makes, task by task, and the
 * run after it changes nothing.
 */
@IgnoreIf(value = { Needs.skip(!Podman.available()) }, reason = 'needs root, podman and runc (bin/install-deps installs them)')
class PortedModulesRoleSpec extends Specification {
    @Shared
    @AutoCleanup
    Podman box

    @Shared
    @TempDir
    Path work

    static final String SOCKET = '/run/mysqld/gplay.sock'

    def setupSpec() {
        assert Podman.available(), 'podman or runc is not installed, or this is not root: bin/install-deps installs them'
        box = new Podman().start()
        // what the host already has before the role: a MariaDB server of its own, a program to give a capability
        // to, a key file, and a git repository to deploy from
        inBox('mkdir -p /run/mysqld /var/lib/gplay-db && mariadb-install-db --no-defaults --user=root --datadir=/var/lib/gplay-db'
                + ' --auth-root-authentication-method=socket --skip-test-db >/dev/null')
        inBox("setsid /usr/sbin/mariadbd --no-defaults --user=root --datadir=/var/lib/gplay-db --socket=${SOCKET}"
                + ' --skip-networking --innodb-buffer-pool-size=16M </dev/null >/dev/null 2>&1 &')
        for (int i = 0; i < 100 && box.exec('mysqladmin', "--socket=${SOCKET}", 'ping').rc != 0; i++) {
            sleep(200)
        }
        assert box.exec('mysqladmin', "--socket=${SOCKET}", 'ping').rc == 0, 'the MariaDB server in the container did not start'
        inBox('cp /usr/bin/true /usr/local/bin/pinger')
        inBox('rm -rf /tmp/gnupg && mkdir -m 700 /tmp/gnupg && GNUPGHOME=/tmp/gnupg gpg -q --batch --passphrase "" '
                + '--quick-gen-key "Example Packages <packages@example.org>" ed25519 sign never 2>/dev/null '
                + '&& GNUPGHOME=/tmp/gnupg gpg -q --armor --export packages@example.org > /srv/example-packages.asc')
        inBox('git init -q --bare /srv/app.git && git init -q /tmp/app && cd /tmp/app && echo 1.0 > VERSION && git add VERSION'
                + ' && git -c user.name=dev -c user.email=dev@example.org commit -q -m 1.0 && git push -q /srv/app.git HEAD:refs/heads/main')
        inBox('''mkdir -p /srv/wheels && python3 -c "
import zipfile
info = 'shoptools-1.0.dist-info/'
files = {'shoptools/__init__.py': 'VERSION = 1\\n', info + 'METADATA': 'Metadata-Version: 2.1\\nName: shoptools\\nVersion: 1.0\\n',
         info + 'WHEEL': 'Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n'}
files[info + 'RECORD'] = ''.join(f + ',,\\n' for f in files) + info + 'RECORD,,\\n'
with zipfile.ZipFile('/srv/wheels/shoptools-1.0-py3-none-any.whl', 'w') as z:
    [z.writestr(k, v) for k, v in files.items()]
"''')
        writeRole()
    }

    void inBox(String script) {
        def r = box.exec('sh', '-c', script)
        assert r.rc == 0, "${script}: ${r.err}"
    }

    void writeRole() {
        Path tasks = Files.createDirectories(work.resolve('roles/shop/tasks'))
        tasks.resolve('main.groovy').text = """\
getent 'the root account', database: 'passwd', key: 'root'
packageFacts 'what is installed'
verify 'a Debian host with MariaDB', that: { getent_passwd.root[4] == '/root' && facts.packages['mariadb-server'] }
aptRepository 'deb http://deb.example.org/debian bookworm main', filename: 'example', updateCache: false
deb822Repository 'example-sources', types: ['deb-src'], uris: ['http://deb.example.org/debian'], suites: ['bookworm'],
        components: ['main']
file 'yum repositories', path: '/etc/yum.repos.d', state: 'directory'
yumRepository 'example', description: 'Example packages', baseurl: 'http://rpm.example.org/el9/', gpgcheck: true
rpmKey '/srv/example-packages.asc'
capabilities '/usr/local/bin/pinger', capability: 'cap_net_raw+ep'
localeGen 'de_DE.UTF-8'
mysqlDb 'shop', loginUnixSocket: '${SOCKET}'
mysqlUser 'shop', password: 'Sh0p-secret', priv: 'shop.*:ALL', loginUnixSocket: '${SOCKET}', noLog: true
git 'file:///srv/app.git', dest: '/opt/shop', version: 'main'
pip name: ['shoptools'], virtualenv: '/opt/shop/venv', virtualenvCommand: 'python3 -m venv', extraArgs: '--no-index --find-links /srv/wheels'
opensshKeypair '/root/.ssh/id_shop', type: 'ed25519', comment: 'shop@box'
pamLimits '@shop', limitType: 'soft', limitItem: 'nofile', value: 4096
pamd 'login', type: 'session', control: 'optional', modulePath: 'pam_motd.so', state: 'absent'
// a check run clones nothing, so there is nothing to read yet
slurp 'the deployed version', src: '/opt/shop/VERSION', register: 'version', when: { !checkMode }
verify 'the version deployed', that: { new String(version.content.decodeBase64()).trim() == '1.0' }, when: { !checkMode }
"""
        work.resolve('site.groovy').text = """\
playbook('shop') {
    play('a fresh host gets the shop', hosts: 'all') {
        role 'shop'
    }
}
"""
        work.resolve('inventory.yml').text = "all:\n  hosts:\n    box:\n      ansible_connection: containers.podman.podman\n      ansible_host: ${box.name}\n"
    }

    Gplay.Run gplay(String... args) {
        Gplay.run(work, work.resolve('cache'), (['run', 'site.groovy', '-i', 'inventory.yml'] + args.toList()) as String[])
    }

    /** The tasks a run reported changed on the host, by their headers. */
    static List<String> changedTasks(Gplay.Run run) {
        List<String> changed = []
        String task = null
        run.out.readLines().each { line ->
            if (line.startsWith('TASK [')) {
                task = line.replaceAll(/\s*\*+$/, '')
            } else if (line.startsWith('changed: [box]')) {
                changed << task
            }
        }
        changed
    }

    def "on a fresh host, a check run predicts each change the real run makes, and the run after it changes nothing"() {
        when:
        def check = gplay('--check')

        then: 'nothing was written'
        check.rc == 0
        box.exec('test', '-e', '/etc/apt/sources.list.d/example.list').rc == 1
        box.exec('mysql', "--socket=${SOCKET}", '-N', '-e', "SHOW DATABASES LIKE 'shop'").out == ''
        box.exec('getcap', '/usr/local/bin/pinger').out == ''
        box.exec('test', '-e', '/opt/shop').rc == 1

        when:
        def real = gplay()

        then: 'the real run changed the very tasks the check run said it would'
        real.rc == 0
        changedTasks(real) == changedTasks(check)
        real.recap('box').changed == check.recap('box').changed
        real.recap('box').changed >= 10
        box.exec('getcap', '/usr/local/bin/pinger').out.contains('cap_net_raw=ep')
        box.exec('mysql', "--socket=${SOCKET}", '-N', '-e', "SHOW GRANTS FOR 'shop'@'localhost'").out.contains('ON `shop`.*')
        box.exec('/opt/shop/venv/bin/python', '-c', 'import shoptools').rc == 0
        box.exec('ssh-keygen', '-l', '-f', '/root/.ssh/id_shop.pub').out.contains('shop@box (ED25519)')
        !real.out.contains('Sh0p-secret')

        when:
        def again = gplay()

        then:
        again.rc == 0
        again.recap('box').changed == 0
        changedTasks(again) == []
    }
}
