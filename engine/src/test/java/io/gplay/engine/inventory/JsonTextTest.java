package io.gplay.engine.inventory;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JSON as Python's json.loads reads it: the values and types, and what it refuses. */
class JsonTextTest {
    @Test
    void valuesHaveTheTypesPythonGivesThem() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("i", 7);
        expected.put("l", 12345678901L);
        expected.put("big", new BigInteger("123456789012345678901234567890"));
        expected.put("f", -1500.0);
        expected.put("whole", 1.0);
        expected.put("t", true);
        expected.put("n", null);
        expected.put("s", "a\"\\/\b\f\n\r\t\u00e9\ud83d\ude00");
        expected.put("list", Arrays.asList(1, List.of(), Map.of()));
        expected.put("inf", Double.NEGATIVE_INFINITY);
        assertEquals(expected, JsonText.parse(" {\"i\": 7, \"l\": 12345678901, "
                + "\"big\": 123456789012345678901234567890, \"f\": -1.5e3, \"whole\": 1.0, \"t\": true, \"n\": null,"
                + " \"s\": \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"list\": [1, [], {}],"
                + " \"inf\": -Infinity}\n"));
    }

    @Test
    void aKeyGivenTwiceKeepsItsLastValue() {
        assertEquals(Map.of("a", 2), JsonText.parse("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void whatPythonRefusesIsRefusedWithItsPlace() {
        for (String[] c : new String[][] {
                {"", "line 1 column 1: expecting a value"},
                {"{\"a\": 1} x", "line 1 column 10: extra data after the JSON value"},
                {"{'a': 1}", "line 1 column 2: expecting a property name in double quotes"},
                {"[1,]", "line 1 column 4: expecting a value"},
                {"{\"a\": 1,\n \"b\" 2}", "line 2 column 6: expecting ':' delimiter"},
                {"[01]", "line 1 column 3: expecting ',' or ']'"},
                {"[1.]", "line 1 column 3: expecting ',' or ']'"},
                {"\"tab\there\"", "line 1 column 5: control character in a string (write it as an escape)"},
                {"\"\\x\"", "line 1 column 2: invalid escape"},
                {"\"open", "line 1 column 1: unterminated string"},
                {"[" .repeat(600), "line 1 column 502: nested more than 500 deep"},
        }) {
            assertEquals(c[1], assertThrows(InventoryException.class, () -> JsonText.parse(c[0])).getMessage(), c[0]);
        }
    }
}
