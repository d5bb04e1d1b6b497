package io.gplay.engine.module;

import java.util.List;

/** One documented, typed module parameter: the single source for validation, {@code gplay doc} and completion. */
public record Param(String name, ParamType type, boolean required, Object defaultValue, List<String> choices,
                    String doc) {
    public Param {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static Param required(String name, ParamType type, String doc) {
        return new Param(name, type, true, null, null, doc);
    }

    public static Param optional(String name, ParamType type, Object defaultValue, String doc) {
        return new Param(name, type, false, defaultValue, null, doc);
    }

    public static Param choice(String name, Object defaultValue, List<String> choices, String doc) {
        return new Param(name, ParamType.STRING, false, defaultValue, choices, doc);
    }
}
