package io.gplay.tests

/**
 * Whether a spec that lacks a tool (sshd, tmux, sudo, chromium) may be skipped: on a developer's machine it is,
 * with its reason; where {@code CI} is set it runs and fails, so that a CI that lost an install step cannot pass
 * with the feature untested.
 */
class Needs {
    static boolean skip(boolean missing) {
        missing && !System.getenv('CI')
    }
}
