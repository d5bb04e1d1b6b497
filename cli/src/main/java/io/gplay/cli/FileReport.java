package io.gplay.cli;

import io.gplay.engine.plan.Playbook;
import io.gplay.engine.report.Reporter;

import java.nio.file.Path;

/** A report written to a file at the end of a run: where it goes, the playbook's name, and whether it is an audit. */
abstract class FileReport implements Reporter {
    protected final Path file;
    /** A check run: a change is drift. */
    protected boolean check;
    protected String playbook = "gplay";

    FileReport(Path file) {
        this.file = file;
    }

    @Override
    public void playbookStart(Playbook pb, boolean checkRun) {
        this.check = checkRun;
        this.playbook = pb.name();
    }
}
