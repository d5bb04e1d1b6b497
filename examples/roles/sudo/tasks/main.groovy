// tasks/main.yml: three import_tasks, each with its tags
importTasks 'vars.groovy', tags: ['system', 'sudo', 'vars', 'sudo-vars']
importTasks 'install.groovy', tags: ['system', 'sudo', 'install', 'sudo-install']
importTasks 'config.groovy', tags: ['system', 'sudo', 'config', 'sudo-config']
