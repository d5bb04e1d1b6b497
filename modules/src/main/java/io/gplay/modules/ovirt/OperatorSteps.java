package io.gplay.modules.ovirt;

import io.gplay.engine.module.ModuleContext;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The two stops of setup 1.1 for a person, waited on until their observable end, and then answered for them:
 * OVEHOSTED_INSTALLING_OS (vm/runvm.py: install the OS in the VM it started, then shut the VM down; the end is
 * the VM no longer up in vdsm) and OVEHOSTED_ENGINE_UP (engine/health.py: install and set up the engine in the
 * VM; the end is the engine's health page saying "DB Up", read as setup reads it). The run shows what to do and
 * how to reach the VM's console, a progress line every {@code progressInterval} seconds, and fails after its
 * timeout with setup still waiting on the host, so a later run resumes the wait.
 */
final class OperatorSteps {
    private static final long CHECK_MS = 3000;

    private final ModuleContext ctx;
    private final DeployProcess setup;
    private final List<String> console;

    OperatorSteps(ModuleContext ctx, DeployProcess setup, List<String> console) {
        this.ctx = ctx;
        this.setup = setup;
        this.console = console;
    }

    void await(String step) throws InterruptedException {
        boolean unattended = ctx.bool("unattended");
        String host = ctx.host().name();
        if (step.equals(SetupAnswers.INSTALLING_OS)) {
            ctx.progress(unattended
                    ? "the engine VM installs itself from " + ctx.str("vmCdrom") + "; waiting for it to power off"
                    : "OPERATOR: install the OS in the engine VM, then shut the VM down; gplay waits for it to power off "
                    + "and answers setup for you");
            showConsole(host);
            waitFor("the engine VM to power off after its OS install", "installTimeout",
                    () -> !setup.vmState().equals("Up"));
        } else {
            String fqdn = ctx.str("fqdn");
            if (!ctx.bool("additionalHost")) {
                ctx.progress(unattended
                        ? "the engine VM sets up the engine by itself (engine-setup at first boot); waiting for "
                        + "http://" + fqdn + "/ovirt-engine/services/health"
                        : "OPERATOR: in the engine VM, install ovirt-engine and run engine-setup for " + fqdn
                        + "; gplay waits for http://" + fqdn + "/ovirt-engine/services/health to answer and continues setup");
                showConsole(host);
            }
            waitFor("the engine's health page (http://" + fqdn + "/ovirt-engine/services/health) to say DB Up",
                    "engineTimeout", () -> {
                        String page = setup.health(fqdn);
                        return page != null && page.contains("DB Up");
                    });
        }
    }

    private void showConsole(String host) {
        if (console.isEmpty()) {
            return;
        }
        ctx.progress("the VM's console, as setup printed it (run on " + host + "):");
        console.forEach(line -> ctx.progress("    " + line));
    }

    /** The check, unless the run is ending (Ctrl-C closes the connection the check reads through). */
    private boolean isDone(BooleanSupplier done, String what) {
        try {
            if (!ctx.ending()) {
                return done.getAsBoolean();
            }
        } catch (RuntimeException e) {
            if (!ctx.ending()) {
                throw e;
            }
        }
        ctx.fail("interrupted while waiting for " + what + "; setup still waits on the host: run the task again "
                + "to resume the wait");
        return false;
    }

    private void waitFor(String what, String timeoutParam, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        long timeout = ctx.integer(timeoutParam) * 1_000_000_000L;
        long every = ctx.integer("progressInterval") * 1_000_000_000L;
        long next = start + every;
        while (!isDone(done, what)) {
            long now = System.nanoTime();
            if (now - start > timeout) {
                ctx.fail("waited " + ctx.integer(timeoutParam) + " s (" + timeoutParam + ") for " + what
                        + "; setup still waits on the host: run the task again to resume the wait");
            }
            if (now >= next) {
                ctx.progress("waiting for " + what + ": " + (now - start) / 1_000_000_000L + " s of "
                        + ctx.integer(timeoutParam) + " s");
                next += every;
            }
            Thread.sleep(CHECK_MS);
        }
        ctx.progress("done after " + (System.nanoTime() - start) / 1_000_000_000L + " s: " + what);
    }
}
