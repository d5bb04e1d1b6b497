package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.plan.Play;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The hosts each play runs on: its pattern over the inventory, narrowed by {@code --limit} and {@code --slice}. */
final class Targets {
    private final Inventory inventory;
    private final String limit;
    private final Slice slice;
    /**
     * Each play's host names, for every task's scope: worked out once, not once per task and host. By
     * identity: a play is a record, and hashing its tasks for every lookup would cost more than it saves.
     */
    private final Map<Play, List<String>> names = Collections.synchronizedMap(new IdentityHashMap<>());

    Targets(Inventory inventory, String limit, Slice slice) {
        this.inventory = inventory;
        this.limit = limit;
        this.slice = slice;
    }

    List<Host> of(Play play) {
        List<Host> hosts = inventory.select(play.hosts());
        if (limit != null) {
            Set<String> allowed = inventory.select(limit).stream().map(Host::name).collect(Collectors.toSet());
            hosts = hosts.stream().filter(h -> allowed.contains(h.name())).toList();
        }
        if (slice != null) {
            hosts = hosts.stream().filter(h -> slice.contains(h.name())).toList();
        }
        return hosts;
    }

    List<String> namesOf(Play play) {
        return names.computeIfAbsent(play, p -> of(p).stream().map(Host::name).toList());
    }

    /** The inventory's host of this name, as a task's {@code delegateTo} finds it; null when it has none. */
    Host host(String name) {
        return inventory.host(name);
    }

    List<String> hostNames() {
        return inventory.hosts().stream().map(Host::name).toList();
    }

    /** A {@code --limit} that leaves no host of the inventory. */
    boolean limitMatchesNothing() {
        return limit != null && inventory.select(limit).isEmpty();
    }
}
