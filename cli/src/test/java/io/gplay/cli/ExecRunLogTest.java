package io.gplay.cli;

import io.gplay.engine.vault.VaultPassword;
import io.gplay.engine.vault.VaultSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gplay exec --log-path} appends the ad-hoc run to the run log as gplay run does, with no secret in it. */
class ExecRunLogTest {
    /** The clear text of a vault-encrypted variables file: a secret from the moment it is read. */
    private static final String SECRET = "Pangolin-Marmalade-5093";

    @TempDir
    Path dir;

    private String output;

    private int exec(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new ExecCommand()).setExpandAtFiles(false).execute(args); // as Main has it
        } finally {
            System.setOut(out);
            output = bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void anAdHocCommandIsLoggedPerHostWithItsSecretMasked() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "[web]\nweb1 ansible_connection=local\n");
        Path pw = Files.writeString(dir.resolve("pw"), "vault password\n");
        Files.writeString(dir.resolve("secrets.yml"), VaultSecrets.encrypt(("api_token: " + SECRET + "\n")
                .getBytes(StandardCharsets.UTF_8), new VaultPassword("default", "vault password".getBytes(StandardCharsets.UTF_8))));
        Path log = dir.resolve("gplay.log");
        Path dest = dir.resolve("token");
        String[] args = {"web", "-i", hosts.toString(), "-e", "@" + dir.resolve("secrets.yml"), "--vault-password-file",
                pw.toString(), "--log-path", log.toString(), "-m", "copy", "-a", "content=" + SECRET + " dest=" + dest};

        assertEquals(0, exec(args), output);
        assertEquals(SECRET, Files.readString(dest), "the secret reached the host, on standard input");
        String text = Files.readString(log);
        assertFalse(text.contains(SECRET), text);
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.get(0).contains(" n=gplay h=- | run: gplay web -i " + hosts + " -e @" + dir.resolve("secrets.yml")
                + " --vault-password-file " + pw + " --log-path " + log + " -m copy -a content=******** dest=" + dest + " | in "), lines.get(0));
        assertTrue(text.contains("h=- | TASK [copy] copy at gplay exec\n"), text);
        assertTrue(text.contains("h=web1 | command: sh -c "), text);
        assertTrue(text.contains("h=web1 | changed: [copy] create " + dest + "\n"), text);
        assertTrue(text.contains("h=web1 | recap: ok=2 changed=1 unreachable=0 failed=0"), text);

        assertEquals(0, exec(args), output);
        assertEquals(2, Files.readAllLines(log).stream().filter(l -> l.contains("| run: gplay web ")).count(),
                "a second exec appends");
    }
}
