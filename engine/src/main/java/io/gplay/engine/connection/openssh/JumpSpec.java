package io.gplay.engine.connection.openssh;

import java.util.ArrayList;
import java.util.List;

/**
 * One jump host of a {@code ProxyJump} list: {@code [user@]host[:port]} or {@code ssh://[user@]host[:port]}, an
 * IPv6 address in brackets ({@code [2001:db8::1]:2222}); user and port null where not given.
 */
public record JumpSpec(String user, String host, Integer port) {
    /** The hops of a list, first to last; none for {@code none}. */
    public static List<JumpSpec> parseList(String list, String where) {
        if (list.equals("none")) {
            return List.of();
        }
        List<JumpSpec> out = new ArrayList<>();
        for (String one : list.split(",", -1)) {
            out.add(parse(one, where));
        }
        return out;
    }

    /** One hop, as ssh's parse_user_host_port and parse_ssh_uri read it. */
    public static JumpSpec parse(String text, String where) {
        String s = text.startsWith("ssh://") ? text.substring(6) : text;
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int at = s.lastIndexOf('@');
        String user = at < 0 ? null : s.substring(0, at);
        String hostPort = s.substring(at + 1);
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 < hostPort.length() && hostPort.charAt(close + 1) != ':') {
                throw invalid(text, where);
            }
            host = hostPort.substring(1, close);
            port = close + 1 < hostPort.length() ? hostPort.substring(close + 2) : null;
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isEmpty() || (user != null && user.isEmpty()) || host.matches(".*[\\s/@].*")
                || port != null && !port.matches("\\d{1,5}")) {
            throw invalid(text, where);
        }
        Integer p = port == null ? null : Integer.valueOf(port);
        if (p != null && (p < 1 || p > 65535)) {
            throw invalid(text, where);
        }
        return new JumpSpec(user, host, p);
    }

    private static SshConfigException invalid(String text, String where) {
        return new SshConfigException(where + ": '" + text + "' is no jump host ([user@]host[:port] or"
                + " ssh://[user@]host[:port])");
    }

    /** As written, e.g. {@code admin@bastion:2222}. */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + h + (port == null ? "" : ":" + port);
    }
}
