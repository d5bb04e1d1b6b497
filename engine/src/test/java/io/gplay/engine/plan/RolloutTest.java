package io.gplay.engine.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches and the failure limit as ansible-playbook computes them (_get_serialized_batches, pct_to_int, linear). */
class RolloutTest {
    private static List<Integer> sizes(List<Object> serial, int hosts) {
        List<Integer> all = IntStream.range(0, hosts).boxed().toList();
        return new Rollout(serial, null, false, List.of()).batches(all).stream().map(List::size).toList();
    }

    @Test
    void percentagesAreRoundedDownAsAnsibleRoundsThemAtLeastOne() {
        assertEquals(List.of(28, 28, 28, 16), sizes(List.of("29%"), 100)); // int(0.29 * 100) is 28 in Python too
        assertEquals(List.of(3, 3, 3, 1), sizes(List.of("30%"), 10));
        assertEquals(List.of(1, 1), sizes(List.of("10%"), 2));
    }

    @Test
    void theLastSizeOfAListRepeatsAndZeroTakesAllThatIsLeft() {
        assertEquals(List.of(1, 2, 2), sizes(List.of(1, 2), 5));
        assertEquals(List.of(1, 4), sizes(List.of(1, 0), 5));
        assertEquals(List.of(5), sizes(List.of(), 5));
        assertEquals(List.of(), sizes(List.of(2), 0));
    }

    @Test
    void tooManyFailedIsMoreThanThePercentageOfTheBatch() {
        Rollout r = new Rollout(List.of(), 50.0, false, List.of());
        assertFalse(r.tooManyFailed(1, 2));
        assertTrue(r.tooManyFailed(2, 3));
        assertTrue(new Rollout(List.of(), 0.0, false, List.of()).tooManyFailed(1, 10));
        assertFalse(Rollout.ALL.tooManyFailed(10, 10));
    }
}
