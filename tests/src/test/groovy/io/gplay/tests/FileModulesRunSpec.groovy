package io.gplay.tests

import spock.lang.IgnoreIf

import java.nio.file.Files

/** The modules ported from Ansible's (iniFile, replace, stat, fail, find) in one playbook, over real sshd servers. */
@IgnoreIf(value = { Needs.skip(!Sshd.available()) }, reason = 'needs openssh-server (the CI script installs it)')
class FileModulesRunSpec extends TwoSshdSpec {
    static final String SITE = '''\
playbook('site') {
    play('config', hosts: 'web') {
        file 'root', path: { vars.root }, state: 'directory'
        stat 'a packaged config', path: { "${vars.root}/app.ini" }, register: 'seed'
        copy 'the packaged config', dest: { "${vars.root}/app.ini" }, content: '[main]\\nport = 80\\nhost = old.example.com\\n',
                when: { !seed.stat.exists }
        iniFile 'port', path: { "${vars.root}/app.ini" }, section: 'main', option: 'port', value: '8080'
        replace 'host', path: { "${vars.root}/app.ini" }, regexp: /old\\.example\\.com/, replace: 'new.example.com'
        stat 'the config', path: { "${vars.root}/app.ini" }, register: 'conf'
        fail 'the config must be there', when: { !conf.stat.exists }
        find 'ini files', paths: { vars.root }, patterns: '*.ini', contains: 'port = 8080', register: 'inis'
        copy 'count', dest: { "${vars.root}/count" }, content: { "${inis.matched} ${conf.stat.mode}\\n" }
    }
}
'''

    Gplay.Run gplay(String... args) {
        Gplay.run(work, work.resolve('cache'), args)
    }

    def "a check run predicts what the real run changes, later tasks seeing the predicted files, and a second run changes nothing"() {
        given:
        def inv = Sshd.inventory(work, one, two, [:])
        work.resolve('site.groovy').text = SITE

        when:
        def check = gplay('run', 'site.groovy', '-i', inv.toString(), '--check', '--diff')

        then:
        check.rc == 0
        check.recap('h1').changed == 5
        check.recap('h1').failed == 0
        check.out.contains('+port = 8080')
        check.out.contains('+host = new.example.com')
        check.out.contains('+1 0644')
        !Files.exists(work.resolve('h1'))

        when:
        def real = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        real.rc == 0
        real.recap('h1').changed == 5
        real.recap('h2').changed == 5
        Files.readString(work.resolve('h1/app.ini')) == '[main]\nport = 8080\nhost = new.example.com\n'
        Files.readString(work.resolve('h2/count')) == '1 0644\n'

        when:
        def again = gplay('run', 'site.groovy', '-i', inv.toString())

        then:
        again.rc == 0
        again.recap('h1').changed == 0
        again.recap('h2').changed == 0
    }
}
