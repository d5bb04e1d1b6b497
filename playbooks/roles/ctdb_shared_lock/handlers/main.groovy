// daemonReload: systemd reads ctdb's drop-in (below) only when told to, before ctdb restarts with it
service 'restart ctdb', name: 'ctdb', state: 'restarted', daemonReload: true
