package io.gplay.engine.report;

import io.gplay.engine.module.Status;

/** A host's counts for the recap, as in Ansible's PLAY RECAP. */
public final class Stats {
    private int ok;
    private int changed;
    private int unreachable;
    private int failed;
    private int skipped;
    private int ignored;

    public synchronized void count(Status status, boolean ignoredFailure) {
        switch (status) {
            case OK -> ok++;
            case CHANGED -> {
                ok++;
                changed++;
            }
            case UNREACHABLE -> unreachable++;
            case FAILED -> {
                if (ignoredFailure) {
                    ignored++;
                } else {
                    failed++;
                }
            }
            case SKIPPED -> skipped++;
        }
    }

    public int ok() {
        return ok;
    }

    public int changed() {
        return changed;
    }

    public int unreachable() {
        return unreachable;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    public int ignored() {
        return ignored;
    }
}
