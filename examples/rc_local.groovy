// oefenweb.rc_local, ported: /etc/rc.local from a list of commands, its systemd unit enabled and run again on change.
// The same run under ansible-playbook: ansible/rc_local.yml (bench/roles runs both and compares the files).
playbook('rc_local') {
    play('rc_local', hosts: 'lab', vars: [
            rc_local_commands: ['mkdir -p /run/rc-local', 'date +%s > /run/rc-local/ran-at']]) {
        role 'rc_local'
    }
}
