package io.gplay.cli;

import io.gplay.engine.report.LogFile;
import io.gplay.engine.report.RunLog;
import io.gplay.engine.vault.SecretMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A library's warnings through SLF4J reach the run log, masked; its debug lines go nowhere. */
class LibraryLoggingTest {
    @Test
    void aLibraryWarningGoesToTheRunLogMaskedAndItsDebugNowhere(@TempDir Path dir) throws Exception {
        SecretMask.global().add("Marzipan-Okapi-6620");
        Logger sshj = LoggerFactory.getLogger("net.schmizz.sshj.transport.TransportImpl");
        assertInstanceOf(LibraryLogger.class, sshj, "gplay's binding is the one SLF4J found");
        Path log = dir.resolve("gplay.log");
        LogFile file = LogFile.open(log, w -> { });
        LibraryLogger.to(new RunLog(file, SecretMask.global(), List.of("run"), "hosts"));
        try {
            sshj.debug("key exchange {}", "details");
            sshj.info("connected");
            sshj.warn("Dying because - {}", "Marzipan-Okapi-6620 refused");
        } finally {
            LibraryLogger.to(null);
        }
        file.close(Duration.ofSeconds(5));
        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" n=net.schmizz.sshj.transport.TransportImpl h=- | [WARN]: Dying because -"
                + " ******** refused"), lines.get(0));
        assertFalse(sshj.isInfoEnabled());
    }
}
