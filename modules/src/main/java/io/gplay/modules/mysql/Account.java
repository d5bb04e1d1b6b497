package io.gplay.modules.mysql;

import java.util.Map;
import java.util.Set;

/** An account as the server has it (or a check run predicts it): its password's hash (null: none) and its privileges. */
record Account(String hash, Map<String, Set<String>> privileges) {
    /** What a diff shows of it: whether it has a password (never the hash), then its privileges. */
    String text() {
        return text(false);
    }

    String text(boolean passwordChanged) {
        return "password: " + (passwordChanged ? "changed" : hash == null ? "none" : "set") + "\n" + Privileges.show(privileges);
    }
}
