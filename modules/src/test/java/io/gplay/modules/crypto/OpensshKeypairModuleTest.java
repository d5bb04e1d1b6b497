package io.gplay.modules.crypto;

import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.BeforeEach;
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

/** openssh_keypair's decisions on key pairs the real ssh-keygen makes in a temporary folder. */
class OpensshKeypairModuleTest {
    @TempDir
    Path dir;
    Path key;

    @BeforeEach
    void keygen() throws Exception {
        Needs.require(new ProcessBuilder("sh", "-c", "command -v ssh-keygen").start().waitFor() == 0, "ssh-keygen (openssh-client) is not installed");
        key = dir.resolve("id_test");
    }

    Result run(Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("path", key.toString());
        return Harness.run(new OpensshKeypairModule(), p, check);
    }

    static String keygen(String... args) throws Exception {
        Process p = new ProcessBuilder(List.of(args)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.strip();
    }

    @Test
    void generatesOnceThenConvergesAndReportsTheKey() throws Exception {
        Map<String, Object> params = Map.of("type", "ed25519", "comment", "deploy@web");
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertFalse(Files.exists(key), "check mode generates nothing");
        Result real = run(params, false);
        assertEquals(check.descriptions(), real.descriptions(), real.msg());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String pub = Files.readString(Path.of(key + ".pub")).strip();
        assertTrue(pub.startsWith("ssh-ed25519 ") && pub.endsWith(" deploy@web"), pub);
        Map<String, Object> r = real.registered();
        assertEquals(key.toString(), r.get("filename"));
        assertEquals("ed25519", r.get("type"));
        assertEquals(256, r.get("size"));
        assertEquals("deploy@web", r.get("comment"));
        assertEquals(pub.substring(0, pub.lastIndexOf(' ')), r.get("public_key"));
        assertEquals(keygen("ssh-keygen", "-l", "-f", key.toString()).split(" ")[1], r.get("fingerprint"));
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertEquals(pub, Files.readString(Path.of(key + ".pub")).strip(), "a converged run keeps the key");
    }

    @Test
    void anotherTypeOrSizeIsRegeneratedOrRefusedAsRegenerateSays() throws Exception {
        assertTrue(Harness.changed(run(Map.of("type", "ecdsa"), false)));
        String first = Files.readString(Path.of(key + ".pub"));
        Result never = run(Map.of("type", "ecdsa", "size", 384, "regenerate", "never"), false);
        assertEquals(Status.OK, never.status());
        Result fail = run(Map.of("type", "ecdsa", "size", 384, "regenerate", "fail"), false);
        assertEquals(Status.FAILED, fail.status());
        assertTrue(fail.msg().contains("wrong type and/or size"), fail.msg());
        Result partial = run(Map.of("type", "ecdsa", "size", 384), false);
        assertEquals(Status.CHANGED, partial.status());
        assertEquals(384, partial.registered().get("size"));
        assertTrue(keygen("ssh-keygen", "-l", "-f", key.toString()).startsWith("384 "));
        assertFalse(first.equals(Files.readString(Path.of(key + ".pub"))));
        assertEquals(Status.CHANGED, run(Map.of("type", "ecdsa", "size", 384, "force", true), false).status(), "force regenerates always");
    }

    @Test
    void aLostOrChangedPublicKeyIsRewrittenFromThePrivateKey() throws Exception {
        run(Map.of("type", "ed25519", "comment", "one"), false);
        String pub = Files.readString(Path.of(key + ".pub"));
        Files.delete(Path.of(key + ".pub"));
        Result restore = run(Map.of("type", "ed25519", "comment", "one"), false);
        assertEquals(Status.CHANGED, restore.status());
        assertEquals(pub, Files.readString(Path.of(key + ".pub")));
        Result comment = run(Map.of("type", "ed25519", "comment", "two"), false);
        assertEquals(Status.CHANGED, comment.status());
        assertTrue(Files.readString(Path.of(key + ".pub")).strip().endsWith(" two"));
        assertTrue(keygen("ssh-keygen", "-l", "-f", key.toString()).contains(" two "), "the private key's comment too");
        assertEquals(Status.OK, run(Map.of("type", "ed25519", "comment", "two"), false).status());
    }

    @Test
    void thePassphraseEncryptsTheKeyAndIsOnNoCommandLine() throws Exception {
        Map<String, Object> params = Map.of("type", "ed25519", "passphrase", "s3cret $(touch x) -rf");
        Result real = run(params, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertTrue(String.join("\n", real.descriptions()).indexOf("s3cret") < 0);
        assertTrue(keygen("ssh-keygen", "-y", "-P", "", "-f", key.toString()).contains("incorrect passphrase"), "the key is encrypted");
        assertTrue(keygen("ssh-keygen", "-y", "-P", "s3cret $(touch x) -rf", "-f", key.toString()).startsWith("ssh-ed25519 "));
        assertEquals(Status.OK, run(params, false).status(), "read back with the passphrase");
        Result wrong = run(Map.of("type", "ed25519", "passphrase", "other"), false);
        assertEquals(Status.FAILED, wrong.status());
        assertTrue(wrong.msg().contains("Unable to read the key"), wrong.msg());
        assertEquals(Status.CHANGED, run(Map.of("type", "ed25519", "passphrase", "other", "regenerate", "full_idempotence"), false).status());
        assertFalse(Files.exists(Path.of("x")) || Files.exists(dir.resolve("x")));
    }

    @Test
    void aHostileCommentStaysData() throws Exception {
        String comment = "-rf '$(touch " + dir.resolve("owned") + ")' \"q\"";
        Result r = run(Map.of("type", "ed25519", "comment", comment), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals(comment, r.registered().get("comment"));
        assertFalse(Files.exists(dir.resolve("owned")));
        assertEquals(Status.OK, run(Map.of("type", "ed25519", "comment", comment), false).status());
    }

    @Test
    void absentRemovesBothAndACheckRunSeesItsOwnPrediction() throws Exception {
        HostContext where = Harness.localHost(true);
        Map<String, Object> params = Map.of("path", key.toString(), "type", "ed25519");
        assertEquals(Status.CHANGED, Harness.run(new OpensshKeypairModule(), params, where).status());
        assertEquals(Status.OK, Harness.run(new OpensshKeypairModule(), params, where).status(), "a later task of the check run sees the pair");
        run(Map.of("type", "ed25519"), false);
        Result check = run(Map.of("state", "absent"), true);
        assertEquals(Status.CHANGED, check.status());
        assertTrue(Files.exists(key));
        Result gone = run(Map.of("state", "absent"), false);
        assertEquals(check.descriptions(), gone.descriptions());
        assertFalse(Files.exists(key) || Files.exists(Path.of(key + ".pub")));
        assertEquals(Status.OK, run(Map.of("state", "absent"), false).status());
    }

    @Test
    void modeAppliesToBothFiles() throws IOException {
        Result r = run(Map.of("type", "ed25519", "mode", "0600"), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(key + ".pub"))));
        assertEquals(Status.OK, run(Map.of("type", "ed25519", "mode", "0600"), false).status());
        Result open = run(Map.of("type", "ed25519", "mode", "0640"), false);
        assertEquals(Status.CHANGED, open.status(), "mode is applied to the private key too");
        Result unreadable = run(Map.of("type", "ed25519", "mode", "0640"), false);
        assertEquals(Status.FAILED, unreadable.status(), "ssh-keygen refuses a private key others can read, as under Ansible");
        assertTrue(unreadable.msg().contains("Unable to read the key"), unreadable.msg());
    }
}
