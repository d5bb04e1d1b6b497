package io.gplay.engine.plan;

import io.gplay.engine.module.ModuleSpec;

import java.util.Set;

/**
 * A use of a role that declares its options (its {@code meta/argument_specs.yml}, as a module's {@code spec}):
 * where it is used, and the options the use itself gives (its call's values, the role's {@code vars/main.yml},
 * and those of the role calls and blocks around it), which were checked when the plan was made. The preflight
 * checks the values the others take from the extra vars, the play's vars and the inventory.
 */
public record RoleArguments(String role, Source source, ModuleSpec spec, Set<String> given) {
    public RoleArguments {
        given = Set.copyOf(given);
    }
}
