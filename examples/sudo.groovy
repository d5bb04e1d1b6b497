// weareinteractive.sudo, ported: a sudoers.d file from sudo_users and sudo_defaults, checked by visudo.
// The same run under ansible-playbook: ansible/sudo.yml (bench/roles runs both and compares the files).
playbook('sudo') {
    play('sudo', hosts: 'lab', vars: [
            sudo_defaults: [[defaults: 'env_reset'], [name: 'root', defaults: '!requiretty']],
            sudo_users: [[name: '%adm', nopasswd: true], [name: 'root', commands: '/usr/bin/journalctl'],
                         [name: '%sudo', hosts: '127.0.0.1', commands: ['/bin/ls', '/bin/df']]]]) {
        role 'sudo'
    }
}
