package io.gplay.engine.module;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.Files;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a module sees while it runs on one host: its validated parameters, the host and its facts, and
 * the host's connection. Reads go through {@link #probe}; changes only through {@link #converge} blocks,
 * which check mode reports without running (Chef's {@code converge_by}).
 */
public final class ModuleContext {
    /** A change to the host, run only outside check mode. */
    @FunctionalInterface
    public interface Action {
        void apply() throws Exception;
    }

    private static final String STATE_KEY = "state:";

    private final Map<String, Object> params;
    private final Host host;
    private final Map<String, Object> facts;
    private final Connection conn;
    private final boolean check;
    private final List<String> changes = new ArrayList<>();
    private final List<FileDiff> diffs = new ArrayList<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private String msg;
    private String skipped;
    private java.util.function.BooleanSupplier reachableAnew = () -> true;
    private Map<String, RemoteFile> predicted = new java.util.HashMap<>();
    private Map<String, Object> variables;
    private java.nio.file.Path localBase = java.nio.file.Path.of("");

    public ModuleContext(Map<String, Object> params, Host host, Map<String, Object> facts, Connection conn,
                         boolean check) {
        this.params = params;
        this.host = host;
        this.facts = facts;
        this.conn = conn;
        this.check = check;
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
        return host;
    }

    public Map<String, Object> facts() {
        return facts;
    }

    public String fact(String name) {
        Object v = facts.get(name);
        return v == null ? "" : v.toString();
    }

    public boolean checkMode() {
        return check;
    }

    /** Runs a command that changes nothing; allowed in check mode. */
    public ExecResult probe(Object cmd) {
        return conn.exec(Command.probe(cmd));
    }

    /** Runs a read-only command that must succeed and returns its standard output. */
    public String read(Object cmd) {
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
            throw new ModuleFailure(name + " is not installed on " + host.name() + (hint == null ? "" : " (" + hint + ")"));
        }
    }

    /** Runs a changing command that must succeed; only to be called inside a converge block. */
    public ExecResult sh(Object cmd) {
        ExecResult r = conn.exec(Command.change(cmd));
        if (!r.ok()) {
            throw new ModuleFailure(cmd + ": " + r.reason());
        }
        return r;
    }

    /** Runs a changing command and returns its result whatever the exit code; only inside a converge block. */
    public ExecResult exec(Command command) {
        return conn.exec(command);
    }

    public RemoteFile stat(String path) {
        return stat(path, true);
    }

    /** The path as it is, or in check mode as an earlier task of this run predicted it would be. */
    public RemoteFile stat(String path, boolean withContent) {
        RemoteFile p = check ? predicted.get(path) : null;
        return p != null ? p : Files.stat(conn, path, withContent);
    }

    /**
     * In check mode, records what a path would be after a predicted change, so later tasks of the same check
     * run see it (a lineinfile on a file a copy would create predicts its edit instead of failing).
     */
    public void predict(RemoteFile after) {
        if (check) {
            predicted.put(after.path(), after);
        }
    }

    /**
     * In check mode, records the predicted value of some state that is not a file (e.g. "service:ctdb" →
     * "running"), so a later task reads the state an earlier one would have left. Kept with the file
     * predictions under a key no path can have.
     */
    public void predictState(String key, String value) {
        if (check) {
            predicted.put(STATE_KEY + key, new RemoteFile(STATE_KEY + key, "state", null, null, null, null, value));
        }
    }

    /** In check mode, the value an earlier task predicted for this state; null when none did (or in a real run). */
    public String predictedState(String key) {
        RemoteFile p = check ? predicted.get(STATE_KEY + key) : null;
        return p == null ? null : p.content();
    }

    /** Set by the engine: the host's predictions, kept across the tasks of a check run. */
    public ModuleContext predictions(Map<String, RemoteFile> shared) {
        this.predicted = shared;
        return this;
    }

    public void writeFile(String path, String content, String mode) {
        Files.write(conn, path, content, mode);
    }

    public String backup(String path) {
        return Files.backup(conn, path);
    }

    public Connection connection() {
        return conn;
    }

    /**
     * Set by the engine: what a per-host value of the task sees (every variable by name, {@code host},
     * {@code vars}, {@code facts}, {@code groups}, {@code hostvars}, {@code item}).
     */
    public ModuleContext variables(Map<String, Object> scope) {
        this.variables = scope;
        return this;
    }

    /** The task's variables as its per-host values see them; without an engine, the host's own and its facts. */
    public Map<String, Object> variables() {
        if (variables != null) {
            return variables;
        }
        Map<String, Object> own = new LinkedHashMap<>(host.vars());
        own.put("host", host.name());
        own.put("vars", host.vars());
        own.put("facts", facts);
        return own;
    }

    /** Set by the engine: the folder of the task's playbook, against which local paths are read. */
    public ModuleContext localBase(java.nio.file.Path folder) {
        this.localBase = folder;
        return this;
    }

    /** A file on the control machine: a relative path is relative to the playbook, as in Ansible. */
    public java.nio.file.Path localFile(String path) {
        return localBase.resolve(path);
    }

    /** Set by the engine: opens a new connection to the host (not the one in use), runs a command, closes it. */
    public ModuleContext reachableAnew(java.util.function.BooleanSupplier probe) {
        this.reachableAnew = probe;
        return this;
    }

    /**
     * Whether a new control connection to the host can be opened now; a module that changes what could cut
     * the connection (a firewall) asks this after the change, as iptables-apply does.
     */
    public boolean reachableAnew() {
        return reachableAnew.getAsBoolean();
    }

    // ---- changes ----

    /** Records a change; runs it unless in check mode. */
    public void converge(String description, Action action) throws Exception {
        changes.add(description);
        if (!check) {
            action.apply();
        }
    }

    /** Records a change with its diff; runs it unless in check mode. */
    public void converge(String description, FileDiff diff, Action action) throws Exception {
        diffs.add(diff);
        converge(description, action);
    }

    public void set(String key, Object value) {
        data.put(key, value);
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
            return new Result(Status.SKIPPED, skipped, changes, diffs, d);
        }
        Status s = changes.isEmpty() ? Status.OK : Status.CHANGED;
        String m = msg != null ? msg : String.join("; ", changes);
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("changed", s == Status.CHANGED);
        d.put("changes", List.copyOf(changes));
        return new Result(s, m, changes, diffs, d);
    }
}
