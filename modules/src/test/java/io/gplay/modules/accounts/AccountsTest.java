package io.gplay.modules.accounts;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.Predictions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user and group modules against the real groupadd, useradd, usermod, userdel and chpasswd, in a throw-away
 * namespace whose /etc and /home are overlays (see {@link Namespaced}): this machine's accounts are never touched.
 */
class AccountsTest {
    static final Map<String, Object> FACTS = Map.of("osFamily", "Debian");
    /** A SHA-512 crypt(3) hash of "secret" (openssl passwd -6 -salt saltsalt secret). */
    static final String HASH = "$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1";

    @TempDir
    Path work;
    Namespaced ns;

    @BeforeEach
    void namespace() throws IOException {
        ns = new Namespaced(work, "/etc", "/home");
    }

    @AfterEach
    void end() {
        ns.close();
    }

    record Task(Module module, Map<String, Object> params) {
    }

    static Task group(Map<String, Object> p) {
        return new Task(new GroupModule(), p);
    }

    static Task user(Map<String, Object> p) {
        return new Task(new UserModule(), p);
    }

    /** Runs tasks in order on one host context, as a play does: a check run's tasks see each other's predictions. */
    List<Result> play(boolean check, Task... tasks) {
        HostContext where = HostContext.builder().host(new Host("ns", List.of(), Map.of())).facts(FACTS).connection(ns)
                .check(check).predictions(new Predictions()).build();
        List<Result> results = new ArrayList<>();
        for (Task t : tasks) {
            results.add(Harness.run(t.module(), t.params(), where));
        }
        return results;
    }

    static List<String> changes(List<Result> results) {
        List<String> all = new ArrayList<>();
        results.forEach(r -> {
            all.addAll(r.descriptions());
            r.diffs().forEach(d -> all.add(d.unified()));
        });
        return all;
    }

    static List<Status> statuses(List<Result> results) {
        return results.stream().map(Result::status).toList();
    }

    String etc(String file) throws IOException {
        return ns.sh("cat /etc/" + file);
    }

    /** A check run predicts exactly the changes the real run then makes, writes nothing, and the next run is ok. */
    void firstCheckRealConverged(Task... tasks) throws IOException {
        String passwd = etc("passwd") + etc("group") + etc("shadow");
        List<Result> check = play(true, tasks);
        check.forEach(r -> assertTrue(r.status() == Status.CHANGED || r.status() == Status.OK, r.msg()));
        assertEquals(passwd, etc("passwd") + etc("group") + etc("shadow"), "a check run wrote nothing");
        List<Result> real = play(false, tasks);
        assertEquals(statuses(check), statuses(real), real.toString());
        assertEquals(changes(check), changes(real));
        List<Result> again = play(false, tasks);
        assertEquals(List.of(), changes(again), "the second run changes nothing");
        again.forEach(r -> assertEquals(Status.OK, r.status(), r.msg()));
    }

    @Test
    void groupAddedGidChangedRemoved() throws IOException {
        firstCheckRealConverged(group(Map.of("name", "builders", "gid", 2345)));
        assertTrue(etc("group").contains("builders:x:2345:"), etc("group"));
        firstCheckRealConverged(group(Map.of("name", "builders", "gid", 2346)));
        assertTrue(etc("group").contains("builders:x:2346:"));
        Result r = play(false, group(Map.of("name", "builders"))).get(0);
        assertEquals(Status.OK, r.status());
        assertEquals(2346, r.registered().get("gid"));
        firstCheckRealConverged(group(Map.of("name", "builders", "state", "absent")));
        assertFalse(etc("group").contains("builders:"));
    }

    @Test
    void userWithAGroupTheSameCheckRunWouldAdd() throws IOException {
        firstCheckRealConverged(group(Map.of("name", "deployers", "gid", 2400)),
                group(Map.of("name", "ops")),
                user(Map.of("name", "deploy", "uid", 2400, "group", "deployers", "groups", List.of("ops"),
                        "shell", "/bin/bash", "comment", "Deploy User", "home", "/home/apps/deploy", "password", HASH)));
        assertTrue(etc("passwd").contains("deploy:x:2400:2400:Deploy User:/home/apps/deploy:/bin/bash\n"), etc("passwd"));
        assertTrue(etc("shadow").contains("deploy:" + HASH + ":"));
        assertTrue(etc("group").contains("ops:x:") && etc("group").matches("(?s).*ops:x:\\d+:deploy\n.*"));
        assertTrue(ns.sh("test -d /home/apps/deploy && echo yes").contains("yes"), "its home was made, with the folder above it");
        Result registered = play(false, user(Map.of("name", "deploy"))).get(0);
        assertEquals(2400, registered.registered().get("uid"));
        assertEquals("/bin/bash", registered.registered().get("shell"));
    }

    @Test
    void changesOnlyWhatDiffersAndShowsItAsADiff() throws IOException {
        play(false, group(Map.of("name", "a")), group(Map.of("name", "b")),
                user(Map.of("name", "ann", "groups", List.of("a"), "shell", "/bin/sh")));
        firstCheckRealConverged(user(Map.of("name", "ann", "shell", "/bin/bash", "groups", List.of("b"), "append", true)));
        assertTrue(etc("passwd").contains(":/bin/bash\n"));
        assertTrue(ns.sh("id -Gn ann").contains("a") && ns.sh("id -Gn ann").contains("b"), "append kept group a");
        List<Result> exact = play(false, user(Map.of("name", "ann", "groups", "b")));
        assertEquals(List.of("change user ann: groups"), exact.get(0).descriptions());
        assertTrue(exact.get(0).diffs().get(0).unified().contains("-groups: a,b\n+groups: b"), exact.get(0).diffs().get(0).unified());
        assertFalse(ns.sh("id -Gn ann").matches("(?s).*\\ba\\b.*"), ns.sh("id -Gn ann"));
    }

    @Test
    void passwordLockAndRemoval() throws IOException {
        play(false, user(Map.of("name", "bob")));
        firstCheckRealConverged(user(Map.of("name", "bob", "password", HASH)));
        Result pw = play(false, user(Map.of("name", "bob", "password", HASH.replace("saltsalt", "pepper12")))).get(0);
        assertEquals(List.of("set user bob's password"), pw.descriptions());
        assertFalse(pw.toString().contains("pepper12"), "the hash is in no description or diff");
        assertEquals("NOT_LOGGING_PASSWORD", pw.registered().get("password"));
        firstCheckRealConverged(user(Map.of("name", "bob", "passwordLock", true)));
        assertTrue(etc("shadow").contains("bob:!$6$pepper12"));
        firstCheckRealConverged(user(Map.of("name", "bob", "state", "absent", "remove", true)));
        assertFalse(etc("passwd").contains("bob:"));
        assertTrue(ns.sh("test -e /home/bob || echo gone").contains("gone"));
    }

    @Test
    void missingGroupFailsBeforeAnyChange() throws IOException {
        String before = etc("passwd");
        Result r = play(false, user(Map.of("name", "carl", "groups", List.of("nosuch")))).get(0);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("Group nosuch does not exist"), r.msg());
        assertEquals(before, etc("passwd"));
    }

    @Test
    void hostileValuesStayData() throws IOException {
        String name = "x;$(id)`id`'\"\\|&";
        String comment = "a\"; $(touch pwned) `touch pwned` ' \\";
        firstCheckRealConverged(group(Map.of("name", name)), user(Map.of("name", "dan", "comment", comment, "groups", name)));
        assertTrue(etc("group").contains(name + ":x:"), etc("group"));
        assertEquals(comment, play(false, user(Map.of("name", "dan"))).get(0).registered().get("comment"));
        for (String bad : List.of("-rf", "~a", "a:b", "a b", "a\nb", "a".repeat(33))) {
            Result r = play(false, user(Map.of("name", bad))).get(0);
            assertEquals(Status.FAILED, r.status());
            assertTrue(r.msg().contains("is not a valid account name"), r.msg());
        }
        Result colon = play(true, user(Map.of("name", "dan", "comment", "a:b"))).get(0);
        assertEquals(Status.FAILED, colon.status(), "refused in a check run too, as usermod refuses it");
        assertTrue(colon.msg().contains("may not hold ':'"), colon.msg());
        assertFalse(Files.exists(Path.of("pwned")));
    }
}
