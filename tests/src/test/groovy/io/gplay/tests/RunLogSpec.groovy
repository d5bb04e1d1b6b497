package io.gplay.tests

import spock.lang.IgnoreIf

import java.nio.file.Path

/** gplay run --log-path over SSH: the run log says what was done on each host, with no secret, run after run. */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class RunLogSpec extends TwoSshdSpec {
    static final String SECRET = 'Zymurgy-Pangolin-5309'

    def "two runs append their tasks, results and commands to the log, and the vault value is in none of it"() {
        given:
        def inv = inventory()
        work.resolve('pw').text = 'vault password\n'
        work.resolve('secrets.yml').text = "api_token: '${SECRET}'\n"
        assert Gplay.run(work, work.resolve('cache'), 'vault', 'encrypt', '--vault-password-file', 'pw', 'secrets.yml').rc == 0
        work.resolve('site.groovy').text = '''\
playbook('site') {
    play('app', hosts: 'web', gatherFacts: false) {
        file 'app dir', path: { "${vars.root}/app" }, state: 'directory'
        copy 'token', dest: { "${vars.root}/app/token" }, content: { vars.api_token }, mode: '0600'
    }
}
'''
        Path log = work.resolve('gplay.log')
        def args = ['run', 'site.groovy', '-i', inv.toString(), '-e', '@secrets.yml', '--vault-password-file', 'pw',
                    '--log-path', log.toString()] as String[]

        when:
        def first = Gplay.run(work, work.resolve('cache'), args)
        def firstLines = log.readLines()
        def second = Gplay.run(work, work.resolve('cache'), args)
        def lines = log.readLines()

        then: 'the hosts have the value'
        first.rc == 0
        second.rc == 0
        work.resolve('h1/app/token').text == SECRET

        and: 'the log has each run: its start, tasks, each host result and command, its recap'
        lines.size() > firstLines.size()
        lines.subList(0, firstLines.size()) == firstLines
        lines.findAll { it.contains(" n=gplay h=- | run: gplay run site.groovy -i ${inv} ") && it.contains(" | in ${work} |") }.size() == 2
        lines.every { it ==~ /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} p=\d+ u=\S+ n=\S+ h=\S+ \| .*/ }
        firstLines.any { it.endsWith('h=- | TASK [token] copy at site.groovy:4') }
        ['h1', 'h2'].every { h ->
            firstLines.any { it.contains(" h=${h} | changed: [token] create ${work}/${h}/app/token") } &&
                    firstLines.any { it.contains(" h=${h} | command: ") && it.contains("${h}/app/token") } &&
                    lines.drop(firstLines.size()).any { it.contains(" h=${h} | ok: [token]") } &&
                    lines.count { it.contains(" h=${h} | recap: ok=2") } == 2
        }

        and: 'the secret is nowhere in it'
        !log.text.contains(SECRET)
        first.err.isEmpty()
    }
}
