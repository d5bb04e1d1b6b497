package io.gplay.modules.ovirt;

import io.gplay.engine.module.ModuleContext;

/**
 * What setup 1.1 needs on an additional host: the first host's answers, {@code /etc/ovirt-hosted-engine/answers.conf}
 * (written when its deploy ends, core/answerfile.py:54-85), which hold the VM's, image's and storage's ids and the
 * CPU type. Setup takes them through {@code --config-append}, or fetches them itself by scp with the first host's
 * root password (core/remote_answerfile.py:223-262); without them it fails with "Invalid CPU type specified: None"
 * (vdsmd/cpu.py:162-196) and would give the host a VM of its own. gplay carries them from the first host through the
 * control machine ({@code firstHostAnswers}) and writes them on this host, mode 0600, its content never shown.
 */
final class FirstHostAnswers {
    private FirstHostAnswers() {
    }

    /**
     * Writes the first host's answers beside the answer file and returns their path, to be read before gplay's own
     * (otopi reads --config-append's files in order, split on ':', the later winning: otopi-1.2 core/config.py:105-131);
     * null in check mode when they are not there yet (the first host's deploy has not run).
     */
    static String write(ModuleContext ctx, String answerFile) throws Exception {
        if (!ctx.has("firstHostAnswers") || ctx.str("firstHostAnswers").isBlank()) {
            if (ctx.checkMode()) {
                return null;
            }
            ctx.fail("an additional host needs firstHostAnswers: the first host's /etc/ovirt-hosted-engine/answers.conf,"
                    + " which setup 1.1 takes the VM's and storage's ids and the CPU type from (without it: 'Invalid CPU"
                    + " type specified: None'); the hosted_engine role reads it on the first host");
        }
        String text = ctx.str("firstHostAnswers");
        if (!text.contains("[environment:default]")) {
            ctx.fail("firstHostAnswers is not an answer file of setup: it has no [environment:default] section");
        }
        String path = answerFile.substring(0, answerFile.lastIndexOf('/') + 1) + "first-host-answers.conf";
        AnswerFile.write(ctx, path, text,
                t -> t.isEmpty() ? "" : "(the first host's answers, " + t.lines().count() + " lines: not shown)",
                "the first host's answers");
        return path;
    }
}
