package io.gplay.engine.connection;

import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the known_hosts lines that can name the host are parsed; verifying it is as before. */
class KnownHostsVerifierTest {
    @TempDir
    Path dir;

    private static PublicKey key() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        return g.generateKeyPair().getPublic();
    }

    private static String line(String host, PublicKey key) {
        return host + " ssh-rsa " + Base64.getEncoder().encodeToString(
                new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    @Test
    void keepsTheLinesThatMayNameTheHostOnly() {
        String text = """
                # a comment
                10.0.0.1 ssh-ed25519 AAAA1
                10.0.0.2,web2 ssh-ed25519 AAAA2
                [10.0.0.2]:2222 ssh-ed25519 AAAA3
                |1|c2FsdA==|aGFzaA== ssh-ed25519 AAAA4
                @cert-authority *.lab ssh-ed25519 AAAA5
                10.0.0.* ssh-ed25519 AAAA6
                10.0.0.20 ssh-ed25519 AAAA7
                """;
        assertEquals("""
                10.0.0.2,web2 ssh-ed25519 AAAA2
                |1|c2FsdA==|aGFzaA== ssh-ed25519 AAAA4
                @cert-authority *.lab ssh-ed25519 AAAA5
                10.0.0.* ssh-ed25519 AAAA6
                """, KnownHostsVerifier.linesFor(text, "10.0.0.2", 22));
        assertTrue(KnownHostsVerifier.linesFor(text, "10.0.0.2", 2222).startsWith("[10.0.0.2]:2222 "));
        assertTrue(KnownHostsVerifier.linesFor(text, "WEB2", 22).startsWith("10.0.0.2,web2 "));
    }

    @Test
    void aHostAmongManyIsVerifiedAndAChangedKeyRefusedWithItsLine() throws Exception {
        PublicKey mine = key();
        PublicKey other = key();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            lines.add(line("10.1." + i / 200 + "." + i % 200, other));
        }
        lines.add(line("10.9.9.9", mine));
        Path file = dir.resolve("known_hosts");
        Files.write(file, lines);

        assertTrue(new KnownHostsVerifier(file, "10.9.9.9", 22, false).verify("10.9.9.9", 22, mine));
        KnownHostsVerifier changed = new KnownHostsVerifier(file, "10.9.9.9", 22, false);
        assertFalse(changed.verify("10.9.9.9", 22, other));
        assertTrue(changed.refusal.startsWith("HOST KEY CHANGED for 10.9.9.9"), changed.refusal);
        assertTrue(changed.refusal.contains(file + ":301 (ssh-rsa)"), changed.refusal);
    }

    @Test
    void aNewHostIsLearnedIntoTheFileWithAcceptNew() throws Exception {
        PublicKey mine = key();
        Path file = dir.resolve("known_hosts");
        Files.write(file, List.of(line("10.1.1.1", key())));

        assertFalse(new KnownHostsVerifier(file, "10.2.2.2", 22, false).verify("10.2.2.2", 22, mine));
        assertTrue(new KnownHostsVerifier(file, "10.2.2.2", 22, true).verify("10.2.2.2", 22, mine));
        assertTrue(new KnownHostsVerifier(file, "10.2.2.2", 22, false).verify("10.2.2.2", 22, mine));
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void aHostKeyAliasIsTheNameLookedUpAndLearnedWhateverTheAddressAndPort() throws Exception {
        PublicKey mine = key();
        Path file = dir.resolve("known_hosts");
        Files.write(file, List.of(line("db-primary", mine), line("[127.0.0.1]:2222", key())));

        assertTrue(new KnownHostsVerifier(file, "127.0.0.1", 2222, false, "db-primary").verify("127.0.0.1", 2222, mine),
                "known by its alias, not by the address's own line");
        KnownHostsVerifier other = new KnownHostsVerifier(file, "127.0.0.1", 2222, false, "db-replica");
        assertFalse(other.verify("127.0.0.1", 2222, mine));
        assertTrue(other.refusal.startsWith("host key for db-replica is not in"), other.refusal);
        assertTrue(new KnownHostsVerifier(file, "127.0.0.1", 2222, true, "db-replica").verify("127.0.0.1", 2222, mine));
        assertTrue(Files.readAllLines(file).get(2).startsWith("db-replica ssh-rsa "), "learned under the alias");
    }
}
