#!/usr/bin/python3
"""Lays out a corpus of public roles' Jinja2 templates, each with the variables a Debian 12 host would render it
with, for the differential test (JinjaDifferentialTest) and count-jinja.py. The roles' files are not committed to
gplay: this reads them from local git copies of the roles' repositories.

  corpus.py MIRRORS OUT      MIRRORS holds one git directory a repository, MIRRORS/<owner>+<name>/repo

For each role of ROLES it writes OUT/<owner>+<name>/<role>/ with
  templates/...    the role's *.j2 templates, as committed
  vars.yml         the role's defaults/main.yml, then vars/main.yml, vars/Debian.yml, vars/Debian-12.yml, then
                   the facts below and corpus-vars.yml's values for the role (beside this script), each value
                   templated by Ansible's own Templar, so the file holds no '{{ }}' left to evaluate
  templates/X.vars.yml   corpus-vars.yml's values for one template (a loop's item, say), where it has them
  SOURCE           the repository, commit, role path and licence
and OUT/README.md listing them.
"""
import json
import os
import subprocess
import sys

import yaml
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

HERE = os.path.dirname(os.path.abspath(__file__))

# repository -> role folders inside it ('' for a repository that is one role)
ROLES = {
    "geerlingguy+ansible-role-apache": [""], "geerlingguy+ansible-role-certbot": [""],
    "geerlingguy+ansible-role-elasticsearch": [""], "geerlingguy+ansible-role-firewall": [""],
    "geerlingguy+ansible-role-gitlab": [""], "geerlingguy+ansible-role-haproxy": [""],
    "geerlingguy+ansible-role-jenkins": [""], "geerlingguy+ansible-role-kubernetes": [""],
    "geerlingguy+ansible-role-memcached": [""], "geerlingguy+ansible-role-mysql": [""],
    "geerlingguy+ansible-role-nfs": [""], "geerlingguy+ansible-role-nginx": [""], "geerlingguy+ansible-role-ntp": [""],
    "geerlingguy+ansible-role-php": [""], "geerlingguy+ansible-role-postgresql": [""],
    "geerlingguy+ansible-role-redis": [""], "geerlingguy+ansible-role-security": [""],
    "geerlingguy+ansible-role-supervisor": [""], "geerlingguy+ansible-role-varnish": [""],
    "dev-sec+ansible-collection-hardening": ["roles/mysql_hardening", "roles/nginx_hardening", "roles/os_hardening",
                                             "roles/ssh_hardening"],
    "prometheus-community+ansible": None,  # every folder of roles/ that has templates
}

# what setup gathers on a Debian 12 host, as Ansible names it under ansible_facts
FACTS = {
    "os_family": "Debian", "distribution": "Debian", "distribution_major_version": "12",
    "distribution_version": "12.5", "distribution_release": "bookworm", "system": "Linux", "kernel": "6.1.0-18-amd64",
    "architecture": "x86_64", "machine": "x86_64", "userspace_architecture": "x86_64", "userspace_bits": "64",
    "hostname": "web1", "nodename": "web1", "fqdn": "web1.example.org", "domain": "example.org",
    "service_mgr": "systemd", "pkg_mgr": "apt", "processor_vcpus": 2, "processor_cores": 2, "processor_count": 1,
    "memtotal_mb": 3936, "user_id": "root", "selinux": {"status": "disabled"}, "virtualization_type": "kvm",
    "default_ipv4": {"address": "192.0.2.10", "interface": "eth0", "gateway": "192.0.2.1", "netmask": "255.255.255.0"},
    "all_ipv4_addresses": ["192.0.2.10"], "interfaces": ["lo", "eth0"],
    "python": {"version": {"major": 3, "minor": 11, "micro": 2}},
    "mounts": [{"mount": "/", "device": "/dev/vda1", "fstype": "ext4"},
               {"mount": "/home", "device": "/dev/vda2", "fstype": "ext4"}],
    "packages": {"systemd": [{"name": "systemd", "version": "252.22", "source": "apt"}]},
    "local": {}, "env": {"HOME": "/root", "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
}


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def show_yaml(repo, path):
    try:
        return yaml.safe_load(git(repo, "show", "HEAD:" + path)) or {}
    except subprocess.CalledProcessError:
        return {}


def resolve(raw, scope=None):
    """Every value templated as Ansible would when the role reads it; a value that cannot be is left out."""
    templar = Templar(loader=DataLoader(), variables=dict(scope or {}, **raw))
    out = {}
    for k, v in raw.items():
        try:
            out[k] = plain(templar.template(v, fail_on_undefined=True))
        except Exception as e:  # a lookup or an undefined name: the corpus-vars.yml gives it where a template needs it
            print(f"  left out {k}: {type(e).__name__}", file=sys.stderr)
    return out


def plain(v):
    """Ansible's own text and mapping types as plain ones, for yaml.safe_dump."""
    return json.loads(json.dumps(v))


def role_dirs(repo, roles):
    if roles is not None:
        return roles
    names = git(repo, "ls-tree", "-r", "--name-only", "HEAD").decode().splitlines()
    return sorted({"/".join(n.split("/")[:2]) for n in names if n.startswith("roles/") and "/templates/" in n})


def lay_out(mirrors, out, extra):
    readme = ["# Jinja2 corpus", "", "| repository | commit | role | templates | licence |", "|---|---|---|---|---|"]
    for name, roles in ROLES.items():
        repo = os.path.join(mirrors, name, "repo")
        commit = git(repo, "rev-parse", "HEAD").decode().strip()
        licence = git(repo, "show", "HEAD:LICENSE").decode().strip().splitlines()[0].strip()
        for role in role_dirs(repo, roles):
            prefix = role + "/" if role else ""
            files = [f for f in git(repo, "ls-tree", "-r", "--name-only", "HEAD", prefix + "templates/").decode()
                     .splitlines() if f.endswith(".j2")]
            if not files:
                continue
            dest = os.path.join(out, name, role or ".")
            print(f"{name}/{role}: {len(files)} templates", file=sys.stderr)
            raw = {}
            for part in ("defaults/main.yml", "vars/main.yml", "vars/Debian.yml", "vars/Debian-12.yml"):
                raw.update(show_yaml(repo, prefix + part))
            raw.update({"ansible_" + k: v for k, v in FACTS.items()})
            raw["ansible_facts"] = FACTS
            # the roles' convention: a task sets x from __x (set by vars/<os>.yml) where x is not set
            raw.update({k[2:]: v for k, v in list(raw.items()) if k.startswith("__") and k[2:] not in raw})
            own = extra.get(f"{name}/{role}".rstrip("/"), {})
            raw.update({k: v for k, v in own.items() if not k.startswith("templates/")})
            resolved = resolve(raw)
            for f in files:
                target = os.path.join(dest, f[len(prefix):])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as fh:
                    fh.write(git(repo, "show", "HEAD:" + f))
                if f[len(prefix):] in own:
                    with open(target + ".vars.yml", "w") as fh:
                        yaml.safe_dump(resolve(own[f[len(prefix):]], resolved), fh, sort_keys=False, allow_unicode=True)
            with open(os.path.join(dest, "vars.yml"), "w") as fh:
                yaml.safe_dump(resolved, fh, sort_keys=False, allow_unicode=True)
            with open(os.path.join(dest, "SOURCE"), "w") as fh:
                fh.write(f"{name.replace('+', '/')} {commit} {role or '.'} {licence}\n")
            readme.append(f"| {name.replace('+', '/')} | {commit[:12]} | {role or '.'} | {len(files)} | {licence} |")
    with open(os.path.join(out, "README.md"), "w") as fh:
        fh.write("\n".join(readme) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(os.path.join(HERE, "corpus-vars.yml")) as f:
        lay_out(sys.argv[1], sys.argv[2], yaml.safe_load(f) or {})
