package io.gplay.modules.dev;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import io.gplay.modules.PathFirstConnection;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The git module with the real git against bare repositories in a temporary folder, reached by file:// URLs. */
class GitModuleTest {
    static final Map<String, String> AUTHOR = Map.of("GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.com",
            "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com");

    @TempDir
    Path dir;
    Path work;
    Path upstream;
    String url;

    @BeforeEach
    void upstream() throws IOException {
        Needs.require(Sh.has("git"), "git is not installed");
        work = dir.resolve("work");
        Files.createDirectories(work);
        Sh.run(work, "git", "init", "-q", "-b", "main");
        commit("README", "one\n");
        upstream = dir.resolve("upstream.git");
        Sh.run(dir, "git", "clone", "-q", "--bare", work.toString(), upstream.toString());
        Sh.run(work, "git", "remote", "add", "origin", upstream.toString());
        url = "file://" + upstream;
    }

    String commit(String file, String text) throws IOException {
        Files.writeString(work.resolve(file), text);
        Sh.run(work, "git", "add", file);
        Sh.run(work, AUTHOR, "git", "commit", "-q", "-m", "change " + file);
        return Sh.run(work, "git", "rev-parse", "HEAD");
    }

    void push(String... refs) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "push", "-q", "origin"));
        cmd.addAll(List.of(refs));
        Sh.run(work, cmd.toArray(String[]::new));
    }

    static Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new GitModule(), params, check);
    }

    String head(Path checkout) {
        return Sh.run(checkout, "git", "rev-parse", "HEAD");
    }

    /** The check run predicts what the real run then does, and touches nothing; the run after it is ok. */
    Result checkThenRun(Map<String, Object> params, Path checkout) {
        String headBefore = Files.exists(checkout.resolve(".git")) ? head(checkout) : null;
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(headBefore, Files.exists(checkout.resolve(".git")) ? head(checkout) : null, "check mode touched dest");
        Result real = run(params, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(check.diffs(), real.diffs());
        assertEquals(check.registered().get("before"), real.registered().get("before"));
        assertEquals(check.registered().get("after"), real.registered().get("after"));
        assertEquals(head(checkout), real.registered().get("after"));
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertEquals(again.registered().get("before"), again.registered().get("after"));
        return real;
    }

    @Test
    void clonesThenConvergesThenUpdatesToANewCommit() throws IOException {
        Path dest = dir.resolve("srv/app");
        String first = head(work);
        Map<String, Object> task = Map.of("repo", url, "dest", dest.toString());
        Result cloned = checkThenRun(task, dest);
        assertNull(cloned.registered().get("before"), "a new clone has no before");
        assertEquals(first, cloned.registered().get("after"));
        assertEquals(false, cloned.registered().get("remote_url_changed"));
        assertEquals("one\n", Files.readString(dest.resolve("README")));

        String second = commit("README", "two\n");
        push("main");
        Result updated = checkThenRun(task, dest);
        assertEquals(first, updated.registered().get("before"));
        assertEquals(second, updated.registered().get("after"));
        assertEquals("two\n", Files.readString(dest.resolve("README")));
        assertEquals("main", Sh.run(dest, "git", "symbolic-ref", "--short", "HEAD"));
    }

    @Test
    void checksOutATagThenABranch() throws IOException {
        String tagged = head(work);
        Sh.run(work, AUTHOR, "git", "tag", "-a", "-m", "release", "v1.0");
        Sh.run(work, "git", "checkout", "-q", "-b", "dev");
        String dev = commit("DEV", "dev\n");
        push("main", "dev", "v1.0");
        Path dest = dir.resolve("app");
        Result tag = checkThenRun(Map.of("repo", url, "dest", dest.toString(), "version", "v1.0"), dest);
        assertEquals(tagged, tag.registered().get("after"), "an annotated tag is read as its commit");
        assertFalse(Files.exists(dest.resolve("DEV")));
        checkThenRun(Map.of("repo", url, "dest", dest.toString(), "version", "dev"), dest);
        assertEquals(dev, head(dest));
        assertEquals("dev", Sh.run(dest, "git", "symbolic-ref", "--short", "HEAD"));
        checkThenRun(Map.of("repo", url, "dest", dest.toString(), "version", tagged.substring(0, 10)), dest);
        assertEquals(tagged, head(dest));
    }

    @Test
    void aShallowSingleBranchClone() throws IOException {
        commit("README", "two\n");
        push("main");
        Path dest = dir.resolve("shallow");
        checkThenRun(Map.of("repo", url, "dest", dest.toString(), "depth", 1, "singleBranch", true), dest);
        assertEquals("1", Sh.run(dest, "git", "rev-list", "--count", "HEAD"));
    }

    @Test
    void localModificationsFailUnlessForce() throws IOException {
        Path dest = dir.resolve("app");
        Map<String, Object> task = new HashMap<>(Map.of("repo", url, "dest", dest.toString()));
        run(task, false);
        Files.writeString(dest.resolve("README"), "edited\n");
        Files.writeString(dest.resolve("untracked"), "mine\n");
        for (boolean check : List.of(true, false)) {
            Result refused = run(task, check);
            assertEquals(Status.FAILED, refused.status());
            assertEquals("Local modifications exist in the destination: " + dest + " (force=no).", refused.msg());
        }
        assertEquals("edited\n", Files.readString(dest.resolve("README")));
        task.put("force", true);
        Result check = run(task, true);
        assertEquals(List.of("discard the local modifications in " + dest), check.descriptions());
        assertEquals("edited\n", Files.readString(dest.resolve("README")));
        Result forced = run(task, false);
        assertEquals(check.descriptions(), forced.descriptions());
        assertEquals("one\n", Files.readString(dest.resolve("README")));
        assertTrue(Files.exists(dest.resolve("untracked")), "untracked files are no local modification, as in Ansible");
        assertEquals(Status.OK, run(task, false).status());
    }

    @Test
    void aMovedRepositoryChangesTheRemoteUrl() throws IOException {
        Path dest = dir.resolve("app");
        run(Map.of("repo", url, "dest", dest.toString()), false);
        Path moved = dir.resolve("moved.git");
        Files.move(upstream, moved);
        Map<String, Object> task = Map.of("repo", moved.toString(), "dest", dest.toString());
        Result check = run(task, true);
        assertEquals(true, check.registered().get("remote_url_changed"));
        assertEquals(url, Sh.run(dest, "git", "remote", "get-url", "origin"));
        Result real = run(task, false);
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(true, real.registered().get("remote_url_changed"));
        assertEquals("file://" + moved, Sh.run(dest, "git", "remote", "get-url", "origin"), "a path is read as file://PATH");
        Result again = run(task, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertEquals(false, again.registered().get("remote_url_changed"));
    }

    @Test
    void cloneFalseOnlyReadsTheRemoteCommit() {
        Path dest = dir.resolve("none");
        Result r = run(Map.of("repo", url, "dest", dest.toString(), "clone", false), false);
        assertEquals(Status.OK, r.status());
        assertEquals(head(work), r.registered().get("after"));
        assertFalse(Files.exists(dest));
    }

    @Test
    void aCheckRunsLaterTaskSeesThePredictedClone() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), new LocalConnection(), true);
        Map<String, Object> task = Map.of("repo", url, "dest", dir.resolve("app").toString());
        assertEquals(Status.CHANGED, Harness.run(new GitModule(), task, where).status());
        assertEquals(Status.OK, Harness.run(new GitModule(), task, where).status());
        assertFalse(Files.exists(dir.resolve("app")));
    }

    @Test
    void sshGetsTheHostKeyPolicyAndTheKeyFileAsAnsibleGivesThem() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path args = dir.resolve("ssh-args");
        Files.writeString(bin.resolve("ssh"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > \"$SSH_ARGS\"\nexit 255\n");
        bin.resolve("ssh").toFile().setExecutable(true);
        String key = dir.resolve("deploy key").toString();
        Result r = Harness.run(new GitModule(), Map.of("repo", "ssh://git@git.example.com/app.git", "dest", dir.resolve("app").toString(),
                "acceptNewhostkey", true, "keyFile", key, "sshOpts", "-o ConnectTimeout=5"), true,
                new PathFirstConnection(bin, Map.of("SSH_ARGS", args)), Map.of());
        assertEquals(Status.FAILED, r.status(), "the stand-in ssh refuses");
        List<String> words = Files.readAllLines(args);
        assertEquals(List.of("-o", "ConnectTimeout=5", "-o", "StrictHostKeyChecking=accept-new", "-o", "BatchMode=yes", "-i", key,
                "-o", "IdentitiesOnly=yes"), words.subList(0, 10));
        assertTrue(words.contains("git@git.example.com"), words.toString());
    }

    @Test
    void hostileValuesAreRefusedOrStayData() throws IOException {
        Path marker = dir.resolve("pwned");
        Path dest = dir.resolve("app");
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("repo", url, "dest", dest.toString(), "version", "--upload-pack=touch " + marker),
                Map.<String, Object>of("repo", "--upload-pack=touch " + marker, "dest", dest.toString()),
                Map.<String, Object>of("repo", url, "dest", dest.toString(), "remote", "-x"),
                Map.<String, Object>of("repo", url, "dest", dest.toString(), "version", "$(touch${IFS}" + marker + ")"),
                Map.<String, Object>of("repo", url, "dest", dest.toString(), "version", "main\nevil"))) {
            for (boolean check : List.of(true, false)) {
                Result r = run(bad, check);
                assertEquals(Status.FAILED, r.status(), bad + " " + r.msg());
            }
        }
        assertFalse(Files.exists(dest));
        Path odd = dir.resolve("a b'$(touch " + marker + ")`id`");
        checkThenRun(Map.of("repo", url, "dest", odd.toString(), "sshOpts", "-o ConnectTimeout=5 '$(touch " + marker + ")'"), odd);
        assertEquals("one\n", Files.readString(odd.resolve("README")));
        assertFalse(Files.exists(marker), "no value ran as shell code");
    }
}
