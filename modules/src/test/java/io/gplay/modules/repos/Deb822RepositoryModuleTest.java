package io.gplay.modules.repos;

import io.gplay.engine.connection.Command;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Namespaced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deb822Repository inside a mount namespace with an overlay over /etc/apt (see {@link Namespaced}), so this
 * machine's sources stay as they are. ansible-core 2.14 has no deb822_repository: the files Ansible writes are
 * recorded from 2.15.9's module (lib/ansible/modules/deb822_repository.py of tag v2.15.9, with python3-debian)
 * run by 2.14.18 in such a namespace, {@code A} standing for {@code ansible localhost -M LIB -m deb822_repository},
 * and KEY for src/test/resources/repos/test-key.asc.
 */
class Deb822RepositoryModuleTest {
    /** A -a "name=Docker_CE types=deb,deb-src uris=https://download.docker.com/linux/debian suites=bookworm components=stable,extra
     * architectures=amd64 signed_by=KEY enabled=yes trusted=no check_date=no date_max_future=10", KEY's path for %s. */
    static final String DOCKER = "X-Repolib-Name: Docker_CE\nTypes: deb deb-src\nURIs: https://download.docker.com/linux/debian\n"
            + "Suites: bookworm\nComponents: stable extra\nArchitectures: amd64\nSigned-By: %s\nEnabled: yes\nTrusted: no\nCheck-Date: no\n"
            + "Date-Max-Future: 10\n";
    /** A -a "name='My Repo' uris=http://example.com/debian suites=stable components=main signed_by='{{ lookup("file", KEY) }}' mode=0600":
     * its defaulted Types last. */
    static final String INLINE = "X-Repolib-Name: My Repo\nURIs: http://example.com/debian\nSuites: stable\nComponents: main\nSigned-By:\n"
            + "    -----BEGIN PGP PUBLIC KEY BLOCK-----\n    .\n    mDMEaxbZWxYJKwYBBAHaRw8BAQdAKdCpKALu8mOyegmJU2BGBge94FG5S4yoGDvM\n"
            + "    8Zgz+/q0FFRlc3QgPHRAZXhhbXBsZS5vcmc+iJAEExYIADgWIQRhS6nhH9FErqEG\n    S8tILq3HCK8jFAUCaxbZWwIbAwULCQgHAgYVCgkICwIEFgIDAQIeAQIXgAAKCRBI\n"
            + "    Lq3HCK8jFOp1AQCO84Sp2Tcby77xJKH8sHmGjTteSs/II/zGC9rUJ2QxPAEAkGNg\n    6Dpn3r395MzLtjqurOg6dIROyLgQeEbS1FfKWw8=\n    =spbf\n"
            + "    -----END PGP PUBLIC KEY BLOCK-----\nTypes: deb\n";
    /** A -a "name=web uris=http://example.com/web suites=./ signed_by=file://KEY". */
    static final String WEB = "X-Repolib-Name: web\nTypes: deb\nURIs: http://example.com/web\nSuites: ./\nSigned-By: /etc/apt/keyrings/web.asc\n";

    @TempDir
    Path work;
    Namespaced ns;
    Path key;
    String armored;

    @BeforeEach
    void namespace() throws IOException {
        ns = new Namespaced(work, "/etc/apt");
        try (InputStream in = getClass().getResourceAsStream("/repos/test-key.asc")) {
            armored = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        key = Files.writeString(work.resolve("k.asc"), armored);
    }

    @AfterEach
    void end() {
        ns.close();
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new Deb822RepositoryModule(), params, check, ns, Map.of());
    }

    String file(String path) {
        return ns.exec(Command.probe("test -f '" + path + "'")).ok() ? ns.sh("cat '" + path + "'") : "none";
    }

    String state() {
        return ns.sh("ls -l /etc/apt/sources.list.d; ls -l /etc/apt/keyrings 2>/dev/null; cat /etc/apt/sources.list.d/* /etc/apt/keyrings/* 2>/dev/null; true");
    }

    void checkRealConverged(Map<String, Object> params) {
        Harness.checkRealAgain(check -> run(params, check), this::state);
    }

    @Test
    void writesTheStanzaAsAnsibleDoes() {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("name", "Docker_CE", "types", List.of("deb", "deb-src"),
                "uris", "https://download.docker.com/linux/debian", "suites", "bookworm", "components", List.of("stable", "extra"),
                "architectures", "amd64", "signedBy", key.toString(), "enabled", true, "trusted", false, "checkDate", false));
        p.put("dateMaxFuture", 10);
        checkRealConverged(p);
        String dest = "/etc/apt/sources.list.d/docker-ce.sources";
        assertEquals(String.format(DOCKER, key), file(dest));
        assertEquals("644", ns.sh("stat -c %a " + dest).strip());
        Result r = run(p, false);
        assertEquals(dest, r.registered().get("dest"));
        assertEquals(key.toString(), r.registered().get("key_filename"));
        assertEquals(String.format(DOCKER, key), r.registered().get("repo"));
    }

    @Test
    void anInlineKeyAndAFileAnsibleWroteInAnotherOrderConverges() throws IOException {
        Map<String, Object> p = Map.of("name", "My Repo", "uris", "http://example.com/debian", "suites", "stable", "components", "main",
                "signedBy", armored, "mode", "0600");
        checkRealConverged(p);
        assertEquals("600", ns.sh("stat -c %a /etc/apt/sources.list.d/my-repo.sources").strip());
        assertTrue(file("/etc/apt/sources.list.d/my-repo.sources").startsWith("X-Repolib-Name: My Repo\nTypes: deb\n"));
        ns.sh("cp " + Files.writeString(work.resolve("inline"), INLINE) + " /etc/apt/sources.list.d/my-repo.sources");
        Result r = run(p, false);
        assertEquals(Status.OK, r.status(), r.descriptions().toString());
        assertEquals(INLINE, file("/etc/apt/sources.list.d/my-repo.sources"), "Ansible's file stays as it is");
        assertNull(r.registered().get("key_filename"));
        Map<String, Object> other = new HashMap<>(p);
        other.put("mode", "0644");
        assertEquals(List.of("set mode of /etc/apt/sources.list.d/my-repo.sources from 600 to 0644"), run(other, false).descriptions());
    }

    @Test
    void aKeyAtAUrlIsDownloadedToTheKeyringsThenAbsentRemovesBoth() {
        Map<String, Object> p = Map.of("name", "web", "uris", "http://example.com/web", "suites", "./", "signedBy", "file://" + key);
        assertEquals(List.of("download the key file://" + key + " to /etc/apt/keyrings/web.asc", "create /etc/apt/sources.list.d/web.sources"),
                run(p, true).descriptions());
        checkRealConverged(p);
        assertEquals(WEB, file("/etc/apt/sources.list.d/web.sources"));
        assertEquals(armored, file("/etc/apt/keyrings/web.asc"));
        assertEquals("644", ns.sh("stat -c %a /etc/apt/keyrings/web.asc").strip());
        Map<String, Object> absent = Map.of("name", "web", "state", "absent");
        assertEquals(List.of("remove /etc/apt/sources.list.d/web.sources", "remove /etc/apt/keyrings/web.asc"), run(absent, true).descriptions());
        checkRealConverged(absent);
        assertEquals("none", file("/etc/apt/sources.list.d/web.sources"));
        assertEquals("none", file("/etc/apt/keyrings/web.asc"));
        Result failed = run(Map.of("name", "web", "uris", "http://example.com/web", "suites", "./", "signedBy", "file://" + work.resolve("none")), false);
        assertTrue(failed.msg().startsWith("Could not fetch signed_by key: "), failed.msg());
    }

    @Test
    void aCheckRunSeesTheFileItWouldWrite() {
        HostContext host = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), ns, true);
        Map<String, Object> p = Map.of("name", "web", "uris", "http://example.com/web", "suites", "./", "signedBy", "file://" + key);
        assertEquals(Status.CHANGED, Harness.run(new Deb822RepositoryModule(), p, host).status());
        assertEquals(Status.OK, Harness.run(new Deb822RepositoryModule(), p, host).status());
        assertEquals("none", file("/etc/apt/sources.list.d/web.sources"));
    }

    @Test
    void hostileValuesStayData() {
        Map<String, Object> p = Map.of("name", "x $(touch pwned) `id` '\"", "uris", "http://x.example/$(touch pwned)'\"", "suites", "-rf");
        checkRealConverged(p);
        assertEquals("X-Repolib-Name: x $(touch pwned) `id` '\"\nTypes: deb\nURIs: http://x.example/$(touch pwned)'\"\nSuites: -rf\n",
                file("/etc/apt/sources.list.d/x-touch-pwned-id-.sources"));
        assertEquals(Status.FAILED, run(Map.of("name", "y", "uris", "http://x/\nTypes: deb-src", "suites", "a"), false).status());
        assertEquals(List.of("create /etc/apt/sources.list.d/x.sources"), run(Map.of("name", "../../x", "uris", "http://x/", "suites", "a"), true).descriptions());
        assertEquals(Status.FAILED, run(Map.of("name", "$()", "uris", "http://x/", "suites", "a"), false).status(), "no letter: no file name");
        assertEquals(Status.CHANGED, run(Map.of("name", "z", "uris", "http://x/", "suites", "a", "signedBy", "file:///x\nurl = \"file:///etc/shadow\""), false).status());
        assertEquals("X-Repolib-Name: z\nTypes: deb\nURIs: http://x/\nSuites: a\nSigned-By:\n    file:///x\n    url = \"file:///etc/shadow\"\n",
                file("/etc/apt/sources.list.d/z.sources"), "a signed_by of several lines is key text, each line indented");
        assertEquals("types must be deb or deb-src, got [deb, rpm]",
                run(Map.of("name", "y", "types", List.of("deb", "rpm"), "uris", "http://x/", "suites", "a"), false).msg());
        assertFalse(Files.exists(Path.of("pwned")));
        assertFalse(Files.exists(work.resolve("pwned")));
    }
}
