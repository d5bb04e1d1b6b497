package io.gplay.modules.ctdb;

import io.gplay.engine.shell.Cmd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of CTDB's configuration files in the two styles CTDB has had: legacy (/etc/sysconfig/ctdb with
 * CTDB_* variables, ctdb before 4.9, as on CentOS 6) and modern (/etc/ctdb/ctdb.conf and ctdb.tunables).
 */
final class CtdbConfig {
    private CtdbConfig() {
    }

    /**
     * The procedure's /mnt/lock/ctdb, variable for variable. The legacy init script sources it as shell, so each
     * value is quoted as the shell needs it (the procedure's own values need none and are written as they are).
     */
    static String legacy(String sharedDir, String recoveryLock, boolean manageSamba, Map<String, Object> tunables) {
        StringBuilder b = new StringBuilder();
        b.append("CTDB_PUBLIC_ADDRESSES=").append(Cmd.quote(sharedDir + "/public_addresses")).append('\n');
        b.append("CTDB_NODES=/etc/ctdb/nodes\n");
        b.append("# Only when using Samba. Unnecessary for NFS.\n");
        b.append("CTDB_MANAGES_SAMBA=").append(manageSamba ? "yes" : "no").append('\n');
        b.append("# some tunables\n");
        tunables.forEach((k, v) -> b.append("CTDB_SET_").append(k).append('=').append(Cmd.quote(v)).append('\n'));
        b.append("CTDB_RECOVERY_LOCK=").append(Cmd.quote(recoveryLock)).append('\n');
        return b.toString();
    }

    /** ctdb.conf: the lock's option was "recovery lock" until 4.18 renamed it "cluster lock". */
    static String conf(String recoveryLock, int[] version) {
        boolean renamed = version[0] > 4 || version[0] == 4 && version[1] >= 18;
        return "# CTDB configuration shared by every node\n"
                + "[logging]\n\tlocation = syslog\n\tlog level = NOTICE\n"
                + "[cluster]\n\t" + (renamed ? "cluster lock" : "recovery lock") + " = " + recoveryLock + "\n";
    }

    /**
     * ctdb.tunables. DeterministicIPs was removed in ctdb 4.6; its successor is IPAllocAlgorithm, where 0 is the
     * deterministic allocation the procedure asks for (and 2, LCP2, the default otherwise).
     */
    static String tunables(Map<String, Object> tunables) {
        Map<String, Object> modern = new LinkedHashMap<>();
        tunables.forEach((k, v) -> {
            if (k.equals("DeterministicIPs")) {
                modern.put("IPAllocAlgorithm", String.valueOf(v).equals("1") ? 0 : 2);
            } else {
                modern.put(k, v);
            }
        });
        StringBuilder b = new StringBuilder("# CTDB tunables shared by every node\n");
        modern.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    static String lines(List<Object> values) {
        StringBuilder b = new StringBuilder();
        values.forEach(v -> b.append(v).append('\n'));
        return b.toString();
    }

    /** "4.17.12-Debian" or "CTDB version: 1.0.114.7-1.el6" → {4, 17}; null when there is no version. */
    static int[] version(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(text);
        return m.find() ? new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }
}
