package io.gplay.modules.system;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.gplay.modules.system.PrivateApt.PKG;
import static io.gplay.modules.system.PrivateApt.SUITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The package module on the real apt and dpkg, in a world of their own ({@link PrivateApt}). */
class PackageAptTest {
    @TempDir
    Path work;
    PrivateApt apt;

    @BeforeEach
    void world() throws Exception {
        apt = new PrivateApt(work);
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new PackageModule(), new HashMap<>(params), check, apt.conn, Map.of("pkgMgr", "apt"));
    }

    /** A check run predicts the real run's changes and writes nothing; the real run makes them; a third is ok. */
    Result checkRealConverged(Map<String, Object> params) throws Exception {
        String before = apt.installed() + apt.dpkgSays() + listed();
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, apt.installed() + apt.dpkgSays() + listed(), "a check run changed nothing");
        Result real = run(params, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(check.descriptions(), real.descriptions());
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertTrue(again.msg().startsWith("nothing to do: "), again.msg());
        return real;
    }

    String listed() throws Exception {
        try (var files = Files.list(apt.lists)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }

    void update() {
        assertEquals(Status.CHANGED, run(Map.of("updateCache", true), false).status());
    }

    @Test
    void updatesTheCacheAloneAndOnlyWhenOlderThanCacheValidTime() throws Exception {
        Result check = run(Map.of("updateCache", true), true);
        assertEquals(List.of("update the apt cache"), check.descriptions());
        assertFalse(listed().contains("Packages"), "check mode fetched no index");
        Result real = run(Map.of("updateCache", true), false);
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(true, real.data().get("cache_updated"));
        assertTrue(listed().contains("_Packages"), listed());

        Result fresh = run(Map.of("cacheValidTime", 3600), false);
        assertEquals(Status.OK, fresh.status());
        assertEquals(false, fresh.data().get("cache_updated"));
        assertTrue(fresh.msg().matches("nothing to do: the apt cache is \\d+ s old, valid for 3600 s"), fresh.msg());

        Files.setLastModifiedTime(apt.lists, FileTime.from(Instant.now().minusSeconds(7200)));
        Result stale = run(Map.of("cacheValidTime", 3600), false);
        assertEquals(List.of("update the apt cache (older than 3600 s)"), stale.descriptions());
        long updated = ((Number) stale.data().get("cache_update_time")).longValue();
        assertTrue(updated > Instant.now().getEpochSecond() - 600, "the update time is the update's: " + updated);
    }

    @Test
    void installsAPinnedVersionThenUpgradesToTheCandidateThenRemoves() throws Exception {
        update();
        Result pinned = checkRealConverged(Map.of("name", PKG + "=1.0*", "updateCache", true, "cacheValidTime", 3600));
        assertEquals(List.of("install " + PKG + "=1.0*"), pinned.descriptions());
        assertEquals("1.0", apt.installed());
        assertEquals("install ok installed 1.0", apt.dpkgSays());
        assertEquals(List.of(PKG), pinned.data().get("packages"));

        Result latest = checkRealConverged(Map.of("name", PKG, "state", "latest"));
        assertEquals(List.of("install or upgrade " + PKG + " 1.0 -> 2.0"), latest.descriptions());
        assertEquals(List.of(PKG), latest.data().get("installed"));
        assertEquals("2.0", apt.installed());
        assertEquals(Status.OK, run(Map.of("name", PKG + "=2.*"), false).status(), "2.0 matches 2.*");

        Result gone = checkRealConverged(Map.of("name", PKG, "state", "absent"));
        assertEquals(List.of("remove " + PKG + " 2.0"), gone.descriptions());
        assertEquals("none", apt.installed());
        assertFalse(PrivateApt.sh("dpkg-query -W " + PKG + " 2>&1 || true").contains("2.0"), "this machine's dpkg never heard of it");
    }

    @Test
    void aDowngradeNeedsAllowDowngrade() throws Exception {
        update();
        checkRealConverged(Map.of("name", PKG, "installRecommends", false));
        assertEquals("2.0", apt.installed());
        Result refreshed = run(Map.of("name", PKG, "updateCache", true), false);
        assertEquals("update the apt cache", refreshed.msg(), "the change is the message, not the package found there");
        Result refused = run(Map.of("name", PKG + "=1.0"), false);
        assertEquals(Status.FAILED, refused.status());
        assertTrue(refused.msg().contains("--allow-downgrades"), refused.msg());
        assertEquals("2.0", apt.installed());
        Result down = checkRealConverged(Map.of("name", PKG + "=1.0", "allowDowngrade", true));
        assertEquals(List.of("install " + PKG + "=1.0 (2.0 installed)"), down.descriptions());
        assertEquals("1.0", apt.installed());
    }

    @Test
    void installsADebFromAPathOrAUrlUnlessDpkgHasItsVersion() throws Exception {
        Path one = apt.deb("1.0");
        Result local = checkRealConverged(Map.of("deb", one.toString()));
        assertEquals(List.of("install " + one + " (" + PKG + " 1.0)"), local.descriptions());
        assertEquals("1.0", apt.installed());

        String url = apt.repo.resolve(PKG + "_2.0_all.deb").toUri().toString();
        Result fromUrl = checkRealConverged(Map.of("deb", url));
        assertEquals(List.of("install " + url + " (" + PKG + " 2.0, 1.0 installed)"), fromUrl.descriptions());
        assertEquals("2.0", apt.installed());
        try (var tmp = Files.list(Path.of("/tmp"))) {
            assertFalse(tmp.anyMatch(p -> p.getFileName().toString().startsWith("gplay-deb.")), "the download is removed");
        }
    }

    @Test
    void latestFailsForAPackageAptDoesNotKnowAndAVersionIsForPresent() {
        update();
        Result unknown = run(Map.of("name", "gplay-no-such-package", "state", "latest"), true);
        assertEquals(Status.FAILED, unknown.status());
        assertTrue(unknown.msg().startsWith("no package matching 'gplay-no-such-package' is available"), unknown.msg());
        Result pinned = run(Map.of("name", PKG + "=1.0", "state", "latest"), true);
        assertEquals(Status.FAILED, pinned.status());
        assertTrue(pinned.msg().contains("say state: present to install 1.0"), pinned.msg());
        Result repo = run(Map.of("name", PKG, "enablerepo", "epel"), true);
        assertTrue(repo.msg().startsWith("enablerepo is not for apt"), repo.msg());
        Result exclude = run(Map.of("name", PKG, "exclude", "kernel*"), true);
        assertTrue(exclude.msg().startsWith("exclude is not for apt") && exclude.msg().endsWith("where yum or dnf runs"), exclude.msg());
        Result erasing = run(Map.of("name", PKG, "allowerasing", true), true);
        assertTrue(erasing.msg().endsWith("set it only where dnf runs"), erasing.msg());
        Result nothing = Harness.run(new PackageModule(), Map.of("state", "present"), true);
        assertTrue(nothing.msg().contains("give 'name', 'deb', 'updateCache' or 'cacheValidTime'"), nothing.msg());
    }

    @Test
    void hostileValuesStayData() throws Exception {
        update();
        String marker = work.resolve("pwned").toString();
        for (String evil : List.of("x$(touch " + marker + ")", PKG + "=1.0; touch " + marker, "a'b\"c\nd")) {
            Result r = run(Map.of("name", evil), false);
            assertEquals(Status.FAILED, r.status(), evil);
            assertTrue(r.msg().contains("apt-get"), r.msg());
        }
        Result option = run(Map.of("name", "-rf"), false);
        assertTrue(option.msg().startsWith("'-rf' is no apt package"), option.msg());
        Result deb = run(Map.of("deb", "x.deb; touch " + marker), false);
        assertTrue(deb.msg().contains("is neither an absolute path on the host nor"), deb.msg());
        assertFalse(Files.exists(Path.of(marker)));
        assertEquals("none", apt.installed());
    }

    @Test
    void purgeRemovesThePackageAndThenWhatARemovalLeft() throws Exception {
        update();
        Path conf = apt.root.resolve("etc/" + PKG + ".conf");
        checkRealConverged(Map.of("name", PKG));
        Result removed = checkRealConverged(Map.of("name", PKG, "state", "absent"));
        assertEquals(List.of("remove " + PKG + " 2.0"), removed.descriptions());
        assertEquals("deinstall ok config-files 2.0", apt.dpkgSays());
        assertTrue(Files.exists(conf), "a removal keeps the config files");

        Result purged = checkRealConverged(Map.of("name", PKG, "state", "absent", "purge", true));
        assertEquals(List.of("purge " + PKG + " 2.0 (config files)"), purged.descriptions());
        assertFalse(Files.exists(conf), "purged");
        assertFalse(apt.dpkgSays().contains("config-files"), apt.dpkgSays());

        checkRealConverged(Map.of("name", PKG + "=1.0"));
        Result whole = checkRealConverged(Map.of("name", PKG, "state", "absent", "purge", true));
        assertEquals(List.of("purge " + PKG + " 1.0"), whole.descriptions());
        assertEquals("none", apt.installed());
        assertFalse(Files.exists(conf));
    }

    @Test
    void defaultReleaseInstallsFromTheReleaseNamed() throws Exception {
        apt.release();
        update();
        Result from = checkRealConverged(Map.of("name", PKG, "defaultRelease", SUITE));
        assertEquals("2.0", apt.installed());
        assertTrue(from.data().get("stdout").toString().contains("Setting up " + PKG), from.data().toString());
        Result unknown = run(Map.of("name", PKG + "=1.0", "allowDowngrade", true, "defaultRelease", "gplay-nosuch"), false);
        assertEquals(Status.FAILED, unknown.status());
        assertTrue(unknown.msg().contains("gplay-nosuch"), "apt-get -t was given the release: " + unknown.msg());
        assertEquals("2.0", apt.installed());
        Result option = run(Map.of("name", PKG, "defaultRelease", "-oDebug::X=1"), true);
        assertTrue(option.msg().startsWith("defaultRelease '-oDebug::X=1' is no release"), option.msg());
    }

    @Test
    void policyRcDAnswersWhileAptGetRunsAndTheHostsFileComesBack() throws Exception {
        Path policy = Path.of(PolicyRcD.PATH);
        Needs.require(Files.isWritable(policy.getParent()), PolicyRcD.PATH + " must be writable (run as root)");
        byte[] hosts = Files.exists(policy) ? Files.readAllBytes(policy) : null;
        String hostsMode = hosts == null ? null : PosixFilePermissions.toString(Files.getPosixFilePermissions(policy));
        FileTime hostsTime = hosts == null ? null : Files.getLastModifiedTime(policy);
        // apt-get as the module runs it, first noting what policy-rc.d says while it runs
        Path seen = work.resolve("seen");
        Path spy = apt.dir.resolve("bin/apt-get");
        Files.writeString(spy, "#!/bin/sh\n{ stat -c %a " + PolicyRcD.PATH + "; cat " + PolicyRcD.PATH + "; } > " + seen + "\nexec /usr/bin/apt-get \"$@\"\n");
        assertTrue(spy.toFile().setExecutable(true));
        try {
            Files.writeString(policy, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rwx------"));
            update();
            checkRealConverged(Map.of("name", PKG, "policyRcD", 101));
            assertEquals("755\n#!/bin/sh\nexit 101\n", Files.readString(seen));
            assertEquals("#!/bin/sh\nexit 0\n", Files.readString(policy), "the host's file is back");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(policy)));

            Files.delete(policy);
            Result failed = run(Map.of("name", "gplay-no-such-package", "policyRcD", 101), false);
            assertEquals(Status.FAILED, failed.status());
            assertEquals("755\n#!/bin/sh\nexit 101\n", Files.readString(seen));
            assertFalse(Files.exists(policy), "none was there: none is left, though apt-get failed");
            try (var tmp = Files.list(Path.of("/tmp"))) {
                assertFalse(tmp.anyMatch(p -> p.getFileName().toString().startsWith("gplay-policy-rc.d.")), "no backup is left");
            }
        } finally {
            Files.deleteIfExists(policy);
            if (hosts != null) {
                Files.write(policy, hosts);
                Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString(hostsMode));
                Files.setLastModifiedTime(policy, hostsTime);
            }
        }
    }
}
