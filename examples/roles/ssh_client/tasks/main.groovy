// apt's update_cache, cache_valid_time and state 'latest': gplay's packages module installs what is missing
// ('present') and refreshes no cache, so apt_install_state and apt_update_cache_valid_time have no counterpart.
packages 'install dependencies', name: { vars.ssh_client_dependencies }, state: 'present',
        tags: ['configuration', 'ssh-client', 'ssh-client-dependencies']

packages 'install additional', name: { vars.ssh_client_install }, state: 'present', when: { vars.ssh_client_install },
        tags: ['configuration', 'ssh-client', 'ssh-client-install']

file 'create configuration directories', state: 'directory', loop: { vars.ssh_client_configurations },
        path: { item.dest.replaceFirst('/[^/]*$', '') },
        owner: { item.owner ?: 'root' }, group: { item.group ?: item.owner ?: 'root' },
        mode: { item.dest.replaceFirst('/[^/]*$', '').startsWith('/etc/') ? '0755' : '0700' },
        tags: ['configuration', 'ssh-client', 'ssh-client-configuration']

template 'update configuration files', src: 'etc/ssh/ssh_config.j2', loop: { vars.ssh_client_configurations },
        dest: { item.dest }, owner: { item.owner ?: 'root' }, group: { item.group ?: item.owner ?: 'root' }, mode: '0644',
        tags: ['configuration', 'ssh-client', 'ssh-client-configuration']
