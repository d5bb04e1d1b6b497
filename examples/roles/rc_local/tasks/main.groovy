// tasks/main.yml's include_vars with_first_found [_{{ distribution_release }}.yml, _{{ distribution | lower }}.yml,
// _default.yml]: gplay has no include_vars, and no release-name fact, so the value of the file Ansible would pick
// is chosen here by distribution and version, as vars/ writes it (the releases with a file give 'rc-local').
setFact 'include variables', rc_local_service_name: {
            (facts.distribution == 'debian' && facts.distributionVersion in ['11', '12'])
                    || (facts.distribution == 'ubuntu' && facts.distributionVersion in ['20.04', '22.04', '24.04'])
                    ? 'rc-local' : 'rc.local' },
        tags: ['configuration', 'rc-local', 'rc-local-include-variables']

template 'update init script', src: 'etc/rc.local.j2', dest: '/etc/rc.local', owner: 'root', group: 'root',
        mode: '0755', validate: '/usr/bin/env sh -n %s', notify: '(re)start rc.local',
        tags: ['configuration', 'rc-local', 'rc-local-init']

service 'enable service', name: { vars.rc_local_service_name }, enabled: true, when: { facts.serviceMgr == 'systemd' },
        tags: ['configuration', 'rc-local', 'rc-local-enable-service']
