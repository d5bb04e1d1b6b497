#!/usr/bin/env python3
"""Helpers for bench/run: playbook generation, timed runs, the SSH floor, and the results table.

  lib.py gen T ROOT HOSTS GROOVY YAML       the same T tasks as a gplay playbook and an Ansible playbook
  lib.py timed OUT.json LOG -- CMD...       wall time, time to the first task line, peak RSS, CPU time
                                            (via /usr/bin/time)
  lib.py floor N OUT.json SSHOPTS -- IP...  N `ssh -S sock IP true` per host over one ControlMaster per host,
                                            hosts in parallel; wall time per command and host
  lib.py account CGROUP PIDFILE...          moves the processes under each PIDFILE's process (the lab hosts)
                                            into cpuacct group CGROUP, whose CPU `timed` then records
  lib.py table RESULTS_DIR T                print the table
"""
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time


# --- generation ---------------------------------------------------------------------------------------------

def tasks(t, root):
    """T tasks: the root directory, then file / lineinfile / command with creates / copy in turn."""
    out = [("file", dict(path=root, state="directory", mode="0755"))]
    for i in range(1, t):
        kind = i % 4
        if kind == 1:
            out.append(("file", dict(path=f"{root}/d{i}", state="directory", mode="0755")))
        elif kind == 2:
            out.append(("lineinfile", dict(path=f"{root}/conf{i}", regexp=f"^key{i}=", line=f"key{i}=value {i}",
                                           create=True)))
        elif kind == 3:
            out.append(("command", dict(cmd=f"touch {root}/stamp{i}", creates=f"{root}/stamp{i}")))
        else:
            out.append(("copy", dict(dest=f"{root}/copy{i}", content=f"# file {i}\nsetting{i} = {i * 7}\n",
                                     mode="0644")))
    return out


def groovy_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return "'" + str(v).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def gen(t, root, hosts, groovy_path, yaml_path):
    ts = tasks(int(t), root)
    with open(groovy_path, "w") as g:
        g.write(f"playbook('bench') {{\n    play('bench', hosts: '{hosts}', gatherFacts: false) {{\n")
        for n, (mod, params) in enumerate(ts):
            args = ", ".join(f"{k}: {groovy_value(v)}" for k, v in params.items())
            g.write(f"        {mod} 'task {n}', {args}\n")
        g.write("    }\n}\n")
    with open(yaml_path, "w") as y:
        y.write(f"- name: bench\n  hosts: {hosts}\n  gather_facts: false\n  tasks:\n")
        for n, (mod, params) in enumerate(ts):
            y.write(f"    - name: task {n}\n      ansible.builtin.{mod}:\n")
            for k, v in params.items():
                y.write(f"        {k}: {json.dumps(v)}\n")   # JSON scalars are valid YAML


# --- timing -------------------------------------------------------------------------------------------------

def machine_cpu():
    """CPU seconds the whole machine has spent busy (all processes, the lab hosts' among them)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    busy = sum(fields) - fields[3] - fields[4]   # all but idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def hosts_cpu():
    """CPU seconds the lab hosts have spent (their cpuacct group, see `account`), or None without one."""
    usage = os.environ.get("BENCH_HOSTS_CPUACCT")
    if not usage:
        return None
    with open(usage) as f:
        return int(f.read()) / 1e9


def account(cgroup, pidfiles):
    """Puts every process under the lab's nspawn processes into one cpuacct group (cgroup v1), so that what
    the hosts spend is measured apart from the tools. Processes started later inherit the group. The hosts'
    own systemd tracks its services in other hierarchies, which this leaves alone."""
    roots = set()
    for pf in pidfiles:
        with open(pf) as f:
            roots.add(int(f.read()))
    parent = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    parent[int(p)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass   # ended meanwhile

    def under_lab(p):
        while p > 1:
            if p in roots:
                return True
            p = parent.get(p, 0)
        return False

    os.makedirs(cgroup, exist_ok=True)
    moved = 0
    for p in parent:
        if under_lab(p):
            try:
                with open(os.path.join(cgroup, "cgroup.procs"), "w") as f:
                    f.write(str(p))
                moved += 1
            except OSError:
                pass   # ended meanwhile
    if moved == 0:
        sys.exit(f"bench: no lab process found under {pidfiles}")


def timed(out_json, log, cmd):
    """Runs CMD under /usr/bin/time; records wall time, time to its first 'TASK [' line, peak RSS (KiB),
    CPU time (user + system, of the command and the processes it waited for), the CPU time the whole
    machine spent meanwhile (the lab hosts' sshd and shells included) and the lab hosts' own."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, open(log, "w") as logf:
        busy0, hosts0 = machine_cpu(), hosts_cpu()
        t0 = time.monotonic()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M %U %S", "-o", rss.name] + cmd, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
        first = None
        for raw in p.stdout:
            line = raw.decode("utf-8", "replace")
            if first is None and line.startswith("TASK ["):
                first = time.monotonic() - t0
            logf.write(line)
        rc = p.wait()
        wall = time.monotonic() - t0
        machine = machine_cpu() - busy0
        hosts = None if hosts0 is None else hosts_cpu() - hosts0
        last = (open(rss.name).read().strip().splitlines() or ["0 0 0"])[-1].split()
        rss_kib, cpu = int(last[0]), float(last[1]) + float(last[2])
    res = dict(wall=wall, first_task=first, rss_kib=rss_kib, cpu=cpu, machine_cpu=machine, hosts_cpu=hosts, rc=rc,
               cmd=cmd)
    with open(out_json, "w") as f:
        json.dump(res, f)
    if rc != 0:
        sys.stderr.write(f"bench: command failed (rc {rc}): {shlex.join(cmd)}; output in {log}:\n")
        sys.stderr.write("".join(open(log).readlines()[-30:]))
        sys.exit(1)
    print(f"bench:   {wall:7.2f} s  {shlex.join(cmd[:3])} ...", file=sys.stderr)


def floor(n, out_json, sshopts, ips):
    """One ControlMaster per host, then N `ssh -S sock host true` per host, hosts in parallel."""
    n = int(n)
    opts = shlex.split(sshopts)
    tmp = tempfile.mkdtemp(prefix="gplay-floor-")
    socks = {ip: os.path.join(tmp, ip) for ip in ips}
    try:
        for ip, sock in socks.items():
            subprocess.run(["ssh"] + opts + ["-o", "ControlMaster=yes", "-o", "ControlPersist=yes", "-S", sock,
                            "-f", "-N", "root@" + ip], check=True)
        for ip, sock in socks.items():   # one warm-up command each
            subprocess.run(["ssh"] + opts + ["-S", sock, "root@" + ip, "true"], check=True)
        errors = []

        def loop(ip):
            for _ in range(n):
                r = subprocess.run(["ssh"] + opts + ["-S", socks[ip], "root@" + ip, "true"])
                if r.returncode != 0:
                    errors.append(ip)
                    return

        threads = [threading.Thread(target=loop, args=(ip,)) for ip in ips]
        t0 = time.monotonic()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.monotonic() - t0
        if errors:
            sys.exit(f"bench: ssh true failed on {errors}")
    finally:
        for ip, sock in socks.items():
            subprocess.run(["ssh"] + opts + ["-S", sock, "-O", "exit", "root@" + ip], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)   # a master removes its own socket as it exits
    per = wall / (n * len(ips))
    with open(out_json, "w") as f:
        json.dump(dict(wall=wall, n=n, hosts=len(ips), per_cmd_host=per), f)
    print(f"bench:   SSH floor, {len(ips)} host(s): {per * 1000:.1f} ms a command a host", file=sys.stderr)


# --- the table ----------------------------------------------------------------------------------------------

def table(d, t):
    t = int(t)

    def r(name):
        """A result, or the run of median wall time among its repeats NAME.1, NAME.2, ..."""
        path = os.path.join(d, name + ".json")
        if os.path.exists(path):
            with open(path) as f:
                return json.load(f)
        runs = []
        i = 1
        while os.path.exists(os.path.join(d, f"{name}.{i}.json")):
            with open(os.path.join(d, f"{name}.{i}.json")) as f:
                runs.append(json.load(f))
            i += 1
        if not runs:
            raise SystemExit(f"bench: no result {name}")
        runs.sort(key=lambda x: x.get("wall", 0))
        m = dict(runs[len(runs) // 2])
        m["rss_kib"] = max(x.get("rss_kib", 0) for x in runs)
        if m.get("first_task") is not None:
            m["first_task"] = sorted(x["first_task"] for x in runs)[len(runs) // 2]
        return m

    def ms(x):
        return f"{x * 1000:.1f} ms"

    def per_task(run, one, h, key="wall"):
        """The cost of a task on a host: the T-task run less the converged 1-task run (start-up, connecting),
        over the (T-1) x H tasks left; for H > 1, hosts in parallel (forks = H)."""
        return (run[key] - one[key]) / ((t - 1) * h)

    rows = []
    summary = {}
    for h in (1, 5, 20):
        fl = r(f"floor-h{h}")["per_cmd_host"]
        for phase in ("first", "rerun"):
            g, a = r(f"gplay-h{h}-{phase}"), r(f"ansible-h{h}-{phase}")
            g1, a1 = r(f"gplay-h{h}-one"), r(f"ansible-h{h}-one")
            go, ao = per_task(g, g1, h), per_task(a, a1, h)
            rows.append((f"{t} tasks x {h:>2} host{'s' if h > 1 else ' '}", phase, g["wall"], a["wall"],
                         a["wall"] / g["wall"], go, ao, fl, go / fl))
            summary[(h, phase)] = (g, a, go, fl)
    print()
    print(f"{'run':<20} {'':<6} {'gplay':>8} {'ansible':>8} {'a/g':>6}  {'gplay/task/host':>15} "
          f"{'ansible/task/host':>17} {'SSH floor':>9} {'gplay/floor':>11}")
    for name, phase, gw, aw, ratio, go, ao, fl, gf in rows:
        print(f"{name:<20} {phase:<6} {gw:7.2f}s {aw:7.2f}s {ratio:5.1f}x  {ms(go):>15} {ms(ao):>17} "
              f"{ms(fl):>9} {gf:10.2f}x")
    g1, a1 = summary[(1, "rerun")][0], summary[(1, "rerun")][1]
    g20, a20 = summary[(20, "rerun")][0], summary[(20, "rerun")][1]
    f1, f20 = summary[(1, "rerun")][3], summary[(20, "rerun")][3]
    g20first = r("gplay-h20-first")
    print()
    print(f"20 hosts / 1 host wall time (re-run, forks = hosts): gplay {g20['wall'] / g1['wall']:.2f}x, "
          f"ansible {a20['wall'] / a1['wall']:.2f}x, the SSH floor itself ({t} commands a host) "
          f"{20 * f20 / f1:.2f}x")
    print(f"  (the 20 hosts share this machine's {os.cpu_count()} cores with both tools; gplay's own CPU time, "
          f"user + system: {g1['cpu']:.2f} s at 1 host, {g20['cpu']:.2f} s at 20;")
    print(f"  the whole machine's meanwhile: {g1['machine_cpu']:.2f} s at 1 host, {g20['machine_cpu']:.2f} s at 20)")
    if g1.get("hosts_cpu") is not None:
        parts = []
        for h in (1, 20):
            for phase in ("rerun", "first"):
                g, a = r(f"gplay-h{h}-{phase}"), r(f"ansible-h{h}-{phase}")
                g1h, a1h = r(f"gplay-h{h}-one"), r(f"ansible-h{h}-one")
                go, ao = per_task(g, g1h, h, "hosts_cpu"), per_task(a, a1h, h, "hosts_cpu")
                parts.append(f"{h} host{'s' if h > 1 else ''} {'converged' if phase == 'rerun' else 'first run'}:"
                             f" gplay {ms(go)}, ansible {ms(ao)}")
        print("CPU the lab hosts spent a task a host (sshd and what runs there): " + "; ".join(parts[:2]) + ";")
        print("  " + "; ".join(parts[2:]))
    print(f"peak RSS at 20 hosts: gplay {g20first['rss_kib'] / 1024:.0f} MB (first run), "
          f"{g20['rss_kib'] / 1024:.0f} MB (re-run); ansible-playbook (largest process) "
          f"{a20['rss_kib'] / 1024:.0f} MB")
    v = r("version")
    c = r("check")
    print(f"cold start: gplay --version {v['wall']:.2f} s; run glusterized-ovirt --check on 2 hosts, warm compile"
          f" cache: first task {c['first_task']:.2f} s, total {c['wall']:.2f} s, peak RSS {c['rss_kib'] / 1024:.0f} MB")
    print("(gplay runs, SSH floor and cold start: median of the repeats; ansible: one run each)")

    g5, a5 = summary[(5, "rerun")][0], summary[(5, "rerun")][1]
    go5, fl5 = summary[(5, "rerun")][2], summary[(5, "rerun")][3]
    rss = max(g20["rss_kib"], g20first["rss_kib"])
    checks = [
        (f"converged re-run, {t} tasks x 5 hosts: ansible/gplay >= 20", a5["wall"] / g5["wall"] >= 20,
         f"{a5['wall'] / g5['wall']:.1f}x"),
        ("gplay per task per host <= 2x SSH floor (5 hosts, re-run)", go5 <= 2 * fl5, f"{go5 / fl5:.2f}x"),
        ("gplay --version <= 0.3 s", v["wall"] <= 0.3, f"{v['wall']:.2f} s"),
        ("run --check: first task <= 1 s", c["first_task"] <= 1.0, f"{c['first_task']:.2f} s"),
        ("20 hosts <= 1.5x 1 host", g20["wall"] / g1["wall"] <= 1.5, f"{g20['wall'] / g1['wall']:.2f}x"),
        ("peak RSS at 20 hosts <= 256 MB", rss <= 256 * 1024, f"{rss / 1024:.0f} MB"),
    ]
    print()
    for name, ok, val in checks:
        print(f"  {'met   ' if ok else 'MISSED'}  {name}: {val}")


if __name__ == "__main__":
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    cmd, rest = a[0], a[1:]
    if cmd == "gen":
        gen(*rest)
    elif cmd == "timed":
        i = rest.index("--")
        timed(rest[0], rest[1], rest[i + 1:])
    elif cmd == "floor":
        i = rest.index("--")
        floor(rest[0], rest[1], rest[2], rest[i + 1:])
    elif cmd == "account":
        account(rest[0], rest[1:])
    elif cmd == "table":
        table(*rest)
    else:
        sys.exit(__doc__)
