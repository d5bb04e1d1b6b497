package io.gplay.cli;

/**
 * Whether output goes to a terminal, so colour is wanted (and {@code NO_COLOR} unset). A run in the daemon
 * writes to its client's terminal, not the daemon's (which has none): the client says which it is.
 */
final class Tty {
    /** The client's answer while the daemon serves it; null: this process's own terminal. */
    static volatile Boolean clientTerminal;

    private Tty() {
    }

    static boolean colour() {
        Boolean client = clientTerminal;
        boolean terminal = client != null ? client : System.console() != null;
        return terminal && System.getenv("NO_COLOR") == null;
    }
}
