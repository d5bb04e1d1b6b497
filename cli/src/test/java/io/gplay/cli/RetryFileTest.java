package io.gplay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --retry-file} writes the hosts to retry; {@code --limit @FILE} runs on them again, as ansible-playbook. */
class RetryFileTest {
    @TempDir
    Path dir;

    private String output;

    private int run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new RunCommand()).setExpandAtFiles(false).execute(args); // as Main has it
        } finally {
            System.setOut(out);
            output = bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theHostsThatFailedAreWrittenAndALimitFromTheFileRunsOnThemAlone() throws Exception {
        Path playbook = dir.resolve("site.groovy");
        Files.writeString(playbook, """
                playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
                    verify 'break', that: { vars.broken != 'yes' }
                } }
                """);
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "[web]\nh1 ansible_connection=local broken=no\n"
                + "h2 ansible_connection=local broken=yes\nh3 ansible_connection=local broken=yes\n");
        Path retry = dir.resolve("out/site.retry");

        assertEquals(2, run(playbook.toString(), "-i", hosts.toString(), "--retry-file", retry.toString()));
        assertEquals(List.of("h2", "h3"), Files.readAllLines(retry));
        assertTrue(output.contains("hosts to retry written to " + retry + "; to retry, use: --limit @" + retry), output);

        Files.writeString(hosts, Files.readString(hosts).replace("broken=yes", "broken=no"));
        // a file of host names and nothing else: ansible-playbook's retry file
        assertEquals(0, run(playbook.toString(), "-i", hosts.toString(), "--limit", "@" + retry), output);
        assertTrue(output.contains("ok: [h2]") && output.contains("ok: [h3]"), output);
        assertFalse(output.contains("[h1]"), output);
        assertFalse(output.contains("retry"), output);
    }

    @Test
    void aLimitFileNamingNoHostIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.retry"), "\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LimitFile.expand("web,@" + empty));
        assertEquals("--limit @" + empty + ": the file names no host", e.getMessage());
        Files.writeString(empty, "h2\n\n h3 \n");
        assertEquals("web,h2,h3", LimitFile.expand("web,@" + empty));
    }

    @Test
    void ansibleCfgPutsPlaybookDotRetryInItsSavePathOrBesideThePlaybook() {
        Path saved = dir.resolve("retries");
        assertEquals(Optional.of(saved.resolve("site.retry")),
                RetryFile.where(null, true, Optional.of(saved), dir.resolve("site.groovy").toString(), false));
        assertEquals(Optional.of(dir.resolve("site.retry")),
                RetryFile.where(null, true, Optional.empty(), dir.resolve("site.groovy").toString(), false));
        assertEquals(Optional.empty(), RetryFile.where(null, false, Optional.of(saved), "site.groovy", false));
        assertEquals(Optional.of(Path.of("x")), RetryFile.where(Path.of("x"), false, Optional.empty(), "site", true));
    }
}
