package io.gplay.modules.dev;

import io.gplay.engine.module.ModuleContext;

import java.util.ArrayList;
import java.util.List;

/** The steps of the git module on one checkout, after Ansible's clone, fetch and switch_version. */
final class GitCheckout {
    private final ModuleContext ctx;
    private final GitCli cli;
    private final String repo;
    private final String dest;
    private final String remote;
    private final String version;
    private final Integer depth;
    private RemoteRefs refs;

    GitCheckout(ModuleContext ctx, GitCli cli, String repo, String dest, String remote, String version) {
        this.ctx = ctx;
        this.cli = cli;
        this.repo = repo;
        this.dest = dest;
        this.remote = remote;
        this.version = version;
        this.depth = ctx.has("depth") && ctx.integer("depth") >= 1 ? ctx.integer("depth") : null;
    }

    private RemoteRefs refs() {
        if (refs == null) {
            refs = new RemoteRefs(cli.read(null, "ls-remote", "--", repo));
        }
        return refs;
    }

    private boolean branchOrTag() {
        return refs().isBranch(version) || refs().isTag(version);
    }

    /**
     * The commit the version names: HEAD is the remote's HEAD for a clone and the checkout's branch for an update
     * (before not null, on disk); a SHA-1 is taken as given, or completed from the checkout when it has it.
     */
    String remoteCommit(String before, boolean onDisk) {
        String sha;
        if (version.equals("HEAD")) {
            sha = onDisk ? refs().branch(headBranch()) : refs().head();
        } else if (refs().isBranch(version)) {
            sha = refs().branch(version);
        } else if (refs().isTag(version)) {
            sha = refs().tag(version);
        } else if (version.matches("[0-9a-fA-F]{4,40}")) {
            String known = onDisk ? cli.readOrNull(dest, "rev-parse", "--verify", "-q", version + "^{commit}") : null;
            sha = before != null && before.startsWith(version.toLowerCase()) ? before : known != null ? known : version.toLowerCase();
        } else {
            sha = null;
        }
        if (sha == null) {
            ctx.fail("Could not determine remote revision for " + version + ": " + repo + " has no such branch or tag, and it is no commit id");
        }
        return sha;
    }

    /** The branch the checkout is on, or when detached the remote's HEAD branch, as Ansible's get_head_branch. */
    String headBranch() {
        String current = cli.readOrNull(dest, "symbolic-ref", "-q", "--short", "HEAD");
        if (current != null) {
            return current;
        }
        String remoteHead = cli.readOrNull(dest, "symbolic-ref", "-q", "--short", "refs/remotes/" + remote + "/HEAD");
        if (remoteHead == null) {
            ctx.fail(dest + " is on no branch and " + remote + "/HEAD names none: give version a branch, tag or commit");
        }
        return remoteHead.substring(remoteHead.indexOf('/') + 1);
    }

    boolean hasLocalMods() {
        return cli.read(dest, "status", "--porcelain").lines().anyMatch(l -> !l.isBlank() && !l.startsWith("??"));
    }

    void cloneRepo() {
        List<Object> args = new ArrayList<>(List.of("clone", "--origin", remote));
        boolean branchOrTag = branchOrTag();
        if (depth != null && (version.equals("HEAD") || branchOrTag)) {
            args.addAll(List.of("--depth", depth));
        }
        if (branchOrTag && (depth != null || ctx.bool("singleBranch"))) {
            args.addAll(List.of("--branch", version));
        }
        if (ctx.bool("singleBranch")) {
            args.add("--single-branch");
        }
        if (ctx.has("reference")) {
            args.addAll(List.of("--reference", ctx.str("reference")));
        }
        args.addAll(List.of("--", repo, dest));
        cli.change(null, args.toArray());
    }

    /** Ansible's fetch: the version's refs only for a shallow checkout, else everything with the tags. */
    void fetch() {
        List<Object> refspecs = new ArrayList<>();
        if (depth != null) {
            if (version.equals("HEAD")) {
                String head = headBranch();
                refspecs.add("+refs/heads/" + head + ":refs/remotes/" + remote + "/" + head);
            } else if (refs().isBranch(version)) {
                if (!version.equals(cli.readOrNull(dest, "symbolic-ref", "-q", "--short", "HEAD"))) {
                    refspecs.add("+refs/heads/" + version + ":refs/heads/" + version);
                }
                refspecs.add("+refs/heads/" + version + ":refs/remotes/" + remote + "/" + version);
            } else if (refs().isTag(version)) {
                refspecs.add("+refs/tags/" + version + ":refs/tags/" + version);
            }
        }
        List<Object> args = new ArrayList<>(List.of("fetch"));
        if (!refspecs.isEmpty()) {
            args.addAll(List.of("--depth", depth));
        } else {
            args.add("--tags");
        }
        if (ctx.bool("force")) {
            args.add("--force");
        }
        args.add(remote);
        args.addAll(refspecs);
        cli.change(dest, args.toArray());
    }

    /** Ansible's switch_version: a branch tracks the remote's and is reset to it; a tag or commit is checked out detached. */
    void switchVersion() {
        if (version.equals("HEAD")) {
            String branch = headBranch();
            cli.change(dest, "checkout", "--force", branch, "--");
            cli.change(dest, "reset", "--hard", remote + "/" + branch, "--");
        } else if (refs().isBranch(version)) {
            if (!isLocalBranch()) {
                cli.change(dest, "checkout", "--track", "-b", version, remote + "/" + version, "--");
            } else {
                cli.change(dest, "checkout", "--force", version, "--");
                cli.change(dest, "reset", "--hard", remote + "/" + version, "--");
            }
        } else {
            cli.change(dest, "checkout", "--force", version, "--");
        }
    }

    private boolean isLocalBranch() {
        return cli.readOrNull(dest, "rev-parse", "--verify", "-q", "refs/heads/" + version) != null;
    }

    void updateSubmodules() {
        if (ctx.bool("recursive") && ctx.stat(dest + "/.gitmodules", false).exists()) {
            List<Object> args = new ArrayList<>(List.of("submodule", "update", "--init", "--recursive"));
            if (ctx.bool("force")) {
                args.add("--force");
            }
            cli.change(dest, args.toArray());
        }
    }
}
