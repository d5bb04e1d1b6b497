package io.gplay.engine.connection.openssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ssh's reading of its configuration for one host (readconf.c): command-line options first, then the files in
 * order; for each keyword the first value obtained is used, except {@code IdentityFile}, whose values add up,
 * and {@code ProxyJump} and {@code ProxyCommand}, of which the first given wins. A {@code Host} line's
 * patterns are matched against the name as given (in a final pass, against the host name the first pass
 * settled, in lower case, as ssh does); a {@code Match} line's criteria must all hold: {@code all},
 * {@code host} (the name after any {@code HostName} so far), {@code originalhost}, {@code user} (the login so
 * far, else the local user), {@code localuser}, {@code canonical} (never: gplay does not canonicalize) and
 * {@code final} (a second pass over the files, as ssh makes when a file asks for one). {@code exec},
 * {@code localnetwork} and {@code tagged} are refused where the rest of their line holds: their outcome
 * would decide.
 */
final class Lookup {
    private final String originalHost;
    private final String localUser;
    /** The line that set each keyword, by keyword. */
    private final Map<String, ConfigLine> first = new LinkedHashMap<>();
    private final List<ConfigLine> identityFiles = new ArrayList<>();
    private boolean finalPass;
    private boolean wantFinal;

    Lookup(String originalHost, String localUser) {
        this.originalHost = originalHost;
        this.localUser = localUser;
    }

    /** The settings for the host from these options, then these files. */
    static Lookup of(String host, String localUser, List<ConfigLine> commandLine, List<ConfigFile> files) {
        Lookup l = new Lookup(host, localUser);
        commandLine.forEach(l::set);
        files.forEach(f -> l.evaluate(f.lines()));
        if (l.wantFinal) {
            l.first.put("hostname", new ConfigLine("hostname", List.of(l.currentHost()), "", "", List.of()));
            l.finalPass = true;
            files.forEach(f -> l.evaluate(f.lines()));
        }
        return l;
    }

    Map<String, ConfigLine> values() {
        return first;
    }

    List<ConfigLine> identityFiles() {
        return identityFiles;
    }

    private void evaluate(List<ConfigLine> lines) {
        boolean active = true;
        for (ConfigLine line : lines) {
            switch (line.keyword()) {
                case "host" -> {
                    if (line.args().isEmpty()) {
                        throw new SshConfigException(line.where() + ": Host needs at least one pattern");
                    }
                    active = Patterns.hostMatches(finalPass ? currentHost().toLowerCase(Locale.ROOT) : originalHost,
                            line.args());
                }
                case "match" -> active = matches(line);
                case "include" -> {
                    if (active) {
                        line.included().forEach(f -> evaluate(f.lines()));
                    }
                }
                default -> {
                    if (active) {
                        set(line);
                    }
                }
            }
        }
    }

    private void set(ConfigLine line) {
        String k = line.keyword();
        if (k.equals("host") || k.equals("match") || k.equals("include")) {
            throw new SshConfigException(line.where() + ": " + k + " is not an option");
        }
        if (k.equals("identityfile")) {
            identityFiles.add(line);
        } else if (k.equals("proxyjump") || k.equals("proxycommand")) {
            if (!first.containsKey("proxyjump") && !first.containsKey("proxycommand")) {
                first.put(k, line);
            }
        } else {
            first.putIfAbsent(k, line);
        }
    }

    /**
     * The name {@code Match host} compares, and the one to connect to: the HostName so far with %h expanded, or
     * the name as given; as ssh has them, the given name in lower case.
     */
    String currentHost() {
        ConfigLine h = first.get("hostname");
        String given = originalHost.toLowerCase(Locale.ROOT);
        if (h == null) {
            return given;
        }
        return finalPass ? h.single() : Tokens.percent(h.single(), Map.of('h', given), "h", "HostName", h.where());
    }

    private boolean matches(ConfigLine line) {
        List<String> a = line.args();
        if (a.isEmpty()) {
            throw new SshConfigException(line.where() + ": Match needs criteria");
        }
        boolean result = true;
        String undecided = null;
        for (int i = 0; i < a.size(); i++) {
            boolean negated = a.get(i).startsWith("!");
            String criterion = (negated ? a.get(i).substring(1) : a.get(i)).toLowerCase(Locale.ROOT);
            boolean r;
            switch (criterion) {
                case "all" -> {
                    boolean alone = a.size() == 1 || a.size() == 2 && i == 1
                            && List.of("canonical", "final").contains(a.get(0).toLowerCase(Locale.ROOT));
                    if (!alone || negated) {
                        throw new SshConfigException(line.where() + ": Match all must stand alone (or after "
                                + "canonical or final)");
                    }
                    r = true;
                }
                case "canonical" -> r = false;
                case "final" -> {
                    wantFinal = true;
                    r = finalPass;
                }
                case "host", "originalhost", "user", "localuser", "exec", "localnetwork", "tagged" -> {
                    if (i + 1 >= a.size()) {
                        throw new SshConfigException(line.where() + ": Match " + criterion + " needs an argument");
                    }
                    String arg = a.get(++i);
                    r = switch (criterion) {
                        case "host" -> Patterns.listMatches(currentHost(), arg, true);
                        case "originalhost" -> Patterns.listMatches(originalHost, arg, true);
                        case "user" -> Patterns.listMatches(currentUser(), arg, false);
                        case "localuser" -> Patterns.listMatches(localUser, arg, false);
                        default -> {
                            undecided = criterion + " " + arg;
                            yield !negated; // decided by the rest of the line
                        }
                    };
                }
                default -> throw new SshConfigException(line.where() + ": unknown Match criterion '" + a.get(i) + "'");
            }
            result &= negated != r;
        }
        if (result && undecided != null) {
            throw new SshConfigException(line.where() + ": 'Match " + undecided + "' is not supported by gplay, and"
                    + " the rest of the line matches host " + originalHost + " (rewrite it with Host or Match host)");
        }
        return result;
    }

    private String currentUser() {
        ConfigLine u = first.get("user");
        return u == null ? localUser : u.single();
    }
}
