package io.gplay.modules.repos;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * yumRepository on files of a temporary reposdir. The files Ansible writes are recorded from ansible-core
 * 2.14.18, each with its command ({@code A} is {@code ansible localhost -m yum_repository}, every run with
 * {@code reposdir=DIR}).
 */
class YumRepositoryModuleTest {
    /** A -a "name=epel description='EPEL YUM repo' baseurl=https://download.fedoraproject.org/pub/epel/\$releasever/\$basearch/
     * gpgcheck=yes gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-9". */
    static final String EPEL = "[epel]\nbaseurl = https://download.fedoraproject.org/pub/epel/$releasever/$basearch/\ngpgcheck = 1\n"
            + "gpgkey = file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-9\nname = EPEL YUM repo\n\n";
    static final Map<String, Object> EPEL_PARAMS = Map.of("name", "epel", "description", "EPEL YUM repo",
            "baseurl", "https://download.fedoraproject.org/pub/epel/$releasever/$basearch/", "gpgcheck", true,
            "gpgkey", "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-9");
    static final String HAND_WRITTEN = "# my repos\n[zeta]\nname = Zeta\nBaseURL=http://z/\n  http://z2/\nenabled: 1\n\n; end\n";
    /** HAND_WRITTEN as ext.repo, then A -a "name=alpha file=ext description=Alpha mirrorlist=http://m/?r=1 enabled=no
     * exclude=kernel*,glibc includepkgs='a b' skip_if_unavailable=true async=true cost=10 baseurl=http://a1/,http://a2/". */
    static final String ANSIBLE_ADDED = "[zeta]\nname = Zeta\nbaseurl = http://z/\n\thttp://z2/\nenabled = 1\n\n"
            + "[alpha]\nasync = 1\nbaseurl = http://a1/\n\thttp://a2/\ncost = 10\nenabled = 0\nexclude = kernel* glibc\nincludepkgs = a b\n"
            + "mirrorlist = http://m/?r=1\nname = Alpha\nskip_if_unavailable = 1\n\n";
    static final Map<String, Object> ALPHA = Map.of("name", "alpha", "file", "ext", "description", "Alpha", "mirrorlist", "http://m/?r=1",
            "enabled", false, "exclude", List.of("kernel*", "glibc"), "includepkgs", "a b", "skipIfUnavailable", true, "async", true,
            "cost", 10);

    @TempDir
    Path dir;

    Result run(Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("reposdir", dir.toString());
        return Harness.run(new YumRepositoryModule(), p, check, new io.gplay.engine.connection.LocalConnection(), Map.of());
    }

    String file(String name) {
        Path f = dir.resolve(name);
        try {
            return Files.exists(f) ? Files.readString(f) : "none";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void checkRealConverged(Map<String, Object> params, String name) {
        Harness.checkRealAgain(check -> run(params, check), () -> file(name));
    }

    @Test
    void writesTheRepoFileAsAnsibleDoes() throws IOException {
        assertEquals(List.of("create " + dir.resolve("epel.repo") + ": set repository epel"), run(EPEL_PARAMS, true).descriptions());
        checkRealConverged(EPEL_PARAMS, "epel.repo");
        assertEquals(EPEL, file("epel.repo"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("epel.repo"))));
        Result r = run(EPEL_PARAMS, false);
        assertEquals("epel", r.registered().get("repo"));
        assertEquals("present", r.registered().get("state"));
    }

    @Test
    void anotherSectionOfTheFileIsRewrittenAsAnsibleRewritesIt() throws IOException {
        Files.writeString(dir.resolve("ext.repo"), HAND_WRITTEN);
        Map<String, Object> p = new HashMap<>(ALPHA);
        p.put("baseurl", List.of("http://a1/", "http://a2/"));
        checkRealConverged(p, "ext.repo");
        assertEquals(ANSIBLE_ADDED, file("ext.repo"));
        p.put("enabled", true);
        checkRealConverged(p, "ext.repo");
        assertTrue(file("ext.repo").contains("\ncost = 10\nenabled = 1\n"), file("ext.repo"));
    }

    @Test
    void absentRemovesTheSectionThenTheFile() throws IOException {
        Files.writeString(dir.resolve("ext.repo"), ANSIBLE_ADDED);
        checkRealConverged(Map.of("name", "zeta", "file", "ext", "state", "absent"), "ext.repo");
        assertEquals(ANSIBLE_ADDED.substring(ANSIBLE_ADDED.indexOf("[alpha]")), file("ext.repo"));
        Result last = run(Map.of("name", "alpha", "file", "ext", "state", "absent"), false);
        assertEquals(List.of("remove " + dir.resolve("ext.repo") + ", left with no repository"), last.descriptions());
        assertEquals("none", file("ext.repo"));
    }

    @Test
    void modeOfTheFileAndACheckRunThatSeesItsFile() throws IOException {
        Map<String, Object> p = new HashMap<>(EPEL_PARAMS);
        p.put("mode", "0600");
        checkRealConverged(p, "epel.repo");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("epel.repo"))));
        p.put("mode", "0640");
        assertEquals(List.of("set mode of " + dir.resolve("epel.repo") + " from 600 to 0640"), run(p, false).descriptions());
        HostContext host = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), new io.gplay.engine.connection.LocalConnection(), true);
        Map<String, Object> other = new HashMap<>(Map.of("name", "other", "file", "epel", "description", "O", "baseurl", "http://o/",
                "reposdir", dir.toString()));
        assertEquals(Status.CHANGED, Harness.run(new YumRepositoryModule(), other, host).status());
        assertEquals(Status.OK, Harness.run(new YumRepositoryModule(), other, host).status());
        assertFalse(file("epel.repo").contains("other"));
    }

    @Test
    void badCallsAndHostileValues() throws IOException {
        checkRealConverged(Map.of("name", "-rf", "description", "$(touch pwned) `id` '\"", "baseurl", "http://x/;rm -rf /"), "-rf.repo");
        assertEquals("[-rf]\nbaseurl = http://x/;rm -rf /\nname = $(touch pwned) `id` '\"\n\n", file("-rf.repo"));
        assertEquals("Parameter 'baseurl', 'metalink' or 'mirrorlist' is required.",
                run(Map.of("name", "x", "description", "X"), false).msg());
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("name", "a]\n[b", "description", "X", "baseurl", "http://x/"),
                Map.<String, Object>of("name", "a", "file", "../a", "description", "X", "baseurl", "http://x/"),
                Map.<String, Object>of("name", "a", "description", "X\ngpgcheck = 0", "baseurl", "http://x/"))) {
            assertEquals(Status.FAILED, run(bad, false).status(), bad.toString());
        }
        Files.writeString(dir.resolve("broken.repo"), "[a]\nname = A\nno delimiter here\n");
        Result broken = run(Map.of("name", "b", "file", "broken", "description", "B", "baseurl", "http://b/"), false);
        assertEquals(dir.resolve("broken.repo") + ":3: not a key = value line: no delimiter here (fix or remove the file)", broken.msg());
        Result noDir = Harness.run(new YumRepositoryModule(), Map.of("name", "a", "description", "A", "baseurl", "http://a/",
                "reposdir", dir.resolve("none").toString()), false, new io.gplay.engine.connection.LocalConnection(), Map.of());
        assertEquals("Repo directory '" + dir.resolve("none") + "' does not exist.", noDir.msg());
        assertEquals(List.of("-rf.repo", "broken.repo"), Files.list(dir).map(f -> f.getFileName().toString()).sorted().toList());
        assertFalse(Files.exists(Path.of("pwned")));
    }
}
