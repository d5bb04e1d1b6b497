package io.gplay.engine.connection.openssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What ssh_config says of one host, for the keywords gplay reads: {@code HostName}, {@code User}, {@code Port},
 * {@code IdentityFile}, {@code IdentitiesOnly}, {@code ProxyJump}, {@code ProxyCommand},
 * {@code UserKnownHostsFile}, {@code StrictHostKeyChecking}, {@code HostKeyAlias}, {@code ConnectTimeout},
 * {@code ServerAliveInterval}.
 * Each accessor is null (or empty) where nothing set it; a value ssh would refuse is an error naming its line.
 */
public final class HostSettings {
    private static final String PATH_TOKENS = "dhnpru";

    private final String originalHost;
    private final String localUser;
    private final Path home;
    private final Function<String, String> env;
    private final Lookup lookup;

    HostSettings(String originalHost, String localUser, Path home, Function<String, String> env, Lookup lookup) {
        this.originalHost = originalHost;
        this.localUser = localUser;
        this.home = home;
        this.env = env;
        this.lookup = lookup;
    }

    /** The address to connect to: {@code HostName} with {@code %h} expanded, or the name as given, in lower case. */
    public String hostName() {
        return lookup.currentHost();
    }

    public String user() {
        ConfigLine u = line("user");
        return u == null ? null : u.single();
    }

    public Integer port() {
        ConfigLine p = line("port");
        if (p == null) {
            return null;
        }
        String v = p.single();
        if (!v.matches("\\d{1,5}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
            throw new SshConfigException(p.where() + ": Port must be a number from 1 to 65535, got '" + v + "'");
        }
        return Integer.parseInt(v);
    }

    /** Every {@code IdentityFile} given, in order, with {@code ~}, {@code ${VAR}} and tokens expanded. */
    public List<Path> identityFiles() {
        List<Path> out = new ArrayList<>();
        for (ConfigLine l : lookup.identityFiles()) {
            out.add(path(l, l.single()));
        }
        return out;
    }

    public boolean identitiesOnly() {
        ConfigLine l = line("identitiesonly");
        return l != null && flag(l, List.of("yes", "true"), List.of("no", "false"));
    }

    /** The line of {@code ProxyJump} or {@code ProxyCommand}, whichever came first; null for neither. */
    public ConfigLine proxy() {
        ConfigLine j = line("proxyjump");
        return j != null ? j : line("proxycommand");
    }

    /** The first {@code UserKnownHostsFile} (the one ssh writes new keys to); {@code none} is no file. */
    public Path knownHostsFile() {
        ConfigLine l = line("userknownhostsfile");
        if (l == null || l.args().isEmpty()) {
            return null;
        }
        String first = l.args().get(0);
        return first.equals("none") ? Path.of("/dev/null") : path(l, first);
    }

    /**
     * Whether an unknown host's key is learned: true for {@code accept-new}, and for {@code no}/{@code off} too
     * (gplay still refuses a changed key, which ssh would let through); false for {@code yes} and {@code ask}
     * (gplay asks no one); null when unset.
     */
    /** The name known_hosts knows the host by instead of its address; null where none is set. */
    public String hostKeyAlias() {
        ConfigLine l = line("hostkeyalias");
        return l == null ? null : l.single();
    }

    public Boolean acceptNewHostKeys() {
        ConfigLine l = line("stricthostkeychecking");
        return l == null ? null : !flag(l, List.of("yes", "true", "ask"), List.of("accept-new", "no", "off", "false"));
    }

    /** Seconds; null when unset or {@code none} or 0 (ssh's "no timeout", which gplay does not have). */
    public Integer connectTimeout() {
        return seconds(line("connecttimeout"));
    }

    /** Seconds; null when unset or 0 (ssh's "off": gplay always sends keepalives). */
    public Integer serverAliveInterval() {
        return seconds(line("serveraliveinterval"));
    }

    /** The {@link #proxy()} line's text with %h, %p, %r and %n expanded, as ssh expands them there. */
    public String proxyText() {
        ConfigLine l = proxy();
        String text = l.keyword().equals("proxyjump") ? l.single() : l.rest();
        return Tokens.percent(text, Map.of('h', hostName(), 'p', String.valueOf(portOr22()), 'r', userOrLocal(),
                'n', originalHost), "hpnr", l.keyword(), l.where());
    }

    private ConfigLine line(String keyword) {
        return lookup.values().get(keyword);
    }

    private int portOr22() {
        Integer p = port();
        return p == null ? 22 : p;
    }

    private String userOrLocal() {
        String u = user();
        return u == null ? localUser : u;
    }

    /** A path as ssh reads it: a relative one is taken from the current folder. */
    private Path path(ConfigLine l, String value) {
        String v = Tokens.percent(Tokens.environment(value, env, l.where()), Map.of('d', home.toString(),
                'h', hostName(), 'n', originalHost, 'p', String.valueOf(portOr22()), 'r', userOrLocal(), 'u', localUser),
                PATH_TOKENS, l.keyword(), l.where());
        return Path.of(Tokens.tilde(v, home, l.where()));
    }

    private static boolean flag(ConfigLine l, List<String> yes, List<String> no) {
        String v = l.single().toLowerCase(Locale.ROOT);
        if (!yes.contains(v) && !no.contains(v)) {
            throw new SshConfigException(l.where() + ": " + l.keyword() + " must be one of "
                    + String.join(", ", yes) + ", " + String.join(", ", no) + "; got '" + l.single() + "'");
        }
        return yes.contains(v);
    }

    /** OpenSSH's time format: 30, 30s, 1m30s, 2h (s, m, h, d, w). */
    private static Integer seconds(ConfigLine l) {
        if (l == null) {
            return null;
        }
        String v = l.single().toLowerCase(Locale.ROOT);
        if (v.equals("none")) {
            return null;
        }
        if (!v.matches("(\\d{1,9}[smhdw]?)+")) {
            throw new SshConfigException(l.where() + ": " + l.keyword() + " must be a time (30, 30s, 1m30s), got '"
                    + l.single() + "'");
        }
        long total = 0;
        for (var m = java.util.regex.Pattern.compile("(\\d+)([smhdw]?)").matcher(v); m.find(); ) {
            long unit = switch (m.group(2)) {
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86400;
                case "w" -> 604800;
                default -> 1;
            };
            total += Long.parseLong(m.group(1)) * unit;
        }
        return total == 0 ? null : (int) Math.min(total, Integer.MAX_VALUE);
    }
}
