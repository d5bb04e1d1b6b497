package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.run.PendingHandlers.Entry;
import io.gplay.engine.vault.SecretMask;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The handlers notified on each host of a run and not run yet, written to {@link PendingHandlers} as they change:
 * a handler is written down when a change notifies it and struck off once it has run on the host without failing.
 * So whatever ends the run for a host (a failure, a lost host, failure limits, Ctrl-C, even a kill) leaves its
 * handlers there, and the next run of the playbook runs them first at the start of their play ({@link BatchRun}).
 * A check run reads them and runs them predicted, but writes nothing: it changes nothing. Without a store (a
 * console session, exec) nothing is kept. Names go through {@link SecretMask}, so no vault value is written.
 */
final class PendingLedger {
    private final PendingHandlers store;
    private final boolean check;
    private final Reporter reporter;
    /** By host, only for the hosts this run targets: the others' files are not touched. */
    private final Map<String, Set<Entry>> pending = new LinkedHashMap<>();
    private final Set<String> unwritten = ConcurrentHashMap.newKeySet();

    PendingLedger(PendingHandlers store, boolean check, Reporter reporter) {
        this.store = store;
        this.check = check;
        this.reporter = reporter;
    }

    /**
     * Reads what earlier runs left on the hosts the playbook targets; an entry whose play or handler is no longer
     * in the playbook, or whose play no longer runs on the host, is named and dropped.
     */
    void load(Playbook playbook, Targets targets) {
        if (store == null) {
            return;
        }
        Set<Host> hosts = new LinkedHashSet<>();
        playbook.plays().forEach(p -> hosts.addAll(targets.of(p)));
        for (Host h : hosts) {
            List<Entry> read;
            try {
                read = store.read(h.name());
            } catch (IOException e) {
                reporter.warning("could not read the pending handlers of " + h.name() + " in " + store.file(h.name())
                        + ": " + e.getMessage() + "; it is read as none");
                read = List.of();
            }
            Set<Entry> kept = new LinkedHashSet<>();
            for (Entry e : read) {
                String gone = gone(e, playbook, targets, h);
                if (gone == null) {
                    kept.add(e);
                } else {
                    reporter.warning("pending from an earlier run: handler '" + e.handler() + "' of play '" + e.play()
                            + "' on " + h.name() + ": " + gone + (check ? "; it would be dropped" : "; dropped"));
                }
            }
            pending.put(h.name(), kept);
            if (kept.size() != read.size()) {
                save(h.name(), kept);
            }
        }
    }

    /** The handlers of the play that the names (titles or topics) notify, written down for the host. */
    void notified(HostRun host, Play play, List<String> names) {
        Set<Entry> entries = pending.get(host.host.name());
        if (store == null || check || entries == null) {
            return;
        }
        synchronized (entries) {
            boolean added = false;
            for (Task h : play.handlers()) {
                if (names.contains(h.title()) || h.options().listen().stream().anyMatch(names::contains)) {
                    added |= entries.add(entry(play, h));
                }
            }
            if (added) {
                save(host.host.name(), entries);
            }
        }
    }

    /** The handler ran on the host without failing: struck off. */
    void ran(HostRun host, Play play, Task handler) {
        Set<Entry> entries = pending.get(host.host.name());
        if (store == null || check || entries == null) {
            return;
        }
        synchronized (entries) {
            if (entries.remove(entry(play, handler))) {
                save(host.host.name(), entries);
            }
        }
    }

    /** Whether an earlier run left this handler of the play pending on the host. */
    boolean owes(HostRun host, Play play, Task handler) {
        Set<Entry> entries = pending.get(host.host.name());
        if (entries == null) {
            return false;
        }
        synchronized (entries) {
            return entries.contains(entry(play, handler));
        }
    }

    /** Says that an earlier run's handler runs now, before the play's tasks. */
    void announce(Task handler, List<HostRun> hosts) {
        reporter.warning("pending from an earlier run: handler '" + handler.title() + "' on "
                + hosts.stream().map(h -> h.host.name()).collect(Collectors.joining(", "))
                + (check ? " (check mode: it stays pending)" : ""));
    }

    /**
     * At the end of the run: says what is still pending on each host, for the next run, and gives it, by host, each
     * as {@code 'handler' (play 'play')}.
     */
    Map<String, List<String>> report() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        pending.forEach((host, entries) -> {
            List<Entry> left;
            synchronized (entries) {
                left = new ArrayList<>(entries);
            }
            if (!left.isEmpty()) {
                List<String> named = left.stream().map(e -> "'" + e.handler() + "' (play '" + e.play() + "')").toList();
                out.put(host, named);
                reporter.warning("handlers pending on " + host + ", run first by the next run of this playbook: "
                        + String.join(", ", named) + (unwritten.contains(host) ? "; they could not be kept in "
                        : "; kept in ") + store.file(host));
            }
        });
        return out;
    }

    /** Why an entry cannot run any more, or null when it can. */
    private static String gone(Entry e, Playbook playbook, Targets targets, Host host) {
        List<Play> plays = playbook.plays().stream().filter(p -> key(p.name()).equals(e.play())).toList();
        if (plays.isEmpty()) {
            return "the playbook has no such play any more";
        }
        plays = plays.stream().filter(p -> p.handlers().stream().anyMatch(h -> key(h.title()).equals(e.handler())))
                .toList();
        if (plays.isEmpty()) {
            return "the play has no such handler any more";
        }
        if (plays.stream().noneMatch(p -> targets.of(p).stream().anyMatch(t -> t.name().equals(host.name())))) {
            return "the play no longer runs on " + host.name();
        }
        return null;
    }

    private static Entry entry(Play play, Task handler) {
        return new Entry(key(play.name()), key(handler.title()));
    }

    private static String key(String name) {
        return SecretMask.global().mask(name);
    }

    /** Called with the host's entries held, so one host's writes follow each other. */
    private void save(String host, Set<Entry> entries) {
        if (check) {
            return;
        }
        // a worker's interrupt flag would close the file's channel mid-write: set aside while writing
        boolean interrupted = Thread.interrupted();
        try {
            store.write(host, List.copyOf(entries));
            unwritten.remove(host);
        } catch (IOException | RuntimeException e) {
            if (unwritten.add(host)) {
                reporter.warning("could not keep the pending handlers of " + host + " in " + store.file(host) + ": "
                        + e);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
