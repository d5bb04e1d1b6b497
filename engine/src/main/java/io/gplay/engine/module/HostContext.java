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
     * A module run on its own (a module test, a one-off call): the host, its facts, the connection and whether
     * this is a check run given, the rest as {@link Builder#build()} leaves it.
     */
    public static HostContext of(Host host, Map<String, Object> facts, Connection connection, boolean check) {
        return builder().host(host).facts(facts).connection(connection).check(check).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().host(host).facts(facts).connection(connection).check(check).predictions(predictions)
                .variables(variables).localBase(localBase).reachableAnew(reachableAnew).ending(ending)
                .progress(progress).kept(kept);
    }

    /** The same, with another way to tell whether the host takes a new connection now. */
    public HostContext withReachableAnew(BooleanSupplier probe) {
        return toBuilder().reachableAnew(probe).build();
    }

    /** A host context set part by part. */
    public static final class Builder {
        private Host host;
        private Map<String, Object> facts;
        private Connection connection;
        private boolean check;
        private Predictions predictions;
        private Map<String, Object> variables;
        private Path localBase = Path.of("");
        private BooleanSupplier reachableAnew = () -> true;
        private BooleanSupplier ending = () -> Thread.currentThread().isInterrupted();
        private Consumer<String> progress = line -> { };
        private KeptReads kept;

        private Builder() {
        }

        public Builder host(Host on) {
            host = on;
            return this;
        }

        public Builder facts(Map<String, Object> hostFacts) {
            facts = hostFacts;
            return this;
        }

        public Builder connection(Connection opened) {
            connection = opened;
            return this;
        }

        public Builder check(boolean checkRun) {
            check = checkRun;
            return this;
        }

        public Builder predictions(Predictions hostPredictions) {
            predictions = hostPredictions;
            return this;
        }

        public Builder variables(Map<String, Object> seen) {
            variables = seen;
            return this;
        }

        public Builder localBase(Path folder) {
            localBase = folder;
            return this;
        }

        public Builder reachableAnew(BooleanSupplier probe) {
            reachableAnew = probe;
            return this;
        }

        public Builder ending(BooleanSupplier runEnding) {
            ending = runEnding;
            return this;
        }

        public Builder progress(Consumer<String> lines) {
            progress = lines;
            return this;
        }

        public Builder kept(KeptReads runReads) {
            kept = runReads;
            return this;
        }

        /**
         * What is not set: predictions and kept reads of this context's own, the host's own variables and facts
         * as the variables, local files from the current folder, the host taken as reachable, the run ending
         * when the thread is interrupted, progress lines dropped.
         */
        public HostContext build() {
            return new HostContext(host, facts, connection, check,
                    predictions == null ? new Predictions() : predictions, variables == null ? ownVariables() : variables,
                    localBase, reachableAnew, ending, progress, kept == null ? new KeptReads() : kept);
        }

        private Map<String, Object> ownVariables() {
            Map<String, Object> own = ResolvingVars.copyOf(host.vars());
            own.put("host", host.name());
            own.put("vars", ResolvingVars.of(host.vars()));
            own.put("facts", facts);
            return own;
        }
    }
}
