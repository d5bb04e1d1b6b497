#!/usr/bin/env python3
"""Helpers for bench/fleet: light hosts (one sshd each on its own loopback address), playbooks with per-host
paths, timed runs that sample gplay's threads and the handshakes under way, the SSH floor, and the table.

  fleet.py up STATE N USER          N hosts f001.. at 127.77.x.y, each its own sshd and host key; inventories
                                    STATE/inv-H.yml for the first H hosts, STATE/known_hosts, STATE/id_ed25519
  fleet.py down STATE               ends every sshd of the hosts and every process under them
  fleet.py gen T ROOT GROOVY YAML   T tasks writing under ROOT/<host>/, in gplay's DSL and in Ansible YAML
  fleet.py timed OUT.json LOG [--handshakes STATE] [--may-fail] -- CMD...
                                    as lib.py timed, plus gplay's peak thread count, the hosts left unreachable
                                    and, with --handshakes, the most handshakes under way at once on the hosts
                                    (sshd's [preauth] processes); --may-fail: a failed run is recorded, not fatal
  fleet.py floor T PAR OUT.json STATE -- HOST...
                                    T `ssh -S sock host true` a host over one ControlMaster per host, PAR hosts
                                    at a time (as gplay's forks)
  fleet.py table RESULTS_DIR        print the table
"""
import concurrent.futures
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402  (bench/lib.py: tasks, CPU of the machine)

SSHD_CONFIG = """\
Port 22
AuthorizedKeysFile {state}/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowUsers {user}
PrintMotd no
PrintLastLog no
UseDNS no
LogLevel ERROR
MaxStartups 1000
MaxSessions 100
Subsystem sftp /usr/lib/openssh/sftp-server
"""


def address(i):
    """Host i (1-based): 127.77.x.y, all on the loopback interface, which answers for the whole 127/8."""
    return f"127.77.{(i - 1) // 200}.{(i - 1) % 200 + 1}"


def name(i):
    return f"f{i:03d}"


def up(state, n, user):
    n = int(n)
    keys = os.path.join(state, "keys")
    run = os.path.join(state, "run")
    os.makedirs(keys, exist_ok=True)
    os.makedirs(run, exist_ok=True)
    os.makedirs("/run/sshd", exist_ok=True)   # sshd's privilege separation directory
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(state, "id_ed25519")],
                   check=True)
    shutil.copy(os.path.join(state, "id_ed25519.pub"), os.path.join(state, "authorized_keys"))
    os.chmod(os.path.join(state, "authorized_keys"), 0o644)
    with open(os.path.join(state, "sshd_config"), "w") as f:
        f.write(SSHD_CONFIG.format(state=state, user=user))

    def one(i):
        key = os.path.join(keys, name(i))
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
        subprocess.run(["/usr/sbin/sshd", "-f", os.path.join(state, "sshd_config"), "-h", key,
                        "-o", f"ListenAddress={address(i)}", "-o", f"PidFile={run}/{name(i)}.pid"], check=True)
        with open(key + ".pub") as f:
            return f"{address(i)} {' '.join(f.read().split()[:2])}\n"

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        known = list(pool.map(one, range(1, n + 1)))
    with open(os.path.join(state, "known_hosts"), "w") as f:
        f.writelines(known)
    for h in sorted({1, 20, 100, n} | ({500} if n >= 500 else set())):
        if h > n:
            continue
        with open(os.path.join(state, f"inv-{h}.yml"), "w") as f:
            f.write(f"all:\n  vars:\n    ansible_user: {user}\n"
                    f"    ansible_ssh_private_key_file: {state}/id_ed25519\n"
                    f"    gplay_known_hosts: {state}/known_hosts\n"
                    f"    ansible_python_interpreter: /usr/bin/python3\n"
                    f"  children:\n    fleet:\n      hosts:\n")
            for i in range(1, h + 1):
                f.write(f"        {name(i)}:\n          ansible_host: {address(i)}\n")
    # every sshd answers before the benchmark starts
    deadline = time.monotonic() + 60
    for i in range(1, n + 1):
        while not os.path.exists(f"{run}/{name(i)}.pid"):
            if time.monotonic() > deadline:
                sys.exit(f"bench: the sshd of {name(i)} did not start")
            time.sleep(0.05)


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def descendants(pid):
    out = []
    todo = [pid]
    while todo:
        p = todo.pop()
        for c in children(p):
            out.append(c)
            todo.append(c)
    return out


def listeners(state):
    run = os.path.join(state, "run")
    pids = []
    for f in os.listdir(run) if os.path.isdir(run) else []:
        try:
            with open(os.path.join(run, f)) as pf:
                pids.append(int(pf.read()))
        except (OSError, ValueError):
            pass
    return pids


def down(state):
    """Ends each host's sshd and everything under it (sessions, shells, Ansible's and the floor's links)."""
    for pid in listeners(state):
        for p in [pid] + descendants(pid):
            try:
                os.kill(p, signal.SIGTERM)
            except OSError:
                pass


# --- generation ---------------------------------------------------------------------------------------------

def gen(t, root, groovy_path, yaml_path):
    """lib.py's T tasks, each under ROOT/<host>: the hosts share this machine's file system."""
    ts = lib.tasks(int(t), "@ROOT@")

    def groovy(v):
        if isinstance(v, str) and "@ROOT@" in v:
            return '{ "' + v.replace("@ROOT@", root + "/${host}").replace("\n", "\\n") + '" }'
        return lib.groovy_value(v)

    with open(groovy_path, "w") as g:
        g.write("playbook('fleet') {\n    play('fleet', hosts: 'fleet', gatherFacts: false) {\n")
        for n, (mod, params) in enumerate(ts):
            g.write(f"        {mod} 'task {n}', " + ", ".join(f"{k}: {groovy(v)}" for k, v in params.items()) + "\n")
        g.write("    }\n}\n")
    with open(yaml_path, "w") as y:
        y.write("- name: fleet\n  hosts: fleet\n  gather_facts: false\n  tasks:\n")
        for n, (mod, params) in enumerate(ts):
            y.write(f"    - name: task {n}\n      ansible.builtin.{mod}:\n")
            for k, v in params.items():
                if isinstance(v, str):
                    v = v.replace("@ROOT@", root + "/{{ inventory_hostname }}")
                y.write(f"        {k}: {json.dumps(v)}\n")


# --- timing -------------------------------------------------------------------------------------------------

def threads_of(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return b""


def preauth(state_listeners):
    """Handshakes under way: connections whose sshd monitor is still "[accepted]" or has its unprivileged
    "[net]" / "[preauth]" child, which ends once the user is logged in."""
    n = 0
    for pid in state_listeners:
        for monitor in children(pid):
            if b"[accepted]" in cmdline(monitor) or any(b"[preauth]" in t or b"[net]" in t
                                                         for t in map(cmdline, children(monitor))):
                n += 1
    return n


def timed(out_json, log, cmd, handshakes_state=None, may_fail=False):
    peak = {"threads": 0, "handshakes": 0}
    done = threading.Event()
    watched = listeners(handshakes_state) if handshakes_state else []

    def sample(time_pid):
        while not done.is_set():
            for c in children(time_pid):   # /usr/bin/time's child: bin/gplay exec's java
                peak["threads"] = max(peak["threads"], threads_of(c))
            if watched:
                peak["handshakes"] = max(peak["handshakes"], preauth(watched))
            done.wait(0.05 if not watched else 0.1)

    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, open(log, "w") as logf:
        busy0 = lib.machine_cpu()
        t0 = time.monotonic()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M %U %S", "-o", rss.name] + cmd, stdout=logf,
                             stderr=subprocess.STDOUT)
        sampler = threading.Thread(target=sample, args=(p.pid,))
        sampler.start()
        try:
            rc = p.wait()
        finally:
            done.set()
            sampler.join()
            if p.poll() is None:
                p.terminate()
        wall = time.monotonic() - t0
        machine = lib.machine_cpu() - busy0
        last = (open(rss.name).read().strip().splitlines() or ["0 0 0"])[-1].split()
    with open(log) as f:
        unreachable = sum(1 for line in f if " ok=" in line and "unreachable=0" not in line)
    res = dict(wall=wall, rss_kib=int(last[0]), cpu=float(last[1]) + float(last[2]), machine_cpu=machine, rc=rc,
               threads=peak["threads"], handshakes=peak["handshakes"] if watched else None, unreachable=unreachable,
               cmd=cmd)
    with open(out_json, "w") as f:
        json.dump(res, f)
    if rc != 0 and may_fail:
        print(f"bench:   (rc {rc}: {unreachable} host(s) unreachable)", file=sys.stderr)
    elif rc != 0:
        sys.stderr.write(f"bench: command failed (rc {rc}): {shlex.join(cmd)}; output in {log}:\n")
        sys.stderr.write("".join(open(log).readlines()[-30:]))
        sys.exit(1)
    extra = f", {peak['handshakes']} handshakes at once" if watched else ""
    print(f"bench:   {wall:7.2f} s, CPU {res['cpu']:.2f} s, {res['rss_kib'] / 1024:.0f} MB, {peak['threads']} threads"
          f"{extra}  {shlex.join(cmd[:4])} ...", file=sys.stderr)


def floor(t, par, out_json, state, hosts):
    """One ControlMaster per host, then T `ssh -S sock host true` a host, PAR hosts at a time."""
    t, par = int(t), int(par)
    user = open(os.path.join(state, "user")).read().strip()
    opts = ["-F", "/dev/null", "-i", os.path.join(state, "id_ed25519"), "-o",
            "UserKnownHostsFile=" + os.path.join(state, "known_hosts"), "-o", "StrictHostKeyChecking=yes",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"]
    tmp = tempfile.mkdtemp(prefix="gplay-floor-")
    socks = {h: os.path.join(tmp, h) for h in hosts}

    try:
        def master(h):
            subprocess.run(["ssh"] + opts + ["-o", "ControlMaster=yes", "-o", "ControlPersist=yes", "-S", socks[h],
                            "-f", "-N", f"{user}@{h}"], check=True)
            subprocess.run(["ssh"] + opts + ["-S", socks[h], f"{user}@{h}", "true"], check=True)

        with concurrent.futures.ThreadPoolExecutor(min(par, 20)) as pool:
            list(pool.map(master, hosts))

        def loop(h):
            for _ in range(t):
                if subprocess.run(["ssh"] + opts + ["-S", socks[h], f"{user}@{h}", "true"]).returncode != 0:
                    raise RuntimeError(f"ssh true failed on {h}")

        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(min(par, len(hosts))) as pool:
            list(pool.map(loop, hosts))
        wall = time.monotonic() - t0
    finally:
        def close(h):
            subprocess.run(["ssh"] + opts + ["-S", socks[h], "-O", "exit", f"{user}@{h}"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with concurrent.futures.ThreadPoolExecutor(20) as pool:
            list(pool.map(close, hosts))
        shutil.rmtree(tmp, ignore_errors=True)
    with open(out_json, "w") as f:
        json.dump(dict(wall=wall, t=t, hosts=len(hosts), par=par), f)
    print(f"bench:   SSH floor, {len(hosts)} host(s), {par} at a time: {wall:.2f} s", file=sys.stderr)


# --- the table ----------------------------------------------------------------------------------------------

def table(d):
    cfg = json.load(open(os.path.join(d, "config.json")))
    t, forks, sizes = cfg["tasks"], cfg["forks"], cfg["sizes"]

    def r(nm):
        """A result, or the one of median wall time among its repeats NM.1, NM.2, ... (peak RSS, threads: max)."""
        path = os.path.join(d, nm + ".json")
        if os.path.exists(path):
            return json.load(open(path))
        runs = []
        i = 1
        while os.path.exists(os.path.join(d, f"{nm}.{i}.json")):
            runs.append(json.load(open(os.path.join(d, f"{nm}.{i}.json"))))
            i += 1
        if not runs:
            raise SystemExit(f"bench: no result {nm}")
        runs.sort(key=lambda x: x["wall"])
        m = dict(runs[len(runs) // 2])
        m["cpu"] = sorted(x["cpu"] for x in runs)[len(runs) // 2]
        m["rss_kib"] = max(x["rss_kib"] for x in runs)
        m["threads"] = max(x["threads"] for x in runs)
        return m

    def ms(x):
        return f"{x * 1000:.2f} ms"

    g1, f1 = r("gplay-h1"), r("floor-h1")
    print(f"\n{t} tasks, converged, forks {forks} (gplay and the floor alike)")
    print(f"{'hosts':>6} {'gplay':>8} {'N/1':>7} {'floor':>8} {'N/1':>7} {'gplay CPU':>9} "
          f"{'CPU/task/host':>13} {'peak RSS':>8} {'threads':>7}")
    rows = {}
    for h in sizes:
        g, one, fl = r(f"gplay-h{h}"), r(f"gplay-one-h{h}"), r(f"floor-h{h}")
        cpu_task = (g["cpu"] - one["cpu"]) / ((t - 1) * h)
        rows[h] = dict(g=g, one=one, fl=fl, cpu_task=cpu_task, gr=g["wall"] / g1["wall"], fr=fl["wall"] / f1["wall"])
        print(f"{h:>6} {g['wall']:7.2f}s {rows[h]['gr']:6.1f}x {fl['wall']:7.2f}s {rows[h]['fr']:6.1f}x "
              f"{g['cpu']:8.2f}s {ms(cpu_task):>13} {g['rss_kib'] / 1024:6.0f}MB {g['threads']:>7}")
    print("(CPU/task/host: gplay's user + system CPU of the T-task run less the 1-task run's, over (T-1) x hosts)")

    sweep = cfg.get("sweep", [])
    big = max(sizes)
    if sweep:
        print(f"\n{big} hosts, {t} tasks converged, by --forks")
        print(f"{'forks':>6} {'wall':>8} {'gplay CPU':>9} {'peak RSS':>8} {'threads':>7} {'handshakes at once':>18} "
              f"{'unreachable':>11}")
        for f in sweep:
            s = r(f"sweep-f{f}")
            print(f"{f:>6} {s['wall']:7.2f}s {s['cpu']:8.2f}s {s['rss_kib'] / 1024:6.0f}MB {s['threads']:>7} "
                  f"{s['handshakes']:>18} {s['unreachable']:>11}")

    a = cfg.get("ansible")
    if a:
        ga, aa = r("gplay-ansible-compare"), r("ansible")
        print(f"\nAnsible at {a['hosts']} hosts, {a['tasks']} tasks converged, forks {forks}: ansible-playbook "
              f"{aa['wall']:.2f} s, gplay {ga['wall']:.2f} s: {aa['wall'] / ga['wall']:.1f}x")

    checks = [(f"completes at {big} hosts with no error", True, "rc 0, 0 changed")]
    if 20 in rows and big in rows:
        ratio = rows[big]["cpu_task"] / rows[20]["cpu_task"]
        checks.append((f"CPU a task a host at {big} hosts <= 1.2x at 20", ratio <= 1.2, f"{ratio:.2f}x"))
    rss = rows[big]["g"]["rss_kib"] / 1024
    checks.append((f"peak RSS at {big} hosts <= 1 GB", rss <= 1024, f"{rss:.0f} MB"))
    for h in sizes:
        if h > 1:
            checks.append((f"{h} hosts / 1 host: gplay's wall ratio no worse than the floor's",
                           rows[h]["gr"] <= rows[h]["fr"], f"{rows[h]['gr']:.1f}x against {rows[h]['fr']:.1f}x"))
    if sweep:
        worst = max(r(f"sweep-f{f}")["handshakes"] - f for f in sweep)
        checks.append(("handshakes under way never more than --forks", worst <= 0,
                       ", ".join(f"{r(f'sweep-f{f}')['handshakes']} at forks {f}" for f in sweep)))
    print()
    for nm, ok, val in checks:
        print(f"  {'met   ' if ok else 'MISSED'}  {nm}: {val}")


if __name__ == "__main__":
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    cmd, rest = a[0], a[1:]
    if cmd == "up":
        up(*rest)
    elif cmd == "down":
        down(*rest)
    elif cmd == "gen":
        gen(*rest)
    elif cmd == "timed":
        i = rest.index("--")
        hs = rest[rest.index("--handshakes") + 1] if "--handshakes" in rest[:i] else None
        timed(rest[0], rest[1], rest[i + 1:], hs, "--may-fail" in rest[:i])
    elif cmd == "floor":
        i = rest.index("--")
        floor(rest[0], rest[1], rest[2], rest[3], rest[i + 1:])
    elif cmd == "table":
        table(*rest)
    else:
        sys.exit(__doc__)
