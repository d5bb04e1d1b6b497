// tasks/vars.yml: include_vars with_first_found [{{ ansible_distribution }}.yml, {{ ansible_os_family }}.yml,
// default.yml]. gplay has no include_vars: the file Ansible picks on every host gplay runs on (Linux; FreeBSD and
// OpenBSD are not supported) is vars/default.yml, whose values are set here as written there.
setFact 'Including variables for distribution', sudo_pkg_mgr_opts: 'update_cache=yes', sudo_sudoers_group: 'root',
        sudo_visudo: '/usr/sbin/visudo'
