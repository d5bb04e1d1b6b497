// tasks/vars.yml: include_vars with_first_found [{{ ansible_distribution }}.yml, {{ ansible_os_family }}.yml,
// default.yml], looked for in the role's vars/ as Ansible looks
includeVars 'Including variables for distribution',
        firstFound: { ["${facts.distribution}.yml", "${facts.osFamily}.yml", 'default.yml'] }
