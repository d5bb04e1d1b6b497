package io.gplay.cli;

import io.gplay.engine.connection.SshConnection;
import sun.misc.Signal;

/**
 * Ctrl-C stops starting tasks and lets the run end the commands running on the hosts, close its connections
 * and print the recap, as ansible-playbook does (which leaves those commands running). A connection still being
 * opened is ended at once, not waited for.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onInterrupt(Runnable action) {
        try {
            Signal.handle(new Signal("INT"), sig -> {
                System.err.println("\n[interrupted: no new tasks are started; running commands get SIGTERM; closing connections]");
                SshConnection.abortOpening();
                action.run();
            });
        } catch (IllegalArgumentException e) {
            // no SIGINT here (e.g. embedded use): the default handling stays
        }
    }
}
