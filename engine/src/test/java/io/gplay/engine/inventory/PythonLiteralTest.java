package io.gplay.engine.inventory;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** INI values: Python literals become values, anything else stays the text it was, and nothing is run. */
class PythonLiteralTest {
    @Test
    void codeIsNeverRunOnlyKeptAsText() {
        for (String code : List.of("__import__('os').system('touch /tmp/x')", "open('/etc/passwd').read()",
                "[x for x in range(3)]", "f'{1+1}'", "1 + 1", "lambda: 0", "$(reboot)", "`id`")) {
            assertEquals(code, PythonLiteral.valueOf(code));
        }
    }

    @Test
    void deepNestingStaysTextInsteadOfOverflowing() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals(deep, PythonLiteral.valueOf(deep));
        assertEquals(List.of(List.of(List.of())), PythonLiteral.valueOf("[[[]]]"));
    }

    @Test
    void literalsAreValuesOfTheirPythonType() {
        assertEquals(Map.of("a", List.of(1, 2.5, true), "b", "x y"),
                PythonLiteral.valueOf("{'a': (1, 2.5, True), 'b': 'x y'}"));
        assertEquals(new BigInteger("123456789012345678901234"), PythonLiteral.valueOf("123456789012345678901234"));
        assertEquals(-16, PythonLiteral.valueOf("-0x10"));
        assertEquals("caf\u00e9\n", PythonLiteral.valueOf("'caf\\xe9\\n'"));
        assertEquals("{1, 2}", PythonLiteral.valueOf("{1, 2}"), "a set: Ansible cannot print it");
    }
}
