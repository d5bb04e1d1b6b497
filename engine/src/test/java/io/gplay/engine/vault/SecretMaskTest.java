package io.gplay.engine.vault;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretMaskTest {
    @Test
    void everyOccurrenceIsMaskedAndTheLongerSecretWhole() {
        SecretMask mask = new SecretMask();
        assertTrue(mask.isEmpty());
        mask.add("hunter2");
        mask.add("hunter2-admin");
        assertEquals("pw=******** again ******** and ********",
                mask.mask("pw=hunter2-admin again hunter2 and hunter2"));
        assertEquals("nothing secret", mask.mask("nothing secret"));
        assertNull(mask.mask(null));
    }

    @Test
    void eachLongLineOfAMultiLineSecretIsMaskedAloneAsADiffShowsIt() {
        SecretMask mask = new SecretMask();
        mask.add("{\n  \"key\": \"abcdefgh12345\"\n}\n");
        assertEquals("+  ********\n+}", mask.mask("+  \"key\": \"abcdefgh12345\"\n+}"));
    }

    @Test
    void blankValuesAreNoSecrets() {
        SecretMask mask = new SecretMask();
        mask.add("");
        mask.add("  ");
        mask.add(null);
        assertTrue(mask.isEmpty());
        assertEquals("a  b", mask.mask("a  b"));
    }

    @Test
    void aSecretWithATrailingNewlineIsMaskedStrippedToo() {
        SecretMask mask = new SecretMask();
        mask.add("hunter3\n");
        assertEquals("[********]", mask.mask("[hunter3]"));
        assertTrue(mask.appearsIn("--password=hunter3"));
    }

    @Test
    void shortLinesOfAMultiLineSecretAreMaskedButNotSyntaxOrOneCharacterLines() {
        SecretMask mask = new SecretMask();
        mask.add("first-line-long\nab12\n}\n");
        assertEquals("x********x", mask.mask("xab12x"));
        // a brace or a one-letter line would mask every occurrence of it in all output
        assertEquals("{ a }", mask.mask("{ a }"));
    }

    @Test
    void theEscapedFormOfAMultiLineSecretIsMaskedWhole() {
        SecretMask mask = new SecretMask();
        mask.add("first-line-long\nab\n");
        // Groovy's power assert and JSON show a newline as backslash-n
        assertEquals("'multi':'********'", mask.mask("'multi':'first-line-long\\nab\\n'"));
    }

    @Test
    void registeringManySecretsIsNearLinear() {
        SecretMask mask = new SecretMask();
        long start = System.nanoTime();
        for (int i = 0; i < 30_000; i++) {
            mask.add("secret-value-" + i);
            if (i % 100 == 0) {
                mask.mask("a line of output");
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3000, "30,000 secrets took " + millis + " ms");
        assertEquals("x ******** y", mask.mask("x secret-value-29999 y"));
    }
}
