package io.gplay.modules.system;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package module on yum and dnf, which do not run on Debian: stand-ins of rpm and yum (or dnf) first on PATH
 * log each command line the module runs and answer as the real ones do. check-update answers with real output,
 * recorded on CentOS 6 ("Yum command: check-update before updating CentOS/RHEL", geekcorner.sitedevelopments.net,
 * 2014): a banner, then NAME.ARCH VERSION REPO per update, exit code 100 (0: none), as yum(8) documents.
 */
class PackageYumTest {
    static final String CHECK_UPDATE = """
            Loaded plugins: fastestmirror, refresh-packagekit, security
            Determining fastest mirrors
             * base: ftp.lysator.liu.se
             * updates: mirror.easyspeedy.com

            coreutils.x86_64                       8.4-31.el6_5.1                    updates
            coreutils-libs.x86_64                  8.4-31.el6_5.1                    updates
            """;

    @TempDir
    Path work;
    Path bin;

    @BeforeEach
    void standIns() throws Exception {
        bin = Files.createDirectories(work.resolve("bin"));
        Files.writeString(work.resolve("installed"), "coreutils-8.4-31.el6\ncoreutils-libs-8.4-31.el6\n");
        Files.writeString(work.resolve("check-update.out"), CHECK_UPDATE);
        // rpm -q -- SPEC: a package installed under that name, or NAME-VERSION; --whatprovides knows no capability
        stub("rpm", "[ \"$2\" = --whatprovides ] && exit 1; grep -q -e \"^$3-[0-9]\" -e \"^$3\\$\" \"$W/installed\"");
        String mgr = """
                printf '%s\\n' "$(basename "$0") $*" >> "$W/calls"
                for a; do case "$a" in check-update) cat "$W/check-update.out"; exit 100;; install|update|upgrade) v=new;; remove) v=rm;; esac; done
                [ -z "$v" ] && exit 0
                seen=; for a; do [ -n "$seen" ] && { [ $v = rm ] && sed -i "/^$a-/d" "$W/installed" || echo "$a-9.9" >> "$W/installed"; }; [ "$a" = -- ] && seen=1; done
                exit 0
                """;
        stub("yum", mgr);
        stub("dnf", mgr);
    }

    void stub(String name, String body) throws Exception {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        assertTrue(p.toFile().setExecutable(true));
    }

    Result run(String mgr, Map<String, Object> params, boolean check) {
        return Harness.run(new PackageModule(), new HashMap<>(params), check, new PathFirstConnection(bin, Map.of("W", work.toString())),
                Map.of("pkgMgr", mgr));
    }

    List<String> calls() throws Exception {
        Path f = work.resolve("calls");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void latestUpgradesWhatCheckUpdateListsWithTheTasksRepositories() throws Exception {
        Map<String, Object> p = Map.of("name", List.of("coreutils", "nginx-1.20.1"), "state", "latest",
                "disablerepo", "*", "enablerepo", List.of("base", "updates"));
        Result check = run("yum", p, true);
        assertEquals(List.of("install nginx-1.20.1", "upgrade coreutils"), check.descriptions());
        assertEquals(List.of("yum -q --disablerepo=* --enablerepo=base,updates check-update -- coreutils"), calls(), "check mode only asked");
        Result real = run("yum", p, false);
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(List.of("yum -q --disablerepo=* --enablerepo=base,updates -y install -- nginx-1.20.1",
                "yum -q --disablerepo=* --enablerepo=base,updates -y update -- coreutils"), calls().subList(2, 4));
        assertEquals(List.of("coreutils"), real.data().get("installed"));
        assertEquals(List.of("nginx-1.20.1", "coreutils"), real.data().get("packages"));

        Files.writeString(work.resolve("check-update.out"), "");
        stub("yum", "printf '%s\\n' \"yum $*\" >> \"$W/calls\"; exit 0");
        Result none = run("yum", p, false);
        assertEquals(Status.OK, none.status());
        assertEquals("nothing to do: coreutils is installed, with no update (yum check-update); nginx-1.20.1 is installed, with no update (yum check-update)", none.msg());
    }

    @Test
    void dnfUpgradesAndRefreshesItsMetadataWithoutAChange() throws Exception {
        Result r = run("dnf", Map.of("name", "coreutils-libs", "state", "latest", "updateCache", true), false);
        assertEquals(List.of("upgrade coreutils-libs"), r.descriptions());
        assertEquals(List.of("dnf -q makecache --refresh", "dnf -q check-update -- coreutils-libs", "dnf -q -y upgrade -- coreutils-libs"), calls());
        assertEquals(true, r.data().get("cache_updated"));
        Result onlyCache = run("dnf", Map.of("updateCache", true), false);
        assertEquals(Status.OK, onlyCache.status(), "fresh metadata is no change, as in Ansible");
    }

    @Test
    void presentAndAbsentFollowRpm() throws Exception {
        assertEquals(Status.OK, run("yum", Map.of("name", "coreutils"), false).status());
        Result gone = run("yum", Map.of("name", List.of("coreutils-libs", "httpd"), "state", "absent"), false);
        assertEquals(List.of("remove coreutils-libs"), gone.descriptions());
        assertEquals(List.of("yum -q -y remove -- coreutils-libs"), calls());
        assertFalse(Files.readString(work.resolve("installed")).contains("coreutils-libs"));
    }

    @Test
    void aptsParametersAreRefusedAndHostileNamesStayData() throws Exception {
        Result deb = run("yum", Map.of("name", "x", "deb", "/tmp/x.deb"), true);
        assertEquals("deb is not for yum (local's package manager): drop it, or set it only where apt runs", deb.msg());
        String marker = work.resolve("pwned").toString();
        run("yum", Map.of("name", "x$(touch " + marker + ");touch " + marker, "enablerepo", "a';touch " + marker + "'"), false);
        assertTrue(calls().get(calls().size() - 1).endsWith("install -- x$(touch " + marker + ");touch " + marker), calls().toString());
        assertFalse(Files.exists(Path.of(marker)));
        assertTrue(run("yum", Map.of("name", "-y"), true).msg().startsWith("'-y' is no package"));
        for (String apts : List.of("purge", "defaultRelease", "policyRcD")) {
            Object v = apts.equals("purge") ? true : apts.equals("policyRcD") ? 101 : "bookworm";
            assertEquals(apts + " is not for dnf (local's package manager): drop it, or set it only where apt runs",
                    run("dnf", Map.of("name", "x", apts, v), true).msg());
        }
        assertEquals("allowerasing is not for yum (local's package manager): drop it, or set it only where dnf runs",
                run("yum", Map.of("name", "x", "allowerasing", true), true).msg());
    }

    @Test
    void excludeGoesOnInstallsUpgradesAndTheirCheckUpdate() throws Exception {
        String marker = work.resolve("pwned").toString();
        Map<String, Object> p = Map.of("name", List.of("coreutils", "nginx"), "state", "latest", "exclude", List.of("kernel*", "x';touch " + marker + "'"));
        Result r = run("yum", p, false);
        assertEquals(List.of("install nginx", "upgrade coreutils"), r.descriptions());
        assertEquals(List.of("yum -q --exclude=kernel* --exclude=x';touch " + marker + "' check-update -- coreutils",
                "yum -q -y --exclude=kernel* --exclude=x';touch " + marker + "' install -- nginx",
                "yum -q -y --exclude=kernel* --exclude=x';touch " + marker + "' update -- coreutils"), calls(), "each value one argument, never run");
        assertFalse(Files.exists(Path.of(marker)));
        Result gone = run("yum", Map.of("name", "nginx", "state", "absent", "exclude", "kernel*"), false);
        assertEquals("yum -q -y remove -- nginx", calls().get(calls().size() - 1), "a removal excludes nothing");
        assertEquals(Status.CHANGED, gone.status());
        assertTrue(run("dnf", Map.of("name", "x", "exclude", "-y"), true).msg().startsWith("exclude '-y' is no package"));
    }

    @Test
    void allowerasingGoesOnDnfsInstall() throws Exception {
        Result r = run("dnf", Map.of("name", "nginx", "allowerasing", true), false);
        assertEquals(List.of("install nginx"), r.descriptions());
        assertEquals(List.of("dnf -q -y --allowerasing install -- nginx"), calls());
        assertEquals(Status.OK, run("dnf", Map.of("name", "nginx", "allowerasing", true), false).status());
    }
}
