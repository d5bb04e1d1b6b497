package io.gplay.modules.dev;

import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.modules.Operand;

import java.util.ArrayList;
import java.util.List;

/**
 * A git checkout at a version, as Ansible's git module keeps it: cloned when missing, fetched and switched when
 * the version's commit (read with {@code git ls-remote}, so check mode predicts without touching dest) differs
 * from the checkout's, refused when dest holds local modifications unless force discards them.
 */
public final class GitModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("git", "Deploys software (or files) from git checkouts.")
            .primary("repo")
            .param(Param.required("repo", ParamType.STRING, "the repository's address: git, SSH, HTTP(S), file:// or a path"))
            .param(Param.optional("dest", ParamType.PATH, null, "where the checkout goes; required unless clone: false"))
            .param(Param.optional("version", ParamType.STRING, "HEAD", "HEAD, a branch, a tag, or a commit's SHA-1"))
            .param(Param.optional("force", ParamType.BOOL, false, "discard modified files in dest instead of failing"))
            .param(Param.optional("depth", ParamType.INT, null, "a shallow clone of this many commits (HEAD, a branch or a tag)"))
            .param(Param.optional("clone", ParamType.BOOL, true, "false: never clone; only read the version's commit"))
            .param(Param.optional("update", ParamType.BOOL, true, "false: leave an existing checkout as it is"))
            .param(Param.optional("remote", ParamType.STRING, "origin", "the remote's name"))
            .param(Param.optional("recursive", ParamType.BOOL, true, "init and update the submodules, recursively"))
            .param(Param.optional("singleBranch", ParamType.BOOL, false, "clone only the history of the version"))
            .param(Param.optional("reference", ParamType.STRING, null, "a reference repository (git clone --reference)"))
            .param(Param.optional("acceptHostkey", ParamType.BOOL, false, "ssh with StrictHostKeyChecking=no"))
            .param(Param.optional("acceptNewhostkey", ParamType.BOOL, false, "ssh with StrictHostKeyChecking=accept-new"))
            .param(Param.optional("sshOpts", ParamType.STRING, null, "options for ssh, as words (-o ConnectTimeout=5)"))
            .param(Param.optional("keyFile", ParamType.PATH, null, "a private key on the host (ssh -i, with IdentitiesOnly=yes)"))
            .param(Param.optional("executable", ParamType.PATH, null, "the git program to run"))
            .exclusive("acceptHostkey", "acceptNewhostkey")
            .checkMode("reads the version's commit with git ls-remote and predicts the clone or update with before and after; dest is not touched")
            .notes("A repo given as a path is read as file://PATH, as Ansible does. A version, remote or repo starting with '-' is refused"
                    + " (git would read it as an option). The update is decided by commit: before against the commit ls-remote gives for"
                    + " the version. With clone: false and no checkout, the result is ok with after the remote's commit (Ansible says changed).")
            .returns("before", "string", "success", "the commit checked out before the task; null for a new clone", "67c04ebe40a003bda0efb34eacfb93b0cafdf628")
            .returns("after", "string", "success", "the commit checked out after the task (in check mode, the one it would be)", "4c020102a9cd6fe908c9a4a326a38f972f63a903")
            .returns("remote_url_changed", "bool", "success", "whether the remote's URL was changed to repo", "false")
            .leavesOut("bare", "not built: the checkout has a work tree")
            .leavesOut("refspec", "not built: a commit must be reachable from a branch or tag the fetch brings")
            .leavesOut("umask", "not built: files get the login's umask")
            .leavesOut("verify_commit", "not built: no GPG check of the commit (gpg_allowlist neither)")
            .leavesOut("archive", "not built: no archive of the checkout (archive_prefix neither)")
            .leavesOut("separate_git_dir", "not built: the repository is dest/.git")
            .leavesOut("track_submodules", "not built: submodules go to the commits the checkout records")
            .example("git 'https://github.com/ansible/ansible-examples.git', dest: '/srv/checkout', version: 'release-0.22'")
            .example("git 'git@github.com:example/app.git', dest: '/opt/app', keyFile: '/home/deploy/.ssh/id_ed25519', acceptNewhostkey: true, depth: 1");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String repo = ctx.str("repo").startsWith("/") ? "file://" + ctx.str("repo") : ctx.str("repo");
        String version = ctx.str("version");
        String remote = ctx.str("remote");
        refuseOption(ctx, "repo", repo, false);
        refuseOption(ctx, "version", version, true);
        refuseOption(ctx, "remote", remote, true);
        String dest = ctx.str("dest");
        if (dest == null && ctx.bool("clone")) {
            ctx.fail("the destination directory must be specified unless clone=no");
        }
        GitCli cli = new GitCli(ctx);
        GitCheckout checkout = new GitCheckout(ctx, cli, repo, dest, remote, version);
        String predicted = dest == null ? null : ctx.predictedState("git:" + dest);
        boolean exists = predicted != null || dest != null && ctx.stat(dest + "/.git", false).exists();
        ctx.set("remote_url_changed", false);
        if (!exists) {
            String target = checkout.remoteCommit(null, false);
            ctx.set("before", null);
            ctx.set("after", target);
            if (!ctx.bool("clone")) {
                return;
            }
            ctx.converge("clone " + repo + " into " + dest + " at " + version, new Diff(dest, "", ">> Newly checked out " + target + "\n"),
                    () -> {
                        checkout.cloneRepo();
                        checkout.switchVersion();
                        checkout.updateSubmodules();
                        ctx.set("after", cli.read(dest, "rev-parse", "HEAD"));
                    });
            ctx.predictState("git:" + dest, target);
            return;
        }
        String before = predicted != null ? predicted : cli.read(dest, "rev-parse", "HEAD");
        ctx.set("before", before);
        ctx.set("after", before);
        if (!ctx.bool("update")) {
            return;
        }
        if (predicted == null && checkout.hasLocalMods()) {
            if (!ctx.bool("force")) {
                ctx.fail("Local modifications exist in the destination: " + dest + " (force=no).");
            }
            ctx.converge("discard the local modifications in " + dest, () -> cli.change(dest, "reset", "--hard", "HEAD"));
        }
        String url = predicted != null ? repo : cli.readOrNull(dest, "remote", "get-url", remote);
        if (url == null || !sameUrl(url, repo)) {
            ctx.set("remote_url_changed", true);
            ctx.converge("set remote " + remote + " of " + dest + " to " + repo,
                    () -> cli.change(dest, "remote", url == null ? "add" : "set-url", remote, repo));
        }
        String target = checkout.remoteCommit(before, predicted == null);
        if (!before.equals(target)) {
            ctx.set("after", target);
            ctx.converge("update " + dest + " from " + shortSha(before) + " to " + shortSha(target) + " (" + version + ")",
                    new Diff(dest + " (revision)", before + "\n", target + "\n"), () -> {
                        checkout.fetch();
                        checkout.switchVersion();
                        checkout.updateSubmodules();
                        ctx.set("after", cli.read(dest, "rev-parse", "HEAD"));
                    });
            ctx.predictState("git:" + dest, target);
        }
    }

    /** A value git would read as an option (Operand), or that would end its line, is refused rather than passed. */
    private static void refuseOption(ModuleContext ctx, String name, String value, boolean noBlanks) {
        Operand.of(ctx, name, value);
        if (value.isEmpty() || value.matches("(?s).*[\\x00-\\x1f\\x7f].*") || noBlanks && value.contains(" ")) {
            ctx.fail(name + " '" + value + "' is refused: it is empty or holds a line break, a control character"
                    + (noBlanks ? " or a blank" : "") + ", which no " + name + " has");
        }
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /** Ansible's unfrackgitpath: the same address but for a trailing slash or a path's file:// prefix. */
    static boolean sameUrl(String a, String b) {
        return norm(a).equals(norm(b));
    }

    private static String norm(String url) {
        String u = url.startsWith("/") ? "file://" + url : url;
        List<String> parts = new ArrayList<>(List.of(u.split("/+", -1)));
        while (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return String.join("/", parts);
    }
}
