package io.gplay.engine.module;

/** The words for an exception a task ends with: the message of its root cause, or the cause's kind. */
public final class Failures {
    private Failures() {
    }

    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }
}
