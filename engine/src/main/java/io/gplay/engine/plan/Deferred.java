package io.gplay.engine.plan;

/** A value computed on each host when its task runs (in the DSL, a closure), from that host's scope. */
@FunctionalInterface
public interface Deferred {
    Object resolve(HostScope scope);
}
