package io.gplay.engine.report;

import io.gplay.engine.module.Status;

/**
 * A host's counts for the recap, as in Ansible's PLAY RECAP. A failure in the tasks of a block with a rescue
 * counts as rescued, not failed, as ansible-playbook counts it (a failure in the rescue itself counts as failed).
 */
public final class Stats {
    private int ok;
    private int changed;
    private int unreachable;
    private int failed;
    private int skipped;
    private int rescued;
    private int ignored;

    /** Counts read back from a report ({@code gplay report merge}); {@code ok} includes {@code changed}. */
    public static Stats of(int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored) {
        Stats s = new Stats();
        s.ok = ok;
        s.changed = changed;
        s.unreachable = unreachable;
        s.failed = failed;
        s.skipped = skipped;
        s.rescued = rescued;
        s.ignored = ignored;
        return s;
    }

    public synchronized void count(Status status, Handled handled) {
        switch (status) {
            case OK -> ok++;
            case CHANGED -> {
                ok++;
                changed++;
            }
            case UNREACHABLE -> unreachable++;
            case FAILED -> {
                switch (handled) {
                    case IGNORED -> ignored++;
                    case RESCUED -> rescued++;
                    case NO -> failed++;
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

    public int rescued() {
        return rescued;
    }

    public int ignored() {
        return ignored;
    }
}
