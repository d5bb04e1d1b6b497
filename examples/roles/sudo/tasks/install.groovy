packages 'Installing package', name: { vars.sudo_package }, state: 'present'
