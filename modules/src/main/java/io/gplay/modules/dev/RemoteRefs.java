package io.gplay.modules.dev;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code git ls-remote REPO} lists: each ref's commit, an annotated tag by the commit it points at (its
 * {@code ^{}} line), as Ansible's get_remote_head reads it.
 */
final class RemoteRefs {
    private final Map<String, String> refs = new LinkedHashMap<>();

    RemoteRefs(String lsRemote) {
        for (String line : lsRemote.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                refs.put(f[1], f[0]);
            }
        }
    }

    boolean isBranch(String version) {
        return refs.containsKey("refs/heads/" + version);
    }

    boolean isTag(String version) {
        return refs.containsKey("refs/tags/" + version);
    }

    String branch(String name) {
        return refs.get("refs/heads/" + name);
    }

    /** The commit a tag names: the peeled line of an annotated tag, else the tag's own. */
    String tag(String name) {
        String peeled = refs.get("refs/tags/" + name + "^{}");
        return peeled != null ? peeled : refs.get("refs/tags/" + name);
    }

    String head() {
        return refs.get("HEAD");
    }
}
