package io.gplay.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Variables files given with -e @FILE: large ones are read, and YAML's limits name the file (review F25). */
class KeyValuesTest {
    @Test
    void aFileBeyondThreeMegabytesIsRead() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            big.append("variable_with_a_long_name_").append(i).append(": value\n");
        }
        assertTrue(big.length() > 3_145_728);
        assertEquals(100_000, KeyValues.mapping(big.toString(), "big.yml").size());
    }

    @Test
    void anAliasBombIsRefusedNamingTheFile() {
        StringBuilder bomb = new StringBuilder("a: &a [x]\n");
        for (int i = 0; i < 60; i++) {
            bomb.append("b").append(i).append(": [*a, *a]\n");
        }
        RuntimeException e = assertThrows(RuntimeException.class, () -> KeyValues.mapping(bomb.toString(), "vars.yml"));
        assertTrue(e.getMessage().startsWith("vars.yml: Number of aliases"), e.getMessage());
    }
}
