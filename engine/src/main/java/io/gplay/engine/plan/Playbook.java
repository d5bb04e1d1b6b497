package io.gplay.engine.plan;

import java.util.List;

/**
 * The immutable plan built from a playbook file before any host is touched: its plays, and the variables it
 * requires every targeted host to have (checked against the inventory before connecting).
 */
public record Playbook(String name, String file, List<Play> plays, List<RequiredVar> requiredVars) {
    public Playbook {
        plays = List.copyOf(plays);
        requiredVars = List.copyOf(requiredVars);
    }

    /** A variable the playbook needs, with what it is for (shown when it is missing). */
    public record RequiredVar(String name, String doc, Source source) {
    }
}
