package io.gplay.modules.ovirt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ovirt-hosted-engine-setup 1.1 leaves on a host it deployed, and what its own {@code hosted-engine} command
 * takes as "deployed": {@code /etc/ovirt-hosted-engine/hosted-engine.conf}, written in setup's misc stage from
 * {@code templates/hosted-engine.conf.in} (branch ovirt-hosted-engine-setup-1.1, {@code core/conf.py:46-105};
 * path at {@code constants.py:100-104}), whose {@code conf=} names the VM's configuration. The command sources it
 * ({@code src/bin/hosted-engine.in:3-8}) and answers "You must run deploy first" while {@code $conf} is not
 * readable ({@code :185-189}), with exit status 0, as the script ends after its {@code case} with no
 * {@code exit} ({@code :351-376}): so its exit status cannot tell a deployed host from another; this file can.
 */
record SetupConfiguration(Map<String, String> values) {
    static final String PATH = "/etc/ovirt-hosted-engine/hosted-engine.conf";
    private static final Pattern LINE = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)=\"?([^\"\\n]*)\"?\\s*$");

    /** The file's {@code key=value} lines, as the shell that sources it reads them (values without quotes). */
    static SetupConfiguration parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return new SetupConfiguration(values);
    }

    /** The host id setup deployed this host as, or -1 when the file names none. */
    int hostId() {
        try {
            return Integer.parseInt(values.getOrDefault("host_id", "").strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The VM's configuration file ({@code conf=}; setup 1.1 writes /etc/ovirt-hosted-engine/vm.conf), or "". */
    String vmConf() {
        return values.getOrDefault("conf", "");
    }
}
