package io.gplay.engine.plan;

import io.gplay.engine.vault.SecretMask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a per-host value reads through its scope counts, item by item, and nothing else does. */
class SecretReadsTest {
    private static final String SECRET = "Reads-Secret-2718";

    private static HostScope scope() {
        SecretMask.global().add(SECRET);
        Map<String, Object> vars = Map.of("users", List.of(Map.of("name", "app", "password", SECRET)),
                "port", 8080);
        return new HostScope("h1", vars, Map.of(), Map.of(), Map.of("h1", vars), false);
    }

    private static boolean reads(java.util.function.Consumer<HostScope> code) {
        HostScope scope = scope();
        SecretReads watch = SecretReads.start();
        try {
            code.accept(scope);
        } finally {
            watch.end();
        }
        return watch.any();
    }

    @Test
    void aNameBesideASecretIsNoSecretTheSecretItselfIs() {
        assertFalse(reads(s -> ((Map<?, ?>) ((List<?>) s.getVars().get("users")).get(0)).get("name")));
        assertTrue(reads(s -> ((Map<?, ?>) ((List<?>) s.getHostvars().get("h1").get("users")).get(0)).get("password")));
        assertTrue(reads(s -> s.getVars().toString()));
        assertFalse(reads(s -> s.get("port")));
    }

    @Test
    void anInnerWatchCountsForTheOuterOneAndNothingIsWatchedOutsideOne() {
        HostScope scope = scope();
        SecretReads outer = SecretReads.start();
        try {
            SecretReads inner = SecretReads.start();
            try {
                scope.get("users").toString();
            } finally {
                inner.end();
            }
            assertTrue(inner.any());
        } finally {
            outer.end();
        }
        assertTrue(outer.any());
        assertEquals(scope.getVars().get("users").getClass(), List.of(Map.of()).getClass(), "no watch, no view");
    }
}
