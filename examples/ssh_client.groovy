// oefenweb.ssh_client, ported: /etc/ssh/ssh_config and per-user ssh configurations from a list of hosts blocks.
// The same run under ansible-playbook: ansible/ssh_client.yml (bench/roles runs both and compares the files).
playbook('ssh_client') {
    play('ssh_client', hosts: 'lab', vars: [
            // the lab's hosts have no network: install what is missing, and let apt keep its package lists
            apt_install_state: 'present', apt_update_cache_valid_time: 315360000,
            ssh_client_configurations: [
                    [dest: '/etc/ssh/ssh_config', owner: 'root', hosts: [
                            [pattern: ['*.lab.test', '10.78.0.*'], forward_agent: false, connect_timeout: 10,
                             strict_host_key_checking: 'accept-new', identity_file: ['~/.ssh/id_ed25519']],
                            [pattern: ['*'], send_env: 'LANG LC_*', hash_known_hosts: true,
                             gssapi_authentication: true, gssapi_delegate_credentials: false]]],
                    [dest: '/root/.ssh/config', owner: 'root', hosts: [
                            [pattern: ['backup'], host_name: '10.78.0.250', port: 2222, batch_mode: true]]]]]) {
        role 'ssh_client'
    }
}
