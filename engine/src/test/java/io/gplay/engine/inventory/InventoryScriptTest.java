package io.gplay.engine.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inventory scripts: what is run and how (no shell, standard input closed, within a bound), and what is refused,
 * always naming the script and showing its standard error. What the scripts of the compatibility suite make is
 * compared with ansible-inventory in {@link AnsibleInventoriesTest}.
 */
class InventoryScriptTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Inventory load(Path p) {
        return InventoryLoader.load(List.of(p.toString()), LoadOptions.defaults().warnings(warnings::add));
    }

    private InventoryException refused(Path p) {
        return assertThrows(InventoryException.class, () -> load(p));
    }

    @Test
    void aScriptRunsWithItsStandardInputClosedAndItsStandardErrorIsShown() throws Exception {
        Path p = script("inv", """
                #!/bin/sh
                if read line; then echo '{"web": ["read-a-line"]}'; else echo '{"web": ["stdin-closed"]}'; fi
                echo 'cache is stale' >&2
                """);
        Inventory inv = load(p);
        assertEquals(List.of("stdin-closed"), inv.groups().get("web"));
        assertEquals(List.of("inventory script " + p + " --list wrote on its standard error:\ncache is stale"), warnings);
    }

    @Test
    void aFailingScriptIsRefusedWithItsExitCodeAndStandardError() throws Exception {
        Path p = script("inv", "#!/bin/sh\necho 'cannot reach the cloud API' >&2\nexit 3\n");
        assertEquals("inventory script " + p + " --list exited 3; its standard error:\ncannot reach the cloud API",
                refused(p).getMessage());
    }

    @Test
    void outputThatIsNotTheJsonAnsibleExpectsIsRefusedNamingTheScript() throws Exception {
        Path text = script("text", "#!/bin/sh\necho 'web1 web2'\necho 'old format' >&2\n");
        assertEquals("inventory script " + text + " --list did not print JSON: line 1 column 1: expecting a value; "
                + "its standard error:\nold format", refused(text).getMessage());
        Path list = script("list", "#!/bin/sh\necho '[\"web1\"]'\n");
        assertTrue(refused(list).getMessage().startsWith("inventory script " + list + " --list must print a JSON "
                + "object"), refused(list).getMessage());
        Path children = script("children", "#!/bin/sh\necho '{\"web\": {\"children\": \"app\"}}'\n");
        assertEquals("inventory script " + children + ": group web: children must be a list of names, got a string",
                refused(children).getMessage());
        Path hostvars = script("hostvars", "#!/bin/sh\necho '{\"web\": [\"w1\"], \"_meta\": {\"hostvars\": "
                + "{\"w1\": [1]}}}'\n");
        assertEquals("inventory script " + hostvars + ": the variables of host w1 must be a JSON object, not a list",
                refused(hostvars).getMessage());
        Path latin1 = dir.resolve("latin1");
        Files.write(latin1, "#!/bin/sh\nprintf '{\"caf\\351\": []}'\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.setPosixFilePermissions(latin1, PosixFilePermissions.fromString("rwx------"));
        assertEquals("inventory script " + latin1 + " --list: its output is not UTF-8 text",
                refused(latin1).getMessage());
    }

    @Test
    void withoutMetaEachHostIsAskedAndAFailedOrEmptyAnswerIsRefused() throws Exception {
        Path failing = script("failing", """
                #!/bin/sh
                [ "$1" = --list ] && echo '{"web": ["w1"]}' && exit 0
                echo "no such host: $2" >&2; exit 1
                """);
        assertEquals("inventory script " + failing + " --host w1 exited 1; its standard error:\nno such host: w1",
                refused(failing).getMessage());
        Path empty = script("empty", "#!/bin/sh\n[ \"$1\" = --list ] && echo '{\"web\": [\"w1\"]}'\nexit 0\n");
        assertTrue(refused(empty).getMessage().startsWith("inventory script " + empty + " --host w1 printed nothing"),
                refused(empty).getMessage());
    }

    @Test
    void aScriptThatDoesNotFinishIsKilledAfterItsBound() throws Exception {
        Path marker = dir.resolve("survived");
        Path p = script("slow", "#!/bin/sh\n(sleep 3; touch " + marker + ") &\nsleep 30\n");
        long t0 = System.nanoTime();
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(List.of(p.toString()),
                LoadOptions.defaults().scriptTimeout(Duration.ofSeconds(1))));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
        assertEquals("inventory script " + p + " --list did not finish within 1 s and was killed (set "
                + "GPLAY_INVENTORY_SCRIPT_TIMEOUT=SECONDS for a longer bound, 0 for none)", e.getMessage());
        Thread.sleep(3500);
        assertFalse(Files.exists(marker), "what the script started was killed with it");
    }

    @Test
    void anExecutableFileWithoutShebangIsReadAsAnsibleReadsItNotRunByAShell() throws Exception {
        Path marker = dir.resolve("ran");
        Path p = script("hosts", "[web]\nw1\n# touch " + marker + "\n");
        assertEquals(List.of("w1"), load(p).groups().get("web"));
        assertFalse(Files.exists(marker));
    }

    @Test
    void aScriptThatIsNotExecutableIsReadAsInventoryTextAndTheErrorSaysSo() throws Exception {
        Path p = dir.resolve("inv.py");
        Files.writeString(p, "#!/usr/bin/env python3\nimport json\nprint(json.dumps({}))\n");
        String why = refused(p).getMessage();
        assertTrue(why.endsWith("(" + p + " starts with #!: to be run as an inventory script it must be "
                + "executable: chmod +x " + p + ")"), why);
    }

    @Test
    void scriptsCanBeSkippedWithAWarningAndAreThenNotRun() throws Exception {
        Path marker = dir.resolve("ran");
        Path p = script("inv", "#!/bin/sh\ntouch " + marker + "\necho '{\"web\": [\"w1\"]}'\n");
        Inventory inv = InventoryLoader.load(List.of(p.toString(), "h1,"), LoadOptions.defaults()
                .skipScripts("--syntax-check runs no code of the tree").warnings(warnings::add));
        assertFalse(Files.exists(marker));
        assertEquals(List.of("h1"), inv.hosts().stream().map(Host::name).toList());
        assertEquals(List.of("inventory script " + p + " was not run (--syntax-check runs no code of the tree): "
                + "its hosts and groups are not read"), warnings);
    }
}
