package io.gplay.engine.run;

import io.gplay.engine.plan.Rollout;
import io.gplay.engine.plan.Task;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the failures of a batch stop its play, asked after each task as ansible-playbook's linear strategy asks
 * it: with {@code anyErrorsFatal} (the task's, given by it or a block around it, else the play's), a host that
 * failed or was unreachable in the task (not one with {@code ignoreErrors}); with
 * {@code maxFailPercentage}, more of the batch's hosts failed than it allows (unreachable hosts and rescued
 * failures not counted, as there). A failure a block's rescue takes back is no failure here.
 */
final class FailureLimits {
    private final Rollout rollout;
    private final List<HostRun> batch;
    /** The hosts of the batch seen failed or unreachable after an earlier task. */
    private final Set<HostRun> seen = new HashSet<>();

    FailureLimits(Rollout rollout, List<HostRun> batch) {
        this.rollout = rollout;
        this.batch = batch;
    }

    /** Why the play stops after this task, or null when it goes on. */
    String after(Task task) {
        List<HostRun> broken = batch.stream().filter(h -> !seen.contains(h) && (failed(h) || h.unreachable != null))
                .toList();
        seen.addAll(broken);
        Boolean own = task.options().anyErrorsFatal();
        boolean fatal = (own != null ? own : rollout.anyErrorsFatal()) && !task.options().ignoreErrors();
        if (fatal && !broken.isEmpty()) {
            return "anyErrorsFatal: " + broken.stream().map(h -> h.host.name() + (failed(h) ? " failed" : " unreachable"))
                    .collect(Collectors.joining(", ")) + " in task '" + task.title() + "' (" + task.source() + ")";
        }
        int failed = (int) batch.stream().filter(FailureLimits::failed).count();
        if (rollout.tooManyFailed(failed, batch.size())) {
            return "maxFailPercentage " + percent(rollout.maxFailPercentage()) + ": " + failed + " of the batch's "
                    + batch.size() + " hosts failed (" + percent(100.0 * failed / batch.size()) + ")";
        }
        return null;
    }

    /** A failure counted in the recap: not ignored, not rescued. */
    private static boolean failed(HostRun h) {
        return h.stats.failed() > 0;
    }

    private static String percent(double p) {
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
