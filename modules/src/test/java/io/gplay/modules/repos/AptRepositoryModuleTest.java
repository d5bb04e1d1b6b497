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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * aptRepository on this machine's real apt, inside a mount namespace with an overlay over /etc/apt and
 * /var/lib/apt (see {@link Namespaced}): the module writes /etc/apt/sources.list.d as on any host, and this
 * machine's own lists stay as they are. Apt's own lists are emptied in the namespace first, so apt-get update
 * reads only a repository of a temporary folder. The lists Ansible writes are recorded from ansible-core 2.14.18,
 * run in such a namespace: {@code ansible localhost -m apt_repository -a "repo='...' update_cache=no"}.
 */
class AptRepositoryModuleTest {
    static final String DOCKER = "deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.gpg] https://user:pw@download.docker.com/linux/debian bookworm stable";
    static final String SOURCES = "deb http://deb.debian.org/debian bookworm main\n#deb   http://example.com/old  stable main # old one\n";

    @TempDir
    Path work;
    Namespaced ns;

    @BeforeEach
    void namespace() throws IOException {
        ns = new Namespaced(work, "/etc/apt", "/var/lib/apt");
        ns.sh("rm -f /etc/apt/sources.list.d/* /etc/apt/sources.list /var/lib/apt/lists/*_Packages*");
    }

    @AfterEach
    void end() {
        ns.close();
    }

    Result run(Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.putIfAbsent("updateCache", false);
        return Harness.run(new AptRepositoryModule(), p, check, ns, Map.of());
    }

    String lists() {
        return ns.sh("for f in /etc/apt/sources.list /etc/apt/sources.list.d/*; do [ -f \"$f\" ] && echo \"== $f\" && cat \"$f\"; done; true");
    }

    String file(String path) {
        return ns.exec(Command.probe("cat " + path)).ok() ? ns.sh("cat '" + path + "'") : "none";
    }

    void put(String path, String text) throws IOException {
        Path t = Files.writeString(work.resolve("put"), text);
        ns.sh("cp " + t + " '" + path + "'");
    }

    void checkRealConverged(Map<String, Object> params) {
        Harness.checkRealAgain(check -> run(params, check), this::lists);
    }

    @Test
    void aNewLineGoesToAListNamedFromItsUriAsAnsibleNamesIt() throws IOException {
        put("/etc/apt/sources.list", SOURCES);
        String file = "/etc/apt/sources.list.d/download_docker_com_linux_debian.list";
        Result r = run(Map.of("repo", DOCKER, "updateCache", true), true);
        assertEquals(List.of("create " + file, "update the apt cache (apt-get update)"), r.descriptions());
        checkRealConverged(Map.of("repo", DOCKER));
        assertEquals(DOCKER + "\n", file(file));
        assertEquals("644", ns.sh("stat -c %a " + file).strip());
        assertEquals(SOURCES, file("/etc/apt/sources.list"), "the other lists keep their bytes");
        Result again = run(Map.of("repo", DOCKER), false);
        assertEquals(Map.of("repo", DOCKER, "state", "present"), Map.of("repo", again.registered().get("repo"), "state", again.registered().get("state")));
    }

    @Test
    void aLineCommentedOutElsewhereIsEnabledThere() throws IOException {
        put("/etc/apt/sources.list", SOURCES);
        checkRealConverged(Map.of("repo", "deb  http://example.com/old stable main", "filename", "other"));
        assertEquals("deb http://deb.debian.org/debian bookworm main\ndeb http://example.com/old stable main # old one\n",
                file("/etc/apt/sources.list"));
        assertEquals("", ns.sh("ls /etc/apt/sources.list.d"));
        assertEquals(Status.OK, run(Map.of("repo", "deb http://deb.debian.org/debian bookworm main"), false).status(), "a line already there");
    }

    @Test
    void filenameAndModeOfANewList() {
        checkRealConverged(Map.of("repo", "deb-src http://example.com/x stable main", "filename", "myrepo", "mode", "0600"));
        assertEquals("deb-src http://example.com/x stable main\n", file("/etc/apt/sources.list.d/myrepo.list"));
        assertEquals("600", ns.sh("stat -c %a /etc/apt/sources.list.d/myrepo.list").strip());
    }

    @Test
    void absentRemovesTheEnabledLinesAndAListLeftEmpty() throws IOException {
        put("/etc/apt/sources.list", "#comment\ndeb http://a.example/ x main\n#deb http://b.example/ y main\n\n");
        put("/etc/apt/sources.list.d/a.list", "deb http://a.example/ x main\n");
        Result r = run(Map.of("repo", "deb http://a.example/ x main", "state", "absent"), true);
        assertEquals(List.of("update /etc/apt/sources.list", "remove /etc/apt/sources.list.d/a.list, left with no line"), r.descriptions());
        checkRealConverged(Map.of("repo", "deb http://a.example/ x main", "state", "absent"));
        assertEquals("# comment\n# deb http://b.example/ y main\n\n", file("/etc/apt/sources.list"));
        assertEquals("none", file("/etc/apt/sources.list.d/a.list"));
        assertEquals(Status.OK, run(Map.of("repo", "deb http://b.example/ y main", "state", "absent"), false).status(),
                "a commented-out line is no source to remove");
    }

    @Test
    void updatesTheCacheFromTheNewRepositoryAndPutsTheListsBackWhenItFails() throws IOException {
        work.toFile().setExecutable(true, false); // apt's methods run as _apt
        Path repo = Files.createDirectories(work.resolve("repo"));
        Files.writeString(repo.resolve("Packages"), "");
        String line = "deb [trusted=yes] file:" + repo + " ./";
        Result r = run(Map.of("repo", line, "updateCache", true), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertTrue(ns.sh("ls /var/lib/apt/lists").contains(repo.toString().substring(1).replace('/', '_')), ns.sh("ls /var/lib/apt/lists"));
        Result again = run(Map.of("repo", line, "updateCache", true), false);
        assertEquals(Status.OK, again.status());
        assertEquals(List.of(), again.descriptions(), "no list changed: no apt-get update");
        Result failed = run(Map.of("repo", "deb [trusted=yes] file:" + work.resolve("none") + " ./", "updateCache", true,
                "updateCacheRetries", 1), false);
        assertEquals(Status.FAILED, failed.status());
        assertTrue(failed.msg().startsWith("Failed to update apt cache: "), failed.msg());
        assertEquals("== /etc/apt/sources.list.d/file_" + work.toString().substring(1).replaceAll("[^a-zA-Z0-9]+", "_") + "_repo.list\n" + line + "\n", lists());
    }

    @Test
    void aCheckRunSeesTheListsItWouldWrite() {
        HostContext host = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), ns, true);
        Map<String, Object> p = Map.of("repo", "deb http://a.example/ x main", "updateCache", false);
        assertEquals(Status.CHANGED, Harness.run(new AptRepositoryModule(), p, host).status());
        assertEquals(Status.OK, Harness.run(new AptRepositoryModule(), p, host).status());
        Result gone = Harness.run(new AptRepositoryModule(), Map.of("repo", "deb http://a.example/ x main", "state", "absent", "updateCache", false), host);
        assertEquals(List.of("remove /etc/apt/sources.list.d/a_example.list, left with no line"), gone.descriptions());
        assertEquals("", lists());
    }

    @Test
    void hostileValuesStayData() {
        checkRealConverged(Map.of("repo", "deb http://x.example/$(touch pwned)`id`'\" stable main # a comment, as in Ansible, is left out", "filename", "-rf"));
        assertEquals("deb http://x.example/$(touch pwned)`id`'\" stable main\n", file("/etc/apt/sources.list.d/-rf.list"));
        for (String bad : List.of("deb http://x/ a main\ndeb http://evil/ b main", "rm -rf /", "# deb http://x/ a main")) {
            Result r = run(Map.of("repo", bad), false);
            assertEquals(Status.FAILED, r.status(), bad);
        }
        Result relative = run(Map.of("repo", "deb http://x/ a main", "filename", "../../x"), false);
        assertEquals(Status.FAILED, relative.status());
        assertFalse(Files.exists(Path.of("pwned")));
        assertFalse(Files.exists(work.resolve("pwned")));
    }
}
