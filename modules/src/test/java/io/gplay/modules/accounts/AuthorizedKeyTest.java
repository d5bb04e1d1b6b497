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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * authorizedKey against real accounts and files in a throw-away namespace over overlays of /etc and /home
 * ({@link Namespaced}); the file Ansible writes is recorded from ansible.posix's authorized_key 1.5.
 */
class AuthorizedKeyTest {
    static final String K1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOne one@ci";
    static final String K2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITwo";
    static final String OLD = "# managed keys\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 old@host";
    /**
     * What {@code ansible localhost -c local -m ansible.posix.authorized_key -a "user=root path=FILE manage_dir=false
     * key='K1\nK2' key_options='from=\"10.0.0.0/8\",no-pty'"} left in a file holding OLD (ansible-core 2.14.18).
     */
    static final String ANSIBLE_WROTE = "# managed keys\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 old@host\n"
            + "from=\"10.0.0.0/8\",no-pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOne one@ci\n"
            + "from=\"10.0.0.0/8\",no-pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITwo \n";

    @TempDir
    Path work;
    Namespaced ns;

    @BeforeEach
    void namespace() throws IOException {
        ns = new Namespaced(work, "/etc", "/home");
        ns.sh("useradd -m -d /home/deploy deploy");
    }

    @AfterEach
    void end() {
        ns.close();
    }

    List<Result> play(boolean check, Module module, Map<String, Object> params) {
        return play(check, List.of(module), List.of(params));
    }

    List<Result> play(boolean check, List<Module> modules, List<Map<String, Object>> params) {
        HostContext where = HostContext.builder().host(new Host("ns", List.of(), Map.of())).facts(Map.of())
                .connection(ns).check(check).predictions(new Predictions()).build();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            results.add(Harness.run(modules.get(i), params.get(i), where));
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

    String keys() {
        return ns.sh("cat /home/deploy/.ssh/authorized_keys");
    }

    /** Check run predicts the real run's changes and writes nothing; the next run is ok. */
    void checkRealConverged(Map<String, Object> params) {
        String before = ns.sh("cat /home/deploy/.ssh/authorized_keys 2>/dev/null || echo none");
        List<Result> check = play(true, new AuthorizedKeyModule(), params);
        assertEquals(Status.CHANGED, check.get(0).status(), check.get(0).msg());
        assertEquals(before, ns.sh("cat /home/deploy/.ssh/authorized_keys 2>/dev/null || echo none"));
        List<Result> real = play(false, new AuthorizedKeyModule(), params);
        assertEquals(Status.CHANGED, real.get(0).status(), real.get(0).msg());
        assertEquals(changes(check), changes(real));
        Result again = play(false, new AuthorizedKeyModule(), params).get(0);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
    }

    @Test
    void newFileInANewFolderOwnedByTheUser() {
        checkRealConverged(Map.of("user", "deploy", "key", K1));
        assertEquals(K1 + "\n", keys());
        assertEquals("deploy 700\ndeploy 600\n", ns.sh("stat -c '%U %a' /home/deploy/.ssh /home/deploy/.ssh/authorized_keys"));
    }

    @Test
    void aFileAnsibleWroteConvergesAndEveryOtherByteStays() {
        ns.sh("mkdir -p /home/deploy/.ssh && printf '%s' '" + OLD + "' > /home/deploy/.ssh/authorized_keys");
        Map<String, Object> task = Map.of("user", "deploy", "key", K1 + "\n" + K2, "keyOptions", "from=\"10.0.0.0/8\",no-pty");
        checkRealConverged(task);
        assertEquals(ANSIBLE_WROTE, keys(), "the same bytes Ansible writes");
        checkRealConverged(Map.of("user", "deploy", "key", K2, "comment", "two@ci"));
        assertEquals(ANSIBLE_WROTE.replace("from=\"10.0.0.0/8\",no-pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITwo \n", K2 + " two@ci\n"),
                keys(), "a changed key is rewritten where it stands, with the options and comment asked");
        checkRealConverged(Map.of("user", "deploy", "key", K1, "exclusive", true));
        assertEquals("# managed keys\n" + K1 + "\n", keys(), "exclusive kept the comment line");
        checkRealConverged(Map.of("user", "deploy", "key", K1, "state", "absent"));
        assertEquals("# managed keys\n", keys());
    }

    @Test
    void aCheckRunTakesTheHomeOfAUserItWouldAdd() {
        List<Result> check = play(true, List.of(new UserModule(), new AuthorizedKeyModule()),
                List.of(Map.of("name", "newbie"), Map.of("user", "newbie", "key", K1)));
        assertEquals(Status.CHANGED, check.get(1).status(), check.get(1).msg());
        assertEquals("/home/newbie/.ssh/authorized_keys", check.get(1).registered().get("keyfile"));
        List<Result> real = play(false, List.of(new UserModule(), new AuthorizedKeyModule()),
                List.of(Map.of("name", "newbie"), Map.of("user", "newbie", "key", K1)));
        assertEquals(changes(check), changes(real));
    }

    @Test
    void hostileValuesStayData() {
        String comment = "x\"; $(touch pwned) `id` ' \\";
        checkRealConverged(Map.of("user", "deploy", "key", K2, "comment", comment, "keyOptions", "command=\"echo $(id); rm -rf /\""));
        assertEquals("command=\"echo $(id); rm -rf /\" " + K2 + " " + comment + "\n", keys());
        Result bad = play(false, new AuthorizedKeyModule(), Map.of("user", "deploy", "key", "not-a-key AAAA; $(id)")).get(0);
        assertEquals(Status.FAILED, bad.status());
        assertTrue(bad.msg().startsWith("invalid key specified"), bad.msg());
        Result dash = play(false, new AuthorizedKeyModule(), Map.of("user", "-x", "key", K1)).get(0);
        assertTrue(dash.msg().contains("is not a valid account name"), dash.msg());
        assertEquals("", ns.sh("ls pwned 2>/dev/null || true"));
    }
}
