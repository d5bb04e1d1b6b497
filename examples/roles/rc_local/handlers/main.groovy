service 'execute rc.local', name: { vars.rc_local_service_name }, state: 'started',
        when: { facts.serviceMgr != 'systemd' }, listen: '(re)start rc.local'

service 'restart rc.local', name: { vars.rc_local_service_name }, state: 'restarted',
        when: { facts.serviceMgr == 'systemd' }, listen: '(re)start rc.local'
