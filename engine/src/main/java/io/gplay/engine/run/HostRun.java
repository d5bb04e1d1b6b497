package io.gplay.engine.run;

import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.KeptConnections;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Predictions;
import io.gplay.engine.report.Stats;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One host's state through a run: its open connection, facts, registered results, notified handlers, counts,
 * and where it stands in the play's blocks (whether a failure now would be rescued, what failed last).
 */
final class HostRun {
    final Host host;
    final Stats stats = new Stats();
    final Map<String, Object> registered = new ConcurrentHashMap<>();
    final Set<String> notified = new LinkedHashSet<>();
    /** In check mode: what earlier tasks predicted they would leave on the host. */
    final Predictions predicted = new Predictions();
    Map<String, Object> facts = new LinkedHashMap<>();
    /** Whether {@code setup} has gathered the facts: those a module set before do not stand for them. */
    boolean gathered;
    /** The facts modules set ({@code packageFacts}' {@code packages}), which a later {@code setup} keeps. */
    final Map<String, Object> moduleFacts = new LinkedHashMap<>();
    Connection connection;
    String unreachable;
    boolean failed;
    /**
     * Stopped with the rest of its batch by the play's failure limits ({@code anyErrorsFatal},
     * {@code maxFailPercentage}): out of the run, as ansible-playbook marks such a host failed, with no failure of
     * its own in the recap.
     */
    boolean stopped;
    /**
     * How many blocks with a rescue this host is in the tasks of: a failure there is counted as rescued, as
     * ansible-playbook counts it. Set by the walk between tasks, read by the tasks' threads.
     */
    int rescuable;
    /** The last failure of the host, as a rescue reads it: {@code failedTask} and {@code failedResult}. */
    Map<String, Object> lastFailure = Map.of();
    /**
     * What the includes the walk is in give the tasks inside on this host: the {@code item} of an
     * {@code includeTasks} loop. Set by the walk between tasks, read by the tasks' threads.
     */
    Map<String, Object> included = new LinkedHashMap<>();

    HostRun(Host host) {
        this.host = host;
    }

    /**
     * A fresh state keeping the connection, facts and registered results, with counts and failure of its own: the
     * next run of a session, or a gate's checks.
     */
    synchronized HostRun carryOver() {
        HostRun next = new HostRun(host);
        next.connection = connection;
        next.facts = facts;
        next.gathered = gathered;
        next.moduleFacts.putAll(moduleFacts);
        next.registered.putAll(registered);
        return next;
    }

    /** The connection a {@link #carryOver} copy ended with: one it opened, or none when it closed the shared one. */
    synchronized void adoptConnection(HostRun scratch) {
        connection = scratch.connection;
    }

    boolean active() {
        return unreachable == null && !failed && !stopped;
    }

    synchronized void notifyHandler(String handler) {
        notified.add(handler);
    }

    /** Gives the connection back to be kept for a later run (it is closed if it cannot be). */
    synchronized void releaseConnection(KeptConnections kept) {
        if (connection != null) {
            kept.release(connection);
            connection = null;
        }
    }

    synchronized void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
