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
}
