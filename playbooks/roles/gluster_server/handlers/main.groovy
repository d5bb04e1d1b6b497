service 'restart glusterd', name: 'glusterd', state: 'restarted'
