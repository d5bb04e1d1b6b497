// A run that loads the classes gplay needs at start-up, to record the class-data-sharing archive at build time.
playbook('cds training') {
    play('training', hosts: 'all') {
        file 'dir', path: '/tmp/gplay-cds-training', state: 'directory'
        copy 'file', dest: '/tmp/gplay-cds-training/f', content: { "${host}\n" }, notify: 'h'
        lineinfile 'line', path: '/tmp/gplay-cds-training/f', line: 'x'
        command 'cmd', cmd: 'true', creates: '/tmp/gplay-cds-training/f', register: 'r'
        shell 'sh', cmd: 'true', readOnly: true, when: { r.rc == 0 }
        debug 'msg', msg: { facts.osFamily }
        handlers {
            command 'h', cmd: 'true'
        }
    }
}
