package io.gplay.engine.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Large and long inventory input: bounded time and memory, and a FILE:LINE refusal where it is too much. */
class InventoryLimitsTest {
    @TempDir
    Path dir;

    private Path ini(String text) throws Exception {
        Path f = dir.resolve("hosts.ini");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aRangeOfAHundredThousandHostsIsReadAndSelectedInLinearTime() throws Exception {
        Path f = ini("[web]\nweb[0:99999]\n[db]\nweb[0:99999]\n");
        Inventory i = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> InventoryLoader.load(f.toString()));
        assertEquals(100_000, i.hosts().size());
        assertEquals(100_000, assertTimeoutPreemptively(Duration.ofSeconds(20), () -> i.select("web:db")).size());
        assertEquals(99_999, assertTimeoutPreemptively(Duration.ofSeconds(20), () -> i.select("all:!web[0]")).size());
    }

    @Test
    void rangesWhoseProductIsTooLargeAreRefusedWithTheFileLineAndLimit() throws Exception {
        Path f = ini("[web]\nw1\nw[0:999][0:999][0:99]\n");
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(f.toString()));
        assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
        assertTrue(e.getMessage().contains("100000"), e.getMessage());
        Path many = ini("[web]\n" + "[0:0]".repeat(5000) + "x\n");
        assertEquals(1, InventoryLoader.load(many.toString()).hosts().size(), "many ranges, one host each");
    }

    @Test
    void longNamesAndValuesAreReadWithoutOverflowingTheStack() throws Exception {
        String digits = "1".repeat(2000);
        String name = "a".repeat(5000);
        Path f = ini("[web]\nh1 b=" + digits + "\n" + name + "\n");
        Inventory i = InventoryLoader.load(f.toString());
        assertEquals(digits, String.valueOf(i.host("h1").var("b")));
        assertTrue(i.host(name) != null);
        String listed = "h" + "a".repeat(4000);
        assertEquals(listed, InventoryLoader.load(listed + ",").hosts().get(0).name());
        assertEquals(0, i.select("x".repeat(6000)).size());
        Inventory huge = InventoryLoader.load("a".repeat(200_000) + ",");
        InventoryException e = assertThrows(InventoryException.class, () -> huge.select("~(a|b)*$"));
        assertTrue(e.getMessage().contains("is too complex to match"), e.getMessage());
    }

    @Test
    void aLargeYamlInventoryIsReadAndItsLimitErrorsNameTheFile() throws Exception {
        StringBuilder big = new StringBuilder("all:\n  hosts:\n");
        for (int i = 0; i < 60_000; i++) {
            big.append("    host-with-a-long-name-").append(i).append(":\n      ansible_host: 10.0.0.1\n");
        }
        Path yml = dir.resolve("big.yml");
        Files.writeString(yml, big);
        assertTrue(Files.size(yml) > 3_145_728, "beyond SnakeYAML's default limit");
        assertEquals(60_000, InventoryLoader.load(yml.toString()).hosts().size());
        StringBuilder bomb = new StringBuilder("a: &a [x]\n");
        for (int i = 0; i < 60; i++) {
            bomb.append("b").append(i).append(": [*a, *a]\n");
        }
        Path aliases = dir.resolve("aliases.yml");
        Files.writeString(aliases, "all:\n  vars:\n" + bomb.toString().indent(4));
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(aliases.toString()));
        assertTrue(e.getMessage().startsWith(aliases + ": "), e.getMessage());
        Path deep = dir.resolve("deep.yml");
        Files.writeString(deep, "all:\n  vars:\n    x: " + "[".repeat(60) + "]".repeat(60) + "\n");
        e = assertThrows(InventoryException.class, () -> InventoryLoader.load(deep.toString()));
        assertTrue(e.getMessage().startsWith(deep + ": "), e.getMessage());
    }
}
