"""gplay's daemon client for bin/gplay (GPLAY_DAEMON=1): hands the run to the user's warm gplay daemon.

    daemon-client.py JAVA [OPTIONS...] -jar JAR ARGS...

It is given the java command line bin/gplay would run, and runs exactly that (os.execv) whenever the daemon
does not take the run: none for this context yet, busy, refusing (a password prompt, standard input: io.gplay.cli.DaemonClient.eligible), or silent
for 5 s. Then the JVM's own client (io.gplay.cli.DaemonClient) starts a daemon or runs the command itself.
It speaks the protocol of io.gplay.cli.DaemonFrames and finds the socket as io.gplay.cli.DaemonPlace does; the
JVM's client does the same in 0.2-0.3 s more, the start-up of a second JVM.
"""
import hashlib
import os
import signal
import socket
import stat
import struct
import sys

VERSION = 1
ANSWER_SECONDS = 5
MAX_FOLDER = 60


def run_java(java):
    os.execvp(java[0], java)


def folder(env):
    runtime = env.get("XDG_RUNTIME_DIR", "")
    d = os.path.join(runtime, "gplay") if runtime.startswith("/") and len(runtime) <= MAX_FOLDER \
        else "/tmp/gplay-%d" % os.getuid()
    st = os.lstat(d)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or stat.S_IMODE(st.st_mode) != 0o700:
        raise OSError("%s is not this user's own folder" % d)
    return d


def digest(text):
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def context(env):
    return digest(os.getcwd() + "\0" + "".join(k + "=" + env[k] + "\0" for k in sorted(env)))


def key(options, jar, ctx):
    path = jar if jar.startswith("/") else os.getcwd() + "/" + jar
    st = os.stat(path)
    parts = ["gplay-daemon/%d" % VERSION] + options + [path, str(st.st_size), str(st.st_mtime_ns // 1000000), ctx]
    return digest("\0".join(parts))[:32]


def frame(kind, body):
    return kind + struct.pack(">i", len(body)) + body


def text(s):
    b = s.encode("utf-8", "surrogateescape")
    return struct.pack(">i", len(b)) + b


def read_exactly(conn, n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def read_frame(conn):
    head = read_exactly(conn, 5)
    if head is None:
        return None, None
    body = read_exactly(conn, struct.unpack(">i", head[1:])[0])
    if body is None:
        raise OSError("the daemon closed the socket inside a frame")
    return head[:1], body


def main():
    java = sys.argv[1:]
    jar_at = java.index("-jar")
    options, jar, args = java[1:jar_at], java[jar_at + 1], java[jar_at + 2:]
    env = dict(os.environ)
    try:
        ctx = context(env)
        sock = os.path.join(folder(env), key(options, jar, ctx) + ".sock")
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(sock)
    except OSError:
        run_java(java)
    hello = struct.pack(">i", VERSION) + text(ctx) + bytes([1 if os.isatty(0) and os.isatty(1) else 0])
    hello += struct.pack(">i", len(args)) + b"".join(text(a) for a in args)
    try:
        conn.sendall(frame(b"H", hello))
        conn.settimeout(ANSWER_SECONDS)
        kind, _ = read_frame(conn)
        conn.settimeout(None)
    except OSError:
        kind = None
    if kind != b"A":
        conn.close()
        run_java(java)
    sent = [0]

    def forward(signum, _frame):
        sent[0] += 1
        if sent[0] > 2:
            os._exit(99)  # a third Ctrl-C leaves at once; the daemon sees the socket close and ends the run
        try:
            conn.sendall(frame(b"I", b"INT" if signum == signal.SIGINT else b"TERM"))
        except OSError:
            os._exit(99)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    closed = set()  # a stream whose reader went (gplay run ... | head): the rest of it is dropped, the run goes on
    while True:
        kind, body = read_frame(conn)
        if kind == b"O" or kind == b"E":
            fd = 1 if kind == b"O" else 2
            try:
                while body and fd not in closed:
                    body = body[os.write(fd, body):]
            except OSError:
                closed.add(fd)
        elif kind == b"X":
            sys.exit(struct.unpack(">i", body)[0] & 0xFF)
        else:
            sys.stderr.write("gplay: the daemon closed the socket before the run's end\n")
            sys.exit(1)


if __name__ == "__main__":
    main()
