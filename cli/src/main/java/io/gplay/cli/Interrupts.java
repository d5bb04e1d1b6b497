package io.gplay.cli;

import io.gplay.engine.connection.SshConnection;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT), and SIGTERM alike, stop starting tasks and let the run end the commands running on the hosts,
 * close its connections and print the recap, as ansible-playbook does for SIGINT (which leaves those commands
 * running). A connection still being opened is ended at once, not waited for. In the daemon the signals are the
 * client's, sent over its socket ({@link DaemonServer}), and this process's own are left alone.
 */
final class Interrupts {
    /** What the command running now does on an interrupt. */
    private static volatile Runnable action;
    private static boolean installed;
    /** Set in the daemon: interrupts come from the client, not from this process's signals. */
    static volatile boolean forwarded;

    private Interrupts() {
    }

    static void onInterrupt(Runnable action) {
        Interrupts.action = action;
        if (!forwarded) {
            install();
        }
    }

    /** The command has ended: an interrupt from now on is the next command's. */
    static void clear() {
        action = null;
    }

    /** An interrupt, by the signal's name (INT, TERM). */
    static void fire(String name) {
        System.err.println("\n[interrupted (SIG" + name + "): no new tasks are started; running commands"
                + " get SIGTERM; closing connections]");
        SshConnection.abortOpening();
        Runnable a = action;
        if (a != null) {
            a.run();
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> fire(name));
            } catch (IllegalArgumentException e) {
                // no such signal here (e.g. embedded use): the default handling stays
            }
        }
    }
}
