#!/bin/sh
# An inventory script without _meta (issue #29, point 4): Ansible asks --host for each host. One answers
# {} (no variables), one answers YAML, which Ansible reads there; stderr is shown, not parsed.
case "$1 $2" in
"--list ")
    echo '{"app": {"hosts": ["a1", "a2", "a3"], "vars": {"tier": "app"}}, "all": {"vars": {"dc": "east"}}}'
    echo 'listing done' >&2 ;;
"--host a1") echo '{"ansible_port": 2201, "tier": "front"}' ;;
"--host a2") echo '{}' ;;
"--host a3") printf 'role: worker\ncount: 3\n' ;;
*) echo "unexpected: $*" >&2; exit 2 ;;
esac
