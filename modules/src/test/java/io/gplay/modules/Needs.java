package io.gplay.modules;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A test that lacks a tool or root is skipped on a developer's machine, with its reason; where {@code CI} is set
 * it fails, so that a CI that lost an install step cannot pass with the feature untested.
 */
public final class Needs {
    private Needs() {
    }

    public static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            Assertions.fail(reason + " (CI is set: bin/install-deps must install it)");
        }
        Assumptions.abort(reason);
    }
}
