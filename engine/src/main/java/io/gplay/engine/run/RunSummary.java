package io.gplay.engine.run;

import io.gplay.engine.report.Stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run ended. Exit codes follow ansible-playbook: 0 all ok, 2 a task failed, 4 a host was unreachable,
 * 99 interrupted by the user. Two things beyond any task fail the run too: a module that tried to change a
 * host in check mode (refused by the engine), and an internal error of the engine. A play stopped by its
 * failure limits has a failed or unreachable host, hence 2 or 4; one stopped by a health gate that did not pass
 * ({@code gateStopped}) gives 2. {@code retryHosts}: the hosts that failed, were
 * unreachable or were stopped with their batch, by name, as ansible-playbook writes them to its retry file.
 * {@code pendingHandlers}: by host, the handlers left for the next run ({@code 'handler' (play 'play')});
 * {@code stopped}: why a play ended the playbook early, or null.
 */
public record RunSummary(Map<String, Stats> stats, boolean interrupted, boolean checkModeViolation,
                         boolean internalError, boolean gateStopped, List<String> retryHosts,
                         Map<String, List<String>> pendingHandlers, String stopped) {
    public RunSummary {
        retryHosts = List.copyOf(retryHosts);
        pendingHandlers = Collections.unmodifiableMap(new LinkedHashMap<>(pendingHandlers));
    }

    public int exitCode() {
        if (interrupted) {
            return 99;
        }
        if (stats.values().stream().anyMatch(s -> s.unreachable() > 0)) {
            return 4;
        }
        if (checkModeViolation || internalError || gateStopped || stats.values().stream().anyMatch(s -> s.failed() > 0)) {
            return 2;
        }
        return 0;
    }

    public int changed() {
        return stats.values().stream().mapToInt(Stats::changed).sum();
    }
}
