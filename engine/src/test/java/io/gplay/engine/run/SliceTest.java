package io.gplay.engine.run;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --slice K/N}: every host in one slice, by its name alone; a bad K/N refused with the fix. */
class SliceTest {
    static List<String> fleet(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "node" + i + ".dc1.example.com").toList();
    }

    @Test
    void everyHostIsInExactlyOneOfTheSlices() {
        for (String host : fleet(1, 500)) {
            int in = 0;
            for (int k = 1; k <= 4; k++) {
                in += new Slice(k, 4).contains(host) ? 1 : 0;
            }
            assertEquals(1, in, host);
        }
    }

    @Test
    void addingHostsMovesNoOtherHost() {
        Map<String, Integer> before = new HashMap<>();
        fleet(1, 500).forEach(h -> before.put(h, Slice.of(h, 4)));
        // the slice of a host is asked with other hosts around, as a bigger inventory would have them
        fleet(1, 700).forEach(h -> {
            if (before.containsKey(h)) {
                assertEquals(before.get(h), Slice.of(h, 4), h);
            }
        });
    }

    @Test
    void oneMoreSliceTakesHostsOnlyForItselfAndAboutItsShare() {
        int moved = 0;
        for (String h : fleet(1, 500)) {
            int four = Slice.of(h, 4);
            int five = Slice.of(h, 5);
            if (four != five) {
                assertEquals(5, five, h + " moved between old slices");
                moved++;
            }
        }
        // a fifth of 500 is 100; hash mod N would move about four fifths
        assertTrue(moved > 60 && moved < 140, moved + " hosts moved");
    }

    @Test
    void theSlicesOfAFleetAreOfLikeSize() {
        int[] sizes = new int[4];
        fleet(1, 500).forEach(h -> sizes[Slice.of(h, 4) - 1]++);
        for (int s : sizes) {
            assertTrue(s > 95 && s < 155, java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void kCountsFromOneAndBadValuesNameTheFix() {
        assertEquals(new Slice(2, 4), Slice.parse("2/4"));
        assertTrue(new Slice(1, 1).contains("anything"));
        assertEquals("--slice 0/4: K counts from 1 to N (1/4 to 4/4); a Kubernetes completion index counts from 0:"
                + " pass $((JOB_COMPLETION_INDEX + 1))/4", assertThrows(IllegalArgumentException.class,
                () -> Slice.parse("0/4")).getMessage());
        assertEquals("--slice 5/4: K counts from 1 to N (1/4 to 4/4)",
                assertThrows(IllegalArgumentException.class, () -> Slice.parse("5/4")).getMessage());
        assertEquals("--slice 1/0: N is the number of slices, at least 1",
                assertThrows(IllegalArgumentException.class, () -> Slice.parse("1/0")).getMessage());
        for (String bad : List.of("2", "2/", "/4", "2-4", "-1/4", "a/b", "2/4/8", "99999999999/4")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Slice.parse(bad)).getMessage()
                    .endsWith("expected K/N, two whole numbers, e.g. --slice 2/4 for the second of four slices"), bad);
        }
    }

    @Test
    void aHostOutsideTheSliceIsNotInIt() {
        String host = "web1";
        int k = Slice.of(host, 3);
        assertTrue(new Slice(k, 3).contains(host));
        assertFalse(new Slice(k % 3 + 1, 3).contains(host));
    }
}
