package io.gplay.modules.selinux;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * src/test/resources/stand-ins/selinux against its table in docs/stand-ins.md: every row names the upstream
 * file:line of policycoreutils 2.5 or libselinux 2.5 it follows and has a check here, keyed by its id, that runs
 * the stand-in on a fresh host (SelinuxHost) and asserts the row's behaviour; a row without either, or a check
 * without a row, fails.
 */
class SelinuxStandInTest {
    private static final String HEADER = "| id | behaviour | upstream (SELinux) | check |";
    private static final Pattern UPSTREAM = Pattern.compile("`(policycoreutils|libselinux)-2\\.5 [\\w./-]+:\\d+(-\\d+)?`");
    private static final String FRESH_LIST = """
            SELinux Port Type              Proto    Port Number

            http_cache_port_t              tcp      8080
            http_port_t                    tcp      80, 443, 8008
            ssh_port_t                     tcp      22
            unreserved_port_t              tcp      61000-61999
            unreserved_port_t              udp      61000-61999
            """;

    record Row(String id, String behaviour, String upstream, String check) {
    }

    record Ran(int rc, String out, String err) {
    }

    interface Check {
        void run(SelinuxHost host) throws Exception;
    }

    @TempDir
    Path dir;

    static List<Row> table() throws IOException {
        Path docs = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && docs == null; p = p.getParent()) {
            docs = Files.isRegularFile(p.resolve("docs/stand-ins.md")) ? p.resolve("docs/stand-ins.md") : null;
        }
        List<Row> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(docs)) {
            if (line.equals(HEADER)) {
                in = true;
            } else if (in && line.startsWith("|") && !line.startsWith("|---")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
                assertEquals(4, cells.length, "a row of four cells (no | inside one): " + line);
                rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()));
            } else if (in && !line.startsWith("|---")) {
                in = false;
            }
        }
        return rows;
    }

    @Test
    void everyRowNamesItsUpstreamSourceAndHasACheck() throws IOException {
        List<Row> rows = table();
        assertTrue(rows.size() >= 16, "the table has its rows: " + rows.size());
        Set<String> ids = new LinkedHashSet<>();
        for (Row r : rows) {
            assertTrue(ids.add(r.id()), "one row per id: " + r.id());
            assertTrue(UPSTREAM.matcher(r.upstream()).find(), r.id() + " names no upstream `policycoreutils-2.5|libselinux-2.5 FILE:LINE`");
            assertFalse(r.behaviour().isBlank() || r.check().isBlank(), r.id() + " says its behaviour and its check");
            assertTrue(CHECKS.containsKey(r.id()), r.id() + " has no check in SelinuxStandInTest");
        }
        Set<String> orphans = new TreeSet<>(CHECKS.keySet());
        orphans.removeAll(ids);
        assertEquals(Set.of(), orphans, "checks without a row in docs/stand-ins.md");
    }

    @TestFactory
    Stream<DynamicTest> theStandInDoesWhatEachRowSays() throws IOException {
        return table().stream().filter(r -> CHECKS.containsKey(r.id())).map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            Path own = Files.createDirectories(dir.resolve(r.id()));
            CHECKS.get(r.id()).run(new SelinuxHost(own));
        }));
    }

    static Ran run(SelinuxHost host, String program, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(host.bin.resolve(program).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SELINUX_STANDIN_ROOT", host.state.toString());
        Path out = host.state.resolve(".out");
        Path err = host.state.resolve(".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int rc = p.waitFor();
        return new Ran(rc, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static void is(Ran r, int rc, String out, String err) {
        assertEquals(new Ran(rc, out, err), r);
    }

    static String list(SelinuxHost host, String... opts) throws Exception {
        List<String> a = new ArrayList<>(List.of("port", "-l"));
        a.addAll(List.of(opts));
        return run(host, "semanage", a.toArray(String[]::new)).out();
    }

    private static final Map<String, Check> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("PORT-LIST", h -> {
            is(run(h, "semanage", "port", "-l"), 0, FRESH_LIST, "");
            assertEquals(FRESH_LIST.substring(FRESH_LIST.indexOf("http_cache")), list(h, "-n"));
        });
        CHECKS.put("PORT-LIST-LOCAL", h -> {
            is(run(h, "semanage", "port", "-l", "-C"), 0, "", "");
            run(h, "semanage", "port", "-a", "-t", "http_port_t", "-p", "tcp", "8081");
            assertEquals("http_port_t                    tcp      8081\n", list(h, "-C", "-n"));
        });
        CHECKS.put("PORT-ADD", h -> {
            is(run(h, "semanage", "port", "-a", "-t", "http_port_t", "-p", "tcp", "8081"), 0, "", "");
            assertTrue(list(h).contains("http_port_t                    tcp      80, 443, 8008, 8081\n"));
            is(run(h, "semanage", "port", "-a", "-t", "http_port_t", "-p", "tcp", "80"), 1, "", "ValueError: Port tcp/80 already defined\n");
        });
        CHECKS.put("PORT-TYPE", h -> {
            is(run(h, "semanage", "port", "-a", "-t", "bogus_t", "-p", "tcp", "8081"), 1, "",
                    "ValueError: Type bogus_t is invalid, must be a port type\n");
            is(run(h, "semanage", "port", "-m", "-t", "bogus_t", "-p", "tcp", "80"), 1, "",
                    "ValueError: Type bogus_t is invalid, must be a port type\n");
        });
        CHECKS.put("PORT-PROTO", h -> {
            is(run(h, "semanage", "port", "-a", "-t", "http_port_t", "-p", "sctp", "8081"), 1, "",
                    "ValueError: Protocol udp or tcp is required\n");
            is(run(h, "semanage", "port", "-a", "-t", "http_port_t", "-p", "tcp", "70000"), 1, "", "ValueError: Invalid Port\n");
        });
        CHECKS.put("PORT-MODIFY", h -> {
            is(run(h, "semanage", "port", "-m", "-t", "http_port_t", "-p", "tcp", "8080"), 0, "", "");
            assertTrue(list(h).contains("http_port_t                    tcp      80, 443, 8008, 8080\n"), list(h));
            assertFalse(list(h).contains("http_cache_port_t"));
            is(run(h, "semanage", "port", "-m", "-t", "http_port_t", "-p", "tcp", "8099"), 1, "", "ValueError: Port tcp/8099 is not defined\n");
        });
        CHECKS.put("PORT-DELETE", h -> {
            run(h, "semanage", "port", "-a", "-t", "http_port_t", "-p", "tcp", "8081");
            is(run(h, "semanage", "port", "-d", "-p", "tcp", "8081"), 0, "", "");
            run(h, "semanage", "port", "-m", "-t", "http_port_t", "-p", "tcp", "8080");
            is(run(h, "semanage", "port", "-d", "-p", "tcp", "8080"), 0, "", "");
            assertEquals(FRESH_LIST, list(h));
            is(run(h, "semanage", "port", "-d", "-p", "tcp", "80"), 1, "", "ValueError: Port tcp/80 is defined in policy, cannot be deleted\n");
            is(run(h, "semanage", "port", "-d", "-p", "tcp", "8099"), 1, "", "ValueError: Port tcp/8099 is not defined\n");
        });
        CHECKS.put("PORT-OPTS", h -> {
            is(run(h, "semanage", "port", "-a", "-p", "tcp", "8081"), 2, "type option is needed for add\n", "");
            is(run(h, "semanage", "port", "-a", "-C", "-t", "http_port_t", "-p", "tcp", "8081"), 2,
                    "add option can not be used with --locallist\n", "");
        });
        CHECKS.put("PORT-NORELOAD", h -> {
            is(run(h, "semanage", "port", "-N", "-a", "-t", "http_port_t", "-p", "udp", "8081"), 0, "", "");
            assertTrue(list(h).contains("http_port_t                    udp      8081\n"));
        });
        CHECKS.put("ENFORCE-GET", h -> {
            for (String mode : List.of("Enforcing", "Permissive", "Disabled")) {
                h.put("mode", mode + "\n");
                is(run(h, "getenforce"), 0, mode + "\n", "");
            }
        });
        CHECKS.put("ENFORCE-SET", h -> {
            String usage = "usage:  " + h.bin.resolve("setenforce") + " [ Enforcing | Permissive | 1 | 0 ]\n";
            is(run(h, "setenforce", "permissive"), 0, "", "");
            assertEquals("Permissive\n", run(h, "getenforce").out());
            is(run(h, "setenforce", "1"), 0, "", "");
            assertEquals("Enforcing\n", run(h, "getenforce").out());
            is(run(h, "setenforce", "on"), 1, "", usage);
            is(run(h, "setenforce"), 1, "", usage);
            h.put("mode", "Disabled\n");
            is(run(h, "setenforce", "0"), 1, "", h.bin.resolve("setenforce") + ": SELinux is disabled\n");
        });
        CHECKS.put("ENABLED", h -> {
            for (String mode : List.of("Enforcing", "Permissive", "Disabled")) {
                h.put("mode", mode + "\n");
                is(run(h, "selinuxenabled"), mode.equals("Disabled") ? 1 : 0, "", "");
            }
        });
        CHECKS.put("BOOL-GET", h -> {
            is(run(h, "getsebool", "virt_use_nfs"), 0, "virt_use_nfs --> on\n", "");
            is(run(h, "getsebool", "httpd_can_network_connect"), 0, "httpd_can_network_connect --> off\n", "");
            is(run(h, "getsebool", "no_such_bool"), 255, "", "Error getting active value for no_such_bool\n");
            h.put("mode", "Disabled\n");
            is(run(h, "getsebool", "virt_use_nfs"), 1, "", h.bin.resolve("getsebool") + ":  SELinux is disabled\n");
        });
        CHECKS.put("BOOL-SET", h -> {
            is(run(h, "setsebool", "httpd_can_network_connect", "on"), 0, "", "");
            assertEquals("httpd_can_network_connect 1 0\nvirt_use_nfs 1 1\n", h.get("booleans"), "the active value only");
            is(run(h, "setsebool", "virt_use_nfs=False"), 0, "", "");
            assertEquals("virt_use_nfs --> off\n", run(h, "getsebool", "virt_use_nfs").out());
            is(run(h, "setsebool", "virt_use_nfs", "maybe"), 255, "", "setsebool: illegal value maybe for boolean virt_use_nfs\n");
            is(run(h, "setsebool", "no_such_bool", "on"), 255, "", "Could not change active booleans: Invalid boolean\n");
        });
        CHECKS.put("BOOL-PERSIST", h -> {
            is(run(h, "setsebool", "-P", "httpd_can_network_connect", "on"), 0, "", "");
            assertEquals("httpd_can_network_connect 1 1\nvirt_use_nfs 1 1\n", h.get("booleans"));
            is(run(h, "setsebool", "-P", "no_such_bool", "on"), 255, "", "Boolean no_such_bool is not defined\n");
        });
        CHECKS.put("BOOL-DISABLED", h -> {
            h.put("mode", "Disabled\n");
            is(run(h, "setsebool", "-P", "virt_use_nfs", "on"), 1, "", "setsebool:  SELinux is disabled.\n");
        });
    }
}
