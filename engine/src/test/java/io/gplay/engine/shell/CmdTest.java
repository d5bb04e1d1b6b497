package io.gplay.engine.shell;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.LocalConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CmdTest {
    @TempDir
    Path dir;

    @Test
    void hostileValuesReachTheShellAsData() {
        Path pwned = dir.resolve("pwned");
        String[] hostile = {"x; touch " + pwned, "$(touch " + pwned + ")", "`touch " + pwned + "`",
                "a'b; touch " + pwned, "\"; touch " + pwned + "; \"", "-n\n touch " + pwned};
        for (String value : hostile) {
            String out = new LocalConnection().exec(Command.probe(Cmd.of("printf", "%s", value))).stdout();
            assertEquals(value, out, "the value is printed back exactly");
        }
        assertFalse(Files.exists(pwned), "no hostile value was executed");
    }

    @Test
    void safeWordsAreLeftReadable() {
        assertEquals("systemctl start glusterd.service", Cmd.of("systemctl", "start", "glusterd.service").toString());
        assertEquals("echo '' 'a b'", Cmd.of("echo", "", "a b").toString());
    }
}
