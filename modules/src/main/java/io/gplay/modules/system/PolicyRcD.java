package io.gplay.modules.system;

import io.gplay.engine.shell.Cmd;

/**
 * Ansible apt's policy_rc_d: while apt-get runs, /usr/sbin/policy-rc.d answers every service start or stop of
 * the packages' scripts with exit N (101: not now); the file the host had there is moved aside first and put
 * back afterwards (removed when there was none), also when apt-get fails or is interrupted.
 */
final class PolicyRcD {
    static final String PATH = "/usr/sbin/policy-rc.d";

    private static final String SCRIPT = "p=" + PATH + "; n=$1; shift; b=\n"
            + "if [ -e \"$p\" ] || [ -L \"$p\" ]; then b=$(mktemp -d /tmp/gplay-policy-rc.d.XXXXXX) && mv -- \"$p\" \"$b/\" || exit 1; fi\n"
            + "restore() { rm -f -- \"$p\"; [ -z \"$b\" ] || { mv -- \"$b/policy-rc.d\" \"$p\" && rmdir -- \"$b\"; }; }\n"
            + "trap 'restore; exit 130' INT TERM HUP\n"
            + "printf '#!/bin/sh\\nexit %d\\n' \"$n\" > \"$p\" && chmod 0755 \"$p\" || { restore; exit 1; }\n"
            + "\"$@\"; rc=$?; restore; exit $rc";

    private PolicyRcD() {
    }

    /** The command run with policy-rc.d saying exit code. */
    static Cmd around(int code, Cmd cmd) {
        return Cmd.of("sh", "-c", SCRIPT, "sh", code).raw(cmd.toString());
    }
}
