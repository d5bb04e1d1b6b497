package io.gplay.modules.ovirt;

import io.gplay.engine.module.ModuleContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Drives setup's machine dialog to its end: every question answered from the parameters as soon as it is asked
 * (a question without an answer fails the task at once and stops setup, which has changed nothing before its
 * questions end), the two stops for a person waited on until their observable end, with progress lines and a
 * bound, and setup's exit code read at the end. Nothing setup is told is shown: answers go to its standard
 * input, and setup echoes none of them.
 */
final class DeployDialog {
    private static final Pattern TICKET = Pattern.compile("(temporary password \")[^\"]*(\")");
    private static final long POLL_MS = 1000;

    private final ModuleContext ctx;
    private final DeployProcess setup;
    private final SetupAnswers answers;
    private final SetupDialog dialog = new SetupDialog();
    private final Map<String, Integer> asked = new HashMap<>();
    private final List<String> console = new ArrayList<>();
    private SetupDialog.Question open;
    private String lastError;
    private int questions;
    private int skip;

    DeployDialog(ModuleContext ctx, DeployProcess setup, int alreadyAnswered) {
        this.ctx = ctx;
        this.setup = setup;
        this.answers = new SetupAnswers(ctx);
        this.skip = alreadyAnswered;
    }

    void run() throws InterruptedException {
        long quietSince = System.nanoTime();
        long questionTimeout = ctx.integer("questionTimeout") * 1_000_000_000L;
        while (true) {
            interruptedMeansResumable();
            String chunk;
            try {
                chunk = setup.read();
            } catch (RuntimeException e) {
                interruptedMeansResumable();    // Ctrl-C closes the connection this reads through
                throw e;
            }
            if (!chunk.isEmpty()) {
                quietSince = System.nanoTime();
                dialog.feed(chunk).forEach(this::take);
            }
            Integer rc = setup.exitCode();
            if (rc != null) {
                setup.read();
                if (rc != 0) {
                    ctx.fail("hosted-engine --deploy failed (rc=" + rc + ")" + (lastError == null ? "" : ": " + lastError)
                            + "; its output is in " + setup.dir() + "/out");
                }
                return;
            }
            if (open != null && !open.notes().isEmpty()) {
                SetupDialog.Question q = open;
                open = null;
                reply(q);
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > questionTimeout) {
                ctx.fail("setup printed nothing and asked nothing for " + ctx.integer("questionTimeout")
                        + " s (questionTimeout); it still runs on the host, its output in " + setup.dir() + "/out");
            }
            Thread.sleep(POLL_MS);
        }
    }

    private void take(SetupDialog.Event e) {
        switch (e.kind()) {
            case QUESTION -> {
                if (open != null) {
                    questions++;    // a question followed by another one was answered before (a resumed dialog's replay)
                }
                open = new SetupDialog.Question(e.name(), new ArrayList<>());
            }
            case NOTE -> {
                if (open != null) {
                    open.notes().add(e.text());
                } else if (consoleLine(e.text().strip())) {
                    console.add(TICKET.matcher(e.text().strip()).replaceAll("$1********$2 (setup printed it in "
                            + setup.dir().replace("$", "\\$") + "/out)"));
                }
            }
            case LOG -> {
                if (e.text().equals("Creating VM")) {
                    console.clear();    // setup prints the console's command and password anew for each VM it starts
                }
                if (open != null && !open.notes().isEmpty()) {
                    questions++;    // setup went on after this question: it was answered before this run resumed
                    open = null;
                }
                if (e.name().equals("ERROR")) {
                    lastError = e.text();
                }
                ctx.progress("setup: " + (e.name().equals("INFO") ? "" : e.name() + ": ") + e.text());
            }
            default -> {
            }
        }
    }

    /** What mixins.py prints to reach the VM: the remote-viewer command, the temporary password, virsh's console. */
    private static boolean consoleLine(String t) {
        return (t.startsWith("/") && t.contains("remote-viewer")) || t.startsWith("virsh ")
                || t.startsWith("Use temporary password");
    }

    private void reply(SetupDialog.Question q) throws InterruptedException {
        int index = questions++;
        if (index < skip) {
            return;     // answered before this run resumed the dialog
        }
        int times = asked.merge(q.key(), 1, Integer::sum);
        boolean isStep = q.name().equals(SetupAnswers.INSTALLING_OS) || q.name().equals(SetupAnswers.ENGINE_UP);
        // a question asked again after an error means setup refused the answer (it re-asks forever)
        if (times > 1 && !isStep && !q.name().equals("ENGINE_ADMIN_PASSWORD") && lastError != null) {
            ctx.fail("setup refused the answer to " + q.name() + ": " + lastError + "; " + setup.stop());
        }
        if (times > 2 && q.name().equals("ENGINE_ADMIN_PASSWORD")) {
            ctx.fail("setup refused the adminPassword" + (lastError == null ? "" : ": " + lastError) + "; " + setup.stop());
        }
        lastError = null;
        SetupAnswers.Reply r = answers.reply(q);
        if (r instanceof SetupAnswers.Missing m) {
            ctx.fail(m.why() + "; " + setup.stop());
        } else if (r instanceof SetupAnswers.Step s) {
            new OperatorSteps(ctx, setup, console).await(s.name());
            setup.answer("1");
        } else if (r instanceof SetupAnswers.Answer a) {
            ctx.progress("setup asks " + q.name() + ": answered " + (a.secret() ? "********"
                    : a.line().isEmpty() ? "with setup's default" : a.line()));
            setup.answer(a.line());
        }
    }

    private void interruptedMeansResumable() {
        if (ctx.ending()) {
            ctx.fail("interrupted; hosted-engine --deploy goes on on the host and waits for its next answer: run the "
                    + "task again to resume it (or end it: kill -TERM -$(cat " + setup.dir() + "/pid))");
        }
    }
}
