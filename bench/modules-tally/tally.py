#!/usr/bin/env python3
"""Count the modules that public Ansible roles call, and how many of those calls gplay covers.

Usage: tally.py CORPUS_DIR [--covered-only]

CORPUS_DIR holds one folder per repository (corpus.txt says which and how to fetch them). A role is a folder
with a tasks/ folder, at a repository's top or under its roles/; each YAML file in its tasks/ and handlers/
is read, and each task counted once, by its module. Blocks are walked into; block, include_*, import_* and
meta are counted apart, as structure. Module names are normalised: a collection's name is dropped (ansible.builtin.X,
community.general.X are X); local_action and action name the module they run.
Prints a markdown report: the corpus, the structure counts, and every module with its uses, share and the
gplay module that covers it.
"""
import os
import re
import sys
from collections import Counter

import yaml

# Ansible's task keywords: every key of a task that is not its module.
TASK_KEYWORDS = {
    "name", "when", "register", "loop", "loop_control", "become", "become_user", "become_method",
    "become_flags", "become_exe", "tags", "notify", "listen", "changed_when", "failed_when", "ignore_errors",
    "ignore_unreachable", "delegate_to", "delegate_facts", "run_once", "vars", "environment", "args", "no_log",
    "until", "retries", "delay", "check_mode", "diff", "async", "poll", "any_errors_fatal", "collections",
    "connection", "module_defaults", "throttle", "timeout", "debugger", "port", "remote_user",
    "max_fail_percentage", "rescue", "always", "local_action", "action", "with_first_found",
}

STRUCTURE = {"block", "include_tasks", "import_tasks", "include_role", "import_role", "include", "meta",
             "import_playbook", "include_vars"}

# Ansible module -> the gplay module that does its work ("" for none). A parenthesis says what is partial.
GPLAY = {
    "command": "command", "shell": "shell", "file": "file", "copy": "copy", "template": "template",
    "lineinfile": "lineinfile",
    "package": "packages", "apt": "packages", "yum": "packages", "dnf": "packages",
    "service": "service", "systemd": "systemd", "systemd_service": "systemd",
    "setup": "setup", "gather_facts": "setup", "set_fact": "setFact", "debug": "debug", "assert": "verify",
    "mount": "mount", "filesystem": "filesystem", "lvg": "lvm", "lvol": "lvm", "iptables": "iptables",
    "stat": "stat", "fail": "fail", "find": "find", "replace": "replace", "get_url": "getUrl", "uri": "uri",
    "unarchive": "unarchive", "ini_file": "iniFile", "wait_for": "waitFor",
    "user": "user", "group": "group", "authorized_key": "authorizedKey", "cron": "cron", "sysctl": "sysctl",
    "hostname": "hostname", "timezone": "timezone",
    "mysql_user": "mysqlUser", "mysql_query": "mysqlQuery", "mysql_db": "mysqlDb",
    "mysql_replication": "mysqlReplication", "mysql_info": "mysqlInfo",
    "rpm_key": "rpmKey", "apt_repository": "aptRepository", "apt_key": "aptKey",
    "deb822_repository": "deb822Repository", "yum_repository": "yumRepository",
    "getent": "getent", "package_facts": "packageFacts", "service_facts": "serviceFacts",
    "capabilities": "capabilities", "locale_gen": "localeGen", "pacman": "pacman",
    "git": "git", "pip": "pip", "npm": "npm",
    "openssh_keypair": "opensshKeypair", "pamd": "pamd", "pam_limits": "pamLimits", "slurp": "slurp",
    "tempfile": "tempfile", "seport": "seport", "selinux": "selinux", "seboolean": "seboolean",
}
# The parameters gplay's packages module takes, by the Ansible module a call names: a call that gives another
# one is counted apart, as "apt (purge)", and is not covered.
PACKAGE_PARAMS = {"name", "pkg", "state", "update_cache", "cache_valid_time", "deb", "install_recommends",
                  "allow_downgrade", "allow_downgrades", "enablerepo", "disablerepo", "purge", "default_release",
                  "policy_rc_d", "allowerasing", "exclude"}
PARAMS = {"apt": PACKAGE_PARAMS, "yum": PACKAGE_PARAMS, "dnf": PACKAGE_PARAMS, "package": PACKAGE_PARAMS}
# Structure gplay has under its own names.
GPLAY_STRUCTURE = {"block": "block", "import_tasks": "importTasks", "include_tasks": "includeTasks",
                   "import_role": "role", "include_role": "role (static)", "include_vars": "includeVars (firstFound)", "meta": "flushHandlers (flush_handlers only)"}


def short(module):
    """A module's short name: the last part of a collection's name (community.mysql.mysql_user is mysql_user)."""
    return module.rsplit(".", 1)[-1]


def module_of(task):
    """The module a task runs, or None when the task has none (a malformed entry)."""
    for key in ("local_action", "action"):
        if key in task:
            value = task[key]
            if isinstance(value, dict):
                return short(str(value.get("module", "")))
            return short(str(value).split()[0]) if str(value).strip() else None
    rest = [k for k in task if k not in TASK_KEYWORDS and not str(k).startswith("with_")]
    if "block" in task:
        return "block"
    return short(str(rest[0])) if len(rest) == 1 else None


def with_params(module, task):
    """The module's name, with the parameters gplay does not take in brackets (for those PARAMS lists)."""
    if module not in PARAMS:
        return module
    args = next((v for k, v in task.items() if short(str(k)) == module), None)
    keys = set(args) if isinstance(args, dict) else set(re.findall(r"(\w+)=", str(args or "")))
    extra = sorted(keys - PARAMS[module])
    return f"{module} ({', '.join(extra)})" if extra else module


def walk(tasks, modules, structure, unread):
    for task in tasks or []:
        if not isinstance(task, dict):
            continue
        module = module_of(task)
        if module is None:
            unread.append(task)
        elif module in STRUCTURE or module.startswith("include") or module.startswith("import"):
            structure[module] += 1
        else:
            modules[with_params(module, task)] += 1
        for part in ("block", "rescue", "always"):
            if isinstance(task.get(part), list):
                walk(task[part], modules, structure, unread)


def roles(corpus):
    """(repository, role folder) for each role of the corpus, molecule scenarios and tests left out."""
    for repo in sorted(os.listdir(corpus)):
        top = os.path.join(corpus, repo)
        if os.path.isdir(os.path.join(top, "tasks")):
            yield repo, top
        under = os.path.join(top, "roles")
        if os.path.isdir(under):
            for role in sorted(os.listdir(under)):
                if os.path.isdir(os.path.join(under, role, "tasks")):
                    yield repo, os.path.join(under, role)


def yaml_files(role):
    for part in ("tasks", "handlers"):
        for folder, _, files in os.walk(os.path.join(role, part)):
            for f in sorted(files):
                if f.endswith((".yml", ".yaml")):
                    yield os.path.join(folder, f)


class Loader(yaml.SafeLoader):
    """Reads Ansible's !vault and !unsafe tags as plain values."""


Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def tally(corpus):
    modules, structure, unread, found = Counter(), Counter(), [], []
    for repo, role in roles(corpus):
        found.append((repo, os.path.relpath(role, corpus)))
        for path in yaml_files(role):
            with open(path, encoding="utf-8") as f:
                data = yaml.load(f, Loader=Loader)
            if isinstance(data, list):
                walk(data, modules, structure, unread)
    return found, modules, structure, unread


def report(corpus):
    found, modules, structure, unread = tally(corpus)
    total = sum(modules.values())
    covered = sum(n for m, n in modules.items() if GPLAY.get(m))
    repos = sorted({r for r, _ in found})
    out = [f"Corpus: {len(repos)} repositories, {len(found)} roles, {total} module calls "
           f"({sum(structure.values())} structure entries apart, {len(unread)} entries not read as a task).", "",
           f"**Coverage: gplay covers {covered} of {total} module calls ({100.0 * covered / total:.1f}%).**", "",
           "| structure | uses | gplay |", "|---|---:|---|"]
    for name, n in structure.most_common():
        out.append(f"| `{name}` | {n} | {GPLAY_STRUCTURE.get(name, '')} |")
    out += ["", "| module | uses | share | cumulative share of the uncovered | gplay |", "|---|---:|---:|---:|---|"]
    uncovered_total = total - covered
    running = 0
    for name, n in sorted(modules.items(), key=lambda kv: (-kv[1], kv[0])):
        gplay = GPLAY.get(name, "")
        cumulative = ""
        if not gplay:
            running += n
            cumulative = f"{100.0 * running / uncovered_total:.1f}%"
        out.append(f"| `{name}` | {n} | {100.0 * n / total:.1f}% | {cumulative} | {gplay} |")
    out += ["", "Roles read:", ""] + [f"- {role}" for _, role in found]
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: tally.py CORPUS_DIR (a folder of fetched repositories; see corpus.txt)")
    print(report(sys.argv[1]))
