package io.gplay.engine.inventory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Host patterns over probe-patterns.ini pick what {@code ansible PATTERN --list-hosts} (ansible-core 2.14) lists. */
class HostPatternTest {
    private static final Inventory INV = InventoryLoader.load(
            HostPatternTest.class.getResource("/ansible-inventories/probe-patterns.ini").getPath());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "all          | lone db12 db13 b1 b2 a1",
            "all[0]       | lone",
            "all[1:2]     | db12 db13",
            "parent       | b1 b2 a1",
            "parent[0:1]  | b1 b2",
            "parent[-1]   | a1",
            "parent[1:]   | b2 a1",
            "~db1[23]     | db12 db13",
            "~db          | db12 db13",
            "db1[23]      | ''",
            "b*           | b1 b2",
            "a:b          | a1 b1 b2",
            "'a,b'        | a1 b1 b2",
            "db:&~.*3     | db13",
            "!a           | lone db12 db13 b1 b2",
            "parent:!b1   | b2 a1",
            "nosuch       | ''",
            "all[9]       | ''",
            "ungrouped    | lone",
            "*[1]         | db12",
    })
    void picksWhatAnsiblePicks(String pattern, String hosts) {
        List<String> expected = hosts.isBlank() ? List.of() : List.of(hosts.split(" "));
        assertEquals(expected, INV.select(pattern).stream().map(Host::name).toList());
    }
}
