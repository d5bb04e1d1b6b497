package io.gplay.engine.module;

import io.gplay.engine.connection.Connection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.vault.ResolvingVars;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the engine tells a module about where it runs: the host, its facts, its connection (as opened; the
 * module's context guards it in check mode), whether this is a check run, the host's predictions, the
 * variables the task's per-host values see, the playbook's folder for local files, a way to ask whether a
 * new connection to the host can be opened now, whether the run is ending (Ctrl-C, SIGTERM), for work a
 * module does on the control machine that could otherwise outlast it, where a module's progress lines go, and
 * the run's {@link KeptReads}.
 */
public record HostContext(Host host, Map<String, Object> facts, Connection connection, boolean check,
                          Predictions predictions, Map<String, Object> variables, Path localBase,
                          BooleanSupplier reachableAnew, BooleanSupplier ending, Consumer<String> progress,
                          KeptReads kept) {
    /**
     * A module run on its own (a module test, a one-off call): predictions and reads kept for this call only,
     * the host's own variables and facts as the variables, local files from the current folder, the host taken
     * as reachable.
     */
    public static HostContext of(Host host, Map<String, Object> facts, Connection connection, boolean check) {
        Map<String, Object> own = ResolvingVars.copyOf(host.vars());
        own.put("host", host.name());
        own.put("vars", ResolvingVars.of(host.vars()));
        own.put("facts", facts);
        return new HostContext(host, facts, connection, check, new Predictions(), own, Path.of(""), () -> true,
                () -> Thread.currentThread().isInterrupted(), line -> { }, new KeptReads());
    }

    /** The same, with another way to tell whether the host takes a new connection now. */
    public HostContext withReachableAnew(BooleanSupplier probe) {
        return new HostContext(host, facts, connection, check, predictions, variables, localBase, probe, ending, progress,
                kept);
    }
}
