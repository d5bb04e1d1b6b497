#!/usr/bin/env python3
# An inventory script with _meta.hostvars (issue #29, point 4): every shape of group Ansible's script plugin
# reads, values of each JSON type; --host must not be asked, so it fails here.
import json
import sys

if sys.argv[1:] != ['--list']:
    sys.exit('asked ' + ' '.join(sys.argv[1:]))
print(json.dumps({
    'web': {'hosts': ['w1', 'w2'], 'vars': {'http_port': 8080, 'ratio': 0.5, 'tls': True},
            'children': ['canary']},
    'canary': ['w2'],
    'db': ['d1', 'd2'],
    'ops': {'hosts': ['d1'], 'vars': {'ansible_group_priority': 5, 'team': 'ops'}},
    'dev': {'hosts': ['d2'], 'vars': {'team': 'dev'}},
    'lone': {'note': 'a group without hosts, vars or children is a host of its own name with these vars'},
    'empty': {},
    '_meta': {'hostvars': {
        'w1': {'ansible_host': '10.0.0.1', 'tags': ['a', 'b'], 'limits': {'cpu': 2}, 'none': None},
        'd1': {'big': 12345678901234567890, 'neg': -1.5e3, 'text': 'Grüße "quoted"'},
        'ghost': {'never': 'a host in no group is not added'},
    }},
}))
