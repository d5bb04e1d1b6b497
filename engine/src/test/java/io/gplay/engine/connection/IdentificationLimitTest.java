package io.gplay.engine.connection;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentificationLimitTest {
    private static InputStream of(String text) {
        return new IdentificationLimit(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), "h:22");
    }

    @Test
    void linesBeforeTheIdentificationAndAnythingAfterItPassThrough() throws IOException {
        String pre = ("Welcome " + "x".repeat(900) + "\r\n").repeat(20);
        String text = pre + "SSH-2.0-OpenSSH_9.2\r\n" + "y".repeat(200_000);
        assertEquals(text.length(), of(text).readAllBytes().length);
    }

    @Test
    void aLongLineOrTooMuchBeforeTheIdentificationIsRefusedNamingTheHost() {
        IOException e = assertThrows(IOException.class, () -> of("X".repeat(5000)).readAllBytes());
        assertTrue(e.getMessage().startsWith("h:22 sent a line of more than 1024 bytes"), e.getMessage());
        e = assertThrows(IOException.class, () -> of("SSH\n".repeat(20_000)).readAllBytes());
        assertTrue(e.getMessage().startsWith("h:22 sent 64 KB without an SSH identification line"), e.getMessage());
    }
}
