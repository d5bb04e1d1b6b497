package io.gplay.engine.report;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.plan.Task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How long each task has taken on each host so far, from its start to the result being reported. */
public final class TaskTimes {
    private record Key(Task task, String host) {
    }

    private final Map<Key, Long> started = new ConcurrentHashMap<>();

    public void start(Task task, Host host) {
        started.put(new Key(task, host.name()), System.nanoTime());
    }

    /** Milliseconds since the task started on the host (0 when its start was not seen). */
    public long elapsedMillis(Task task, Host host) {
        Long t0 = started.get(new Key(task, host.name()));
        return t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000;
    }
}
