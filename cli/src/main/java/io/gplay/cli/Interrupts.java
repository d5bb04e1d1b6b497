package io.gplay.cli;

import sun.misc.Signal;

/**
 * Ctrl-C stops starting tasks and lets the run end the commands running on the hosts, close its connections
 * and print the recap, as ansible-playbook does (which leaves those commands running).
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onInterrupt(Runnable action) {
        try {
            Signal.handle(new Signal("INT"), sig -> {
                System.err.println("\n[interrupted: no new tasks are started; running commands get SIGTERM; closing connections]");
                action.run();
            });
        } catch (IllegalArgumentException e) {
            // no SIGINT here (e.g. embedded use): the default handling stays
        }
    }
}
