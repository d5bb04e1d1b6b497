package io.gplay.modules.system;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** packageFacts against this machine's dpkg database, and rpm's output through a stand-in rpm. */
class PackageFactsTest {
    @TempDir
    Path dir;

    private static String sh(String line) {
        return new LocalConnection().exec(Command.probe(line)).stdout().strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> packages(Result r) {
        return (Map<String, List<Map<String, Object>>>) ((Map<String, Object>) r.registered().get(Result.MODULE_FACTS)).get("packages");
    }

    @Test
    void dpkgsPackagesAsAnsiblesAptGivesThemInCheckModeToo() {
        Needs.require(!sh("command -v dpkg-query").isEmpty(), "dpkg-query is not installed (a Debian host)");
        String version = sh("dpkg-query -W -f '${Version}' dpkg");
        String arch = sh("dpkg-query -W -f '${Architecture}' dpkg");
        int installed = Integer.parseInt(sh("dpkg-query -W -f '${db:Status-Abbrev}\\n' | grep -c '^.[^nc]'"));
        for (boolean check : new boolean[]{false, true}) {
            Result r = Harness.run(new PackageFactsModule(), Map.of(), check);
            assertEquals(Status.OK, r.status(), r.msg());
            Map<String, List<Map<String, Object>>> p = packages(r);
            assertEquals(List.of(Map.of("name", "dpkg", "version", version, "arch", arch, "category", "admin", "source", "apt")),
                    p.get("dpkg"));
            assertEquals(installed, p.values().stream().mapToInt(List::size).sum());
        }
    }

    @Test
    void rpmsPackagesWithReleaseAndEpochEachVersionInTheList() throws Exception {
        Path rpm = dir.resolve("rpm");
        Files.writeString(rpm, "#!/bin/sh\n"
                + "[ \"$1 $2 $3\" = '-qa --qf %{NAME}\t%{VERSION}\t%{RELEASE}\t%{EPOCH}\t%{ARCH}\n' ] || { echo \"bad: $*\" >&2; exit 2; }\n"
                + "printf 'kernel\\t3.10.0\\t514.26.2.el7\\t(none)\\tx86_64\\nkernel\\t3.10.0\\t693.2.2.el7\\t(none)\\tx86_64\\n"
                + "bind\\t9.9.4\\t61.el7\\t32\\tx86_64\\ngpg-pubkey\\tf4a80eb5\\t53a7ff4b\\t(none)\\t(none)\\n'\n");
        Files.setPosixFilePermissions(rpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = Harness.run(new PackageFactsModule(), Map.of("manager", "yum"), false,
                new PathFirstConnection(dir, Map.of()), Map.of());
        assertEquals(Status.OK, r.status(), r.msg());
        Map<String, List<Map<String, Object>>> p = packages(r);
        assertEquals(List.of("514.26.2.el7", "693.2.2.el7"), p.get("kernel").stream().map(k -> k.get("release")).toList());
        assertEquals(Map.of("name", "bind", "version", "9.9.4", "release", "61.el7", "epoch", 32, "arch", "x86_64",
                "source", "rpm"), p.get("bind").get(0));
        Map<String, Object> key = new HashMap<>(Map.of("name", "gpg-pubkey", "version", "f4a80eb5", "release", "53a7ff4b", "source", "rpm"));
        key.put("epoch", null);
        key.put("arch", null);
        assertEquals(List.of(key), p.get("gpg-pubkey"));
    }

    @Test
    void aManagerGplayDoesNotReadOrAHostileOneIsRefused() {
        Result pacman = Harness.run(new PackageFactsModule(), Map.of("manager", "pacman"), false);
        assertEquals(Status.FAILED, pacman.status());
        assertEquals("manager 'pacman' is one gplay does not read: give auto, apt or rpm (yum, dnf, dnf5, zypper)", pacman.msg());
        Path marker = dir.resolve("x");
        Result hostile = Harness.run(new PackageFactsModule(), Map.of("manager", List.of("-rf", "$(touch " + marker + ")")), false);
        assertEquals(Status.FAILED, hostile.status());
        assertFalse(Files.exists(marker));
    }

    @Test
    void theRegisteredResultHoldsTheFactAndThePlanKnowsIt() {
        Needs.require(!sh("command -v dpkg-query").isEmpty(), "dpkg-query is not installed (a Debian host)");
        Map<String, Object> reg = Harness.run(new PackageFactsModule(), Map.of("strategy", "all"), false).registered();
        assertEquals(false, reg.get("changed"));
        assertTrue(packages(Harness.run(new PackageFactsModule(), Map.of(), false)).containsKey("dpkg"));
        assertEquals(List.of("packages"), new PackageFactsModule().spec().factsSet(Map.of()));
    }
}
