package io.gplay.tests

import io.gplay.engine.connection.openssh.HostSettings
import io.gplay.engine.connection.openssh.OpenSshConfig
import io.gplay.engine.connection.openssh.SshCommandLine
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * gplay reads ssh_config as OpenSSH does: for each host and command line, the settings gplay takes are those
 * {@code ssh -G} prints (ssh evaluates its configuration and prints the outcome, connecting nowhere). Only the
 * file given with -F is read, by both: never the user's own.
 */
@IgnoreIf(value = { Needs.skip(!Files.isExecutable(Path.of('/usr/bin/ssh'))) }, reason = 'needs openssh-client')
class SshConfigAgreementSpec extends Specification {
    static final String USER = System.getProperty('user.name')

    @Shared @TempDir
    Path dir
    @Shared
    Path config

    def setupSpec() {
        Files.createDirectories(dir.resolve('conf.d'))
        dir.resolve('conf.d/10-a.conf').text = 'Host x\n  Port 1010\nHost *\n  ServerAliveInterval 20\n'
        dir.resolve('conf.d/20-b.conf').text = 'User fromb\nHost *.example.com\n  ConnectTimeout 20\n'
        config = dir.resolve('config')
        config.text = """\
Host web? !web9
  User webadmin
  HostName %h.internal
Host *.example.com !secret.example.com
  Port 2222
  StrictHostKeyChecking accept-new
Host db
  HostName db.internal.example
Match host *.internal.example
  ProxyJump bastion,ops@b2:2200
Match originalhost db !user root
  Port 2200
Match user deploy
  IdentitiesOnly yes
Host other
  User deploy
  ProxyCommand ssh -W %h:%p gw
  ProxyJump ignored
Host y
  Include ${dir}/conf.d/*.conf
  Port 3030
Host t
  HostName %h.example.com
Match final host t.example.com
  User finaluser
Host *
  Include ${dir}/conf.d/2*.conf
  ConnectTimeout=1m30s
  StrictHostKeyChecking no
  UserKnownHostsFile ~/.ssh/kh_%h_%p_%r other
"""
    }

    /** What ssh -G prints for these keywords, as gplay's settings would print them. */
    static Map<String, String> ssh(Path config, List<String> options, String host) {
        def p = new ProcessBuilder(['ssh', '-G', '-F', config.toString()] + options + [host]).redirectErrorStream(false).start()
        p.outputStream.close()
        def out = p.inputStream.text
        assert p.waitFor() == 0, p.errorStream.text
        def keys = ['hostname', 'user', 'port', 'proxyjump', 'proxycommand', 'connecttimeout', 'serveraliveinterval',
                    'identitiesonly', 'stricthostkeychecking', 'userknownhostsfile']
        out.readLines().collect { it.split(' ', 2) }.findAll { it[0] in keys }.collectEntries { [it[0], it[1]] }
    }

    static Map<String, String> gplay(HostSettings s) {
        def out = [hostname: s.hostName(), user: s.user() ?: USER, port: String.valueOf(s.port() ?: 22),
                   connecttimeout: s.connectTimeout()?.toString() ?: 'none',
                   serveraliveinterval: String.valueOf(s.serverAliveInterval() ?: 0),
                   identitiesonly: s.identitiesOnly() ? 'yes' : 'no',
                   stricthostkeychecking: s.acceptNewHostKeys() == null ? 'ask' : s.acceptNewHostKeys() ? 'false|accept-new' : 'true|ask']
        if (s.proxy() != null) {
            out[s.proxy().keyword()] = s.proxy().keyword() == 'proxyjump' ? s.proxy().single() : s.proxy().rest()
        }
        out.userknownhostsfile = s.knownHostsFile()?.toString()
        out
    }

    def "gplay reads #host #options as ssh -G does"() {
        given:
        List<String> args = options ? options.split(' ').toList() : []
        def settings = OpenSshConfig.standard().lookup(host, SshCommandLine.parse(args, 'test').options(), config.toString())

        when:
        def ours = gplay(settings)
        def theirs = ssh(config, args, host)

        then:
        ours.each { k, v ->
            if (k == 'userknownhostsfile') {
                assert theirs[k].split(' ')[0] == v
            } else if (k == 'stricthostkeychecking' && v.contains('|')) {
                assert theirs[k] in v.split('\\|')
            } else {
                assert theirs[k] == v, k
            }
        }
        theirs.keySet().findAll { it.startsWith('proxy') } == ours.keySet().findAll { it.startsWith('proxy') }

        where:
        host                 | options
        'web1'               | ''
        'WEB2'               | ''
        'web9'               | ''
        'web10'              | ''
        'a.example.com'      | ''
        'secret.example.com' | ''
        'db'                 | ''
        'db'                 | '-l alice'
        'db'                 | '-l root -p 2300'
        'other'              | ''
        'x'                  | '-o User=deploy'
        'x'                  | '-J j1,j2 -o ConnectTimeout=5'
        'y'                  | ''
        't'                  | ''
    }
}
