package io.gplay.engine.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * How a play goes through its hosts, as Ansible's {@code serial}, {@code max_fail_percentage} and
 * {@code any_errors_fatal}: in batches of the sizes of {@code serial} (each a whole number, or a percentage of the
 * play's hosts as a string {@code "30%"}; the last size repeats; none, or 0, is all the hosts left), stopped when
 * more than {@code maxFailPercentage} percent of a batch's hosts have failed (null: no such limit), or at the first
 * failure or unreachable host with {@code anyErrorsFatal}; each batch waits for its {@link Gate}s before it starts
 * and after it ends. The values are checked when the plan is built.
 */
public record Rollout(List<Object> serial, Double maxFailPercentage, boolean anyErrorsFatal, List<Gate> gates) {
    /** All hosts in one batch, no limit on failures: a play that says nothing. */
    public static final Rollout ALL = new Rollout(List.of(), null, false, List.of());

    public Rollout {
        serial = List.copyOf(serial);
        gates = List.copyOf(gates);
    }

    public Rollout withGates(List<Gate> g) {
        return new Rollout(serial, maxFailPercentage, anyErrorsFatal, g);
    }

    /** The hosts in their batches, as ansible-playbook's {@code _get_serialized_batches} cuts them. */
    public <T> List<List<T>> batches(List<T> hosts) {
        List<List<T>> out = new ArrayList<>();
        int at = 0;
        int item = 0;
        while (at < hosts.size()) {
            int size = serial.isEmpty() ? 0 : size(serial.get(item), hosts.size());
            int end = size <= 0 ? hosts.size() : Math.min(hosts.size(), at + size);
            out.add(List.copyOf(hosts.subList(at, end)));
            at = end;
            item = Math.min(item + 1, serial.size() - 1);
        }
        return out;
    }

    /**
     * One size of {@code serial} for a play of {@code hosts} hosts: a percentage is rounded down, at least 1, in
     * the same floating-point steps as Ansible's {@code pct_to_int} (so 29% of 100 hosts is 28, as there).
     */
    static int size(Object item, int hosts) {
        if (item instanceof String s && s.endsWith("%")) {
            int percent = Integer.parseInt(s.substring(0, s.length() - 1));
            return Math.max(1, (int) (percent / 100.0 * hosts));
        }
        return ((Number) item).intValue();
    }

    /** Whether {@code failed} hosts of a batch of {@code batchSize} are more than {@code maxFailPercentage} allows. */
    public boolean tooManyFailed(int failed, int batchSize) {
        return maxFailPercentage != null && (double) failed / batchSize > maxFailPercentage / 100.0;
    }
}
