package io.gplay.cli;

import io.gplay.engine.connection.SshConnection;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT), and SIGTERM alike, stop starting tasks and let the run end the commands running on the hosts,
 * close its connections and print the recap, as ansible-playbook does for SIGINT (which leaves those commands
 * running). A connection still being opened is ended at once, not waited for.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onInterrupt(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    System.err.println("\n[interrupted (SIG" + name + "): no new tasks are started; running commands"
                            + " get SIGTERM; closing connections]");
                    SshConnection.abortOpening();
                    action.run();
                });
            } catch (IllegalArgumentException e) {
                // no such signal here (e.g. embedded use): the default handling stays
            }
        }
    }
}
