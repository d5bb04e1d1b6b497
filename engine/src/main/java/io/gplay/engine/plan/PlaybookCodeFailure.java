package io.gplay.engine.plan;

/**
 * What a playbook's own code (a closure, a helper it calls) threw while a per-host value was computed, whatever
 * its kind: an {@link Error}, a failed Groovy {@code assert}, a checked exception Groovy lets through. It is the
 * task's failure on that host, reported like any other (masked, hidden for {@code noLog}, ignorable), where an
 * Error thrown by gplay's own code stays an internal error.
 */
public final class PlaybookCodeFailure extends RuntimeException {
    private PlaybookCodeFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code thrown} as a task failure; a runtime exception is one already and passes as it is. */
    public static RuntimeException of(Throwable thrown) {
        if (thrown instanceof RuntimeException e) {
            return e;
        }
        if (thrown instanceof InterruptedException) {
            // the run is being stopped: the worker's thread keeps saying so
            Thread.currentThread().interrupt();
        }
        // no cause kept for these: a task's message is its root cause's, and theirs say little
        if (thrown instanceof StackOverflowError) {
            return new PlaybookCodeFailure("StackOverflowError: the playbook's code called itself too deep"
                    + " (a recursion that does not end?)", null);
        }
        if (thrown instanceof OutOfMemoryError) {
            return new PlaybookCodeFailure("OutOfMemoryError: the playbook's code ran out of memory ("
                    + thrown.getMessage() + ")", null);
        }
        return new PlaybookCodeFailure(thrown.toString(), thrown);
    }
}
