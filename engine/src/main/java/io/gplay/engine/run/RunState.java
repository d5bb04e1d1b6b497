package io.gplay.engine.run;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.KeptConnections;
import io.gplay.engine.connection.UnreachableException;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;

import io.gplay.engine.vault.ResolvingVars;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the tasks of a run share across hosts: each host's {@link HostRun} (with its one connection),
 * {@code hostvars}, {@code groups}, and what went wrong beyond a task: an interruption, a module that tried
 * to change a host in check mode, an internal error.
 */
final class RunState {
    final Inventory inventory;
    final Map<String, List<String>> groups;
    final Map<String, Map<String, Object>> hostvars = new ConcurrentHashMap<>();
    private final Connections connections;
    private final Map<String, HostRun> runs = new ConcurrentHashMap<>();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    volatile boolean interrupted;
    volatile boolean checkModeViolation;
    volatile boolean internalError;
    /** A play stopped because one of its health gates did not pass. */
    volatile boolean gateStopped;

    RunState(Inventory inventory, Connections connections) {
        this.inventory = inventory;
        this.connections = connections;
        this.groups = inventory.groupsWithAll();
        for (Host h : inventory.hosts()) {
            // a variable may be null (`key:` in YAML): a synchronized map takes that, a concurrent one does not
            hostvars.put(h.name(), Collections.synchronizedMap(ResolvingVars.copyOf(h.vars())));
        }
    }

    HostRun runFor(Host h) {
        return runs.computeIfAbsent(h.name(), k -> new HostRun(h));
    }

    HostRun existing(String host) {
        return runs.get(host);
    }

    /** The host's connection, opened on first use; a host found unreachable stays so for the run. */
    Connection connection(HostRun target) {
        synchronized (target) {
            if (target.unreachable != null) {
                throw new UnreachableException(target.unreachable);
            }
            if (target.connection == null) {
                target.connection = connections.open(target.host);
                connectionsOpened.incrementAndGet();
            }
            return target.connection;
        }
    }

    int connectionsOpened() {
        return connectionsOpened.get();
    }

    /** Whether a new connection to the host, beside the one in use, can be opened and run a command now. */
    boolean reachableAnew(Host host) {
        try (Connection fresh = connections.open(host)) {
            return fresh.exec(Command.probe("true")).ok();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A new run of a session: connections, facts and registered results kept, no host failed. */
    void carryOver() {
        interrupted = false;
        checkModeViolation = false;
        internalError = false;
        gateStopped = false;
        runs.replaceAll((name, r) -> r.carryOver());
    }

    void closeAll() {
        runs.values().forEach(HostRun::closeConnection);
    }

    /** SSH connections from now on come from {@code kept} and go back to it ({@link #endConnections}). */
    void keepConnectionsIn(KeptConnections kept) {
        connections.keepIn(kept);
    }

    /**
     * The end of a run: its connections go back to be kept for the next run, unless the run was interrupted (a
     * command may still run on them) or none are kept; else they are closed.
     */
    void endConnections() {
        KeptConnections kept = connections.kept();
        if (kept == null || interrupted) {
            closeAll();
        } else {
            runs.values().forEach(r -> r.releaseConnection(kept));
        }
    }
}
