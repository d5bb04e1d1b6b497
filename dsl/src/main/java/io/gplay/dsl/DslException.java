package io.gplay.dsl;

import java.util.List;

/** A playbook that cannot run: every problem found, each as {@code FILE:LINE: message}. */
public class DslException extends RuntimeException {
    private final List<String> problems;

    public DslException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
