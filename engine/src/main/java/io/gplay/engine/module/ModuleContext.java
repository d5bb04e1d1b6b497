package io.gplay.engine.module;

import io.gplay.engine.connection.CheckModeGuard;
import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.Files;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.connection.SecretGuard;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.shell.Cmd;
import io.gplay.engine.shell.ShellWords;
import io.gplay.engine.vault.SecretMask;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a module sees while it runs on one host: its validated parameters, the host and its facts, and
 * one way to read ({@link #probe}) and one way to change ({@link #change}, only inside a {@link #converge}
 * block, which check mode records without running: Chef's {@code converge_by}). In check mode the connection
 * is wrapped in {@link CheckModeGuard} here, so no module and no caller can forget it; and always in
 * {@link SecretGuard}, which keeps secrets off the host's command lines.
 */
public final class ModuleContext {
    /** A change to the host, run only outside check mode. */
    @FunctionalInterface
    public interface Action {
        void apply() throws Exception;
    }

    private final Map<String, Object> params;
    private final HostContext where;
    private final Connection conn;
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private String msg;
    private String skipped;

    public ModuleContext(Map<String, Object> params, HostContext where) {
        this.params = params;
        this.where = where;
        Connection guarded = where.kept().watching(new SecretGuard(where.connection(), SecretMask.global()));
        this.conn = where.check() ? new CheckModeGuard(guarded) : guarded;
    }

    // ---- parameters (already validated and defaulted against the module's spec) ----

    public Object get(String name) {
        return params.get(name);
    }

    public boolean has(String name) {
        return params.get(name) != null;
    }

    public String str(String name) {
        Object v = params.get(name);
        return v == null ? null : v.toString();
    }

    public Integer integer(String name) {
        return (Integer) params.get(name);
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(params.get(name));
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = params.get(name);
        return v == null ? List.of() : (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = params.get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    // ---- the host ----

    public Host host() {
        return where.host();
    }

    public Map<String, Object> facts() {
        return where.facts();
    }

    public String fact(String name) {
        Object v = where.facts().get(name);
        return v == null ? "" : v.toString();
    }

    public boolean checkMode() {
        return where.check();
    }

    /** What the task's per-host values see: every variable by name, {@code host}, {@code vars}, {@code facts}... */
    public Map<String, Object> variables() {
        return where.variables();
    }

    /**
     * A file on the control machine: a relative path is relative to the playbook, as in Ansible; a {@code jar:}
     * URI names a file of a bundled playbook's role in gplay's own jar.
     */
    public Path localFile(String path) {
        return path.startsWith("jar:") ? Path.of(URI.create(path)) : where.localBase().resolve(path);
    }

    /**
     * Whether a new control connection to the host can be opened now; a module that changes what could cut
     * the connection (a firewall) asks this after the change, as iptables-apply does.
     */
    public boolean reachableAnew() {
        return where.reachableAnew().getAsBoolean();
    }

    /** Whether the run is ending (Ctrl-C, SIGTERM): long work on the control machine should stop. */
    public boolean ending() {
        return where.ending().getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    // ---- reading: allowed in check mode ----

    /** Reads the host's state with a command that changes nothing; its result whatever the exit code. */
    public ExecResult probe(Cmd cmd) {
        return conn.exec(Command.probe(cmd));
    }

    /**
     * A read whose answer later tasks of the run asking the same on this host get without asking the host again,
     * until any task runs a change ({@link KeptReads}): for state several tasks read whole (a daemon's list of
     * everything it serves), never for what a task is about to change itself.
     */
    public ExecResult probeKept(Cmd cmd) {
        return where.kept().read(host().name(), Command.probe(cmd), conn);
    }

    /** A read-only command fed on its standard input (a validator such as {@code iptables-restore --test}). */
    public ExecResult probe(Cmd cmd, byte[] stdin) {
        return conn.exec(new Command(cmd.toString(), stdin, true));
    }

    /** A read that must succeed: its standard output. */
    public String read(Cmd cmd) {
        ExecResult r = probe(cmd);
        if (!r.ok()) {
            throw new ModuleFailure(cmd + ": " + r.reason());
        }
        return r.stdout();
    }

    /** Whether a program is on the host's PATH (or in sbin). */
    public boolean hasProgram(String name) {
        return probe(Cmd.of("sh", "-c", "PATH=\"$PATH:/sbin:/usr/sbin\" command -v \"$1\"", "which", name)).ok();
    }

    /** Fails the task with a clear message when the host lacks a program the module needs. */
    public void requireProgram(String name, String hint) {
        if (!hasProgram(name)) {
            throw new ModuleFailure(name + " is not installed on " + host().name() + (hint == null ? "" : " (" + hint + ")"));
        }
    }

    public RemoteFile stat(String path) {
        return stat(path, true);
    }

    /** The path as it is, or in check mode as an earlier task of this run predicted it would be. */
    public RemoteFile stat(String path, boolean withContent) {
        RemoteFile p = checkMode() ? where.predictions().file(path) : null;
        return p != null ? p : Files.stat(conn, path, withContent);
    }

    /**
     * In check mode, records what a path would be after a predicted change, so later tasks of the same check
     * run see it (a lineinfile on a file a copy would create predicts its edit instead of failing).
     */
    public void predict(RemoteFile after) {
        if (checkMode()) {
            where.predictions().file(after);
        }
    }

    /** In check mode, the paths an earlier task of this run predicted a change at; none in a real run. */
    public java.util.Set<String> predictedPaths() {
        return checkMode() ? where.predictions().paths() : java.util.Set.of();
    }

    /** In check mode, records the predicted value of a state that is not a file ("service:ctdb" → "running"). */
    public void predictState(String key, String value) {
        if (checkMode()) {
            where.predictions().state(key, value);
        }
    }

    /** In check mode, the value an earlier task predicted for this state; null when none did (or in a real run). */
    public String predictedState(String key) {
        return checkMode() ? where.predictions().state(key) : null;
    }

    // ---- changing: only inside a converge block ----

    /** Records a change; runs it unless in check mode. */
    public void converge(String description, Action action) throws Exception {
        converge(Change.of(description), action);
    }

    /** Records a change with the diff of what it touches; runs it unless in check mode. */
    public void converge(String description, Diff diff, Action action) throws Exception {
        converge(new Change(description, diff), action);
    }

    private void converge(Change change, Action action) throws Exception {
        changes.add(change);
        if (!checkMode()) {
            action.apply();
        }
    }

    /** Runs a changing command that must succeed. */
    public ExecResult change(Cmd cmd) {
        return orFail(cmd, attempt(cmd, null));
    }

    /**
     * Runs a changing command, with standard input when {@code stdin} is not null, and returns its result
     * whatever the exit code, for a module that reads the failure itself.
     */
    public ExecResult attempt(Cmd cmd, byte[] stdin) {
        return conn.exec(new Command(cmd.toString(), stdin, false));
    }

    /** Writes a file atomically (a temporary file beside it, renamed over it). */
    public void writeFile(String path, String content, String mode) {
        Files.write(conn, path, content, mode);
    }

    /**
     * The same, the new content first checked on the host by {@code validate} (a command with %s for the file, as
     * Ansible's; null: none): when it refuses, nothing is written and the task fails with what it printed.
     */
    public void writeFile(String path, String content, String mode, String validate) {
        Files.write(conn, path, content, mode, validate == null ? List.of() : ShellWords.split(validate));
    }

    public String backup(String path) {
        return Files.backup(conn, path);
    }

    private static ExecResult orFail(Cmd cmd, ExecResult r) {
        if (!r.ok()) {
            throw new ModuleFailure(cmd + ": " + r.reason());
        }
        return r;
    }

    // ---- the result ----

    public void set(String key, Object value) {
        data.put(key, value);
    }

    /** Shows a line now, while the task still runs (a wait on an operator, say); masked as the result is. */
    public void progress(String line) {
        where.progress().accept(line);
    }

    public void msg(String text) {
        this.msg = text;
    }

    /** Ends the module with status skipped (e.g. a command that cannot be predicted in check mode). */
    public void skip(String why) {
        this.skipped = why;
    }

    public void fail(String why) {
        throw new ModuleFailure(why);
    }

    public Result result() {
        if (skipped != null) {
            Map<String, Object> d = new LinkedHashMap<>(data);
            d.put("skipped", true);
            d.put("msg", skipped);
            return new Result(Status.SKIPPED, skipped, changes, d);
        }
        Status s = changes.isEmpty() ? Status.OK : Status.CHANGED;
        String m = msg != null ? msg : String.join("; ", changes.stream().map(Change::description).toList());
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("changed", s == Status.CHANGED);
        d.put("changes", changes.stream().map(Change::description).toList());
        return new Result(s, m, changes, d);
    }
}
