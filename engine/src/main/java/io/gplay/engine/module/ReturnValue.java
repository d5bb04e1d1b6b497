package io.gplay.engine.module;

/**
 * One value a module gives {@code register}, as Ansible documents a module's RETURN: its key, type, when it is
 * there ({@code always}, {@code changed}, {@code success}, or a condition in words) and a sample.
 */
public record ReturnValue(String key, String type, String returned, String description, String sample) {
    /** Whether a result of this status must carry the value: {@code always}, {@code success} unless failed, {@code changed} when changed. */
    public boolean expectedFor(Status status) {
        return switch (returned) {
            case "always" -> true;
            case "success" -> status != Status.FAILED && status != Status.SKIPPED && status != Status.UNREACHABLE;
            case "changed" -> status == Status.CHANGED;
            default -> false;
        };
    }
}
