service 'restart ctdb', name: 'ctdb', state: 'restarted'
