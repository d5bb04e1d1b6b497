template 'Creating sudoers configuration', src: 'etc/sudoers.d/ansible.j2',
        dest: { "${vars.sudo_sudoers_d_path}/${vars.sudo_sudoers_file}" },
        validate: { "${vars.sudo_visudo} -cf %s" }, owner: 'root', group: { vars.sudo_sudoers_group }, mode: '0440'

// `purge_other_sudoers_files | bool` is Ansible's: a string is true only when it says so ('yes', 'on', '1',
// 'true'...), so `-e purge_other_sudoers_files=no` removes nothing.
// Ansible's find module lists the folder's files (not hidden ones, no folders); gplay has no find module yet, so
// find(1) does, reading only.
command 'List files in the sudoers.d folder', register: 'sudoers_contents', readOnly: true, changedWhen: false,
        argv: ['find', { vars.sudo_sudoers_d_path }, '-mindepth', '1', '-maxdepth', '1', '-type', 'f', '!', '-name', '.*'],
        when: { (vars.purge_other_sudoers_files as String)?.toLowerCase() in ['y', 'yes', 'on', '1', 'true', 't', '1.0'] }

file 'Remove unmanaged sudoers.d files', state: 'absent',
        path: { "${vars.sudo_sudoers_d_path}/${item.tokenize('/').last()}" },
        loop: { sudoers_contents.stdout != null ? sudoers_contents.stdout.readLines() : [] },
        when: { item.tokenize('/').last() != vars.sudo_sudoers_file }
