package io.gplay.engine.connection.openssh;

import io.gplay.engine.shell.ShellWords;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of an ssh command line, as Ansible's {@code ansible_ssh_common_args} (and its kin) and a
 * {@code ProxyCommand ssh -W %h:%p ...} hold them. Read: {@code -o KEYWORD=VALUE} for the keywords gplay reads
 * ({@link HostSettings}), {@code -J} (ProxyJump), {@code -F} (a config file), {@code -i}, {@code -p}, {@code -l},
 * {@code -W}; passed over, as they do not change where gplay connects or what it checks: {@code -C}, {@code -q},
 * {@code -v}, {@code -T}, {@code -t}, {@code -n}, {@code -N}, {@code -x}, {@code -a}, {@code -4}, {@code -6},
 * {@code -S}, {@code -E}, {@code -e}, and the {@code -o} keywords of {@link #PASSED_OVER}. Any other option is
 * refused, naming it: gplay does not silently connect otherwise than the options say.
 */
public record SshCommandLine(List<ConfigLine> options, String configFile, String forward, List<String> destinations) {
    /** -o keywords gplay reads. */
    private static final Set<String> READ = Set.of("hostname", "user", "port", "identityfile", "identitiesonly", "proxyjump",
            "proxycommand", "userknownhostsfile", "stricthostkeychecking", "hostkeyalias", "connecttimeout",
            "serveraliveinterval");
    /**
     * -o keywords with no bearing on gplay's connection: OpenSSH's connection sharing and logging, the
     * authentication methods (gplay offers keys, then a password when given), TCP keepalives (gplay sends SSH
     * ones), the algorithm lists (gplay offers its own), the global known_hosts file (gplay reads the user's).
     */
    private static final Set<String> PASSED_OVER = Set.of("controlmaster", "controlpath", "controlpersist", "loglevel",
            "compression", "serveralivecountmax", "tcpkeepalive", "batchmode", "hashknownhosts", "checkhostip",
            "connectionattempts", "addressfamily", "preferredauthentications", "pubkeyauthentication",
            "passwordauthentication", "kbdinteractiveauthentication", "challengeresponseauthentication",
            "gssapiauthentication", "gssapidelegatecredentials", "numberofpasswordprompts", "addkeystoagent",
            "updatehostkeys", "visualhostkey", "forwardx11", "forwardx11trusted", "requesttty", "exitonforwardfailure",
            "globalknownhostsfile", "hostkeyalgorithms", "pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms",
            "kexalgorithms", "ciphers", "macs", "sendenv");
    private static final String FLAGS_PASSED_OVER = "CqvTtnNxa46";
    private static final String ARGS_PASSED_OVER = "SEe";
    private static final String ARGS_READ = "oJFiplW";

    public SshCommandLine {
        options = List.copyOf(options);
        destinations = List.copyOf(destinations);
    }


    /** Reads the words of a command line (its {@code ssh} left out); {@code where} names them in messages. */
    public static SshCommandLine parse(List<String> words, String where) {
        List<ConfigLine> options = new ArrayList<>();
        List<String> destinations = new ArrayList<>();
        String configFile = null;
        String forward = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("-") || w.length() < 2) {
                destinations.add(w);
                continue;
            }
            for (int c = 1; c < w.length(); c++) {
                char flag = w.charAt(c);
                if (FLAGS_PASSED_OVER.indexOf(flag) >= 0) {
                    continue;
                }
                if (ARGS_READ.indexOf(flag) < 0 && ARGS_PASSED_OVER.indexOf(flag) < 0) {
                    throw new SshConfigException(where + ": ssh option -" + flag + " is not supported by gplay");
                }
                String arg = c + 1 < w.length() ? w.substring(c + 1) : ++i < words.size() ? words.get(i) : null;
                if (arg == null) {
                    throw new SshConfigException(where + ": ssh option -" + flag + " needs an argument");
                }
                switch (flag) {
                    case 'o' -> option(ConfigLine.parse(arg, where), arg, where).ifPresent(options::add);
                    case 'J' -> options.add(line("proxyjump", arg, where));
                    case 'F' -> configFile = arg;
                    case 'i' -> options.add(line("identityfile", arg, where));
                    case 'p' -> options.add(line("port", arg, where));
                    case 'l' -> options.add(line("user", arg, where));
                    case 'W' -> forward = arg;
                    default -> {
                        // -S, -E, -e: connection sharing, logging, the escape character
                    }
                }
                break;
            }
        }
        return new SshCommandLine(options, configFile, forward, destinations);
    }

    private static java.util.Optional<ConfigLine> option(ConfigLine line, String text, String where) {
        if (line == null || line.args().isEmpty()) {
            throw new SshConfigException(where + ": -o '" + text + "' sets no value");
        }
        String k = line.keyword();
        if (READ.contains(k)) {
            return java.util.Optional.of(line);
        }
        if (PASSED_OVER.contains(k) || k.equals("forwardagent") && line.args().get(0).equalsIgnoreCase("no")) {
            return java.util.Optional.empty();
        }
        throw new SshConfigException(where + ": ssh option -o " + text + " is not supported by gplay");
    }

    private static ConfigLine line(String keyword, String value, String where) {
        return new ConfigLine(keyword, List.of(value), value, where, List.of());
    }

    /**
     * A command line split into words as a POSIX shell (and Ansible's shlex) splits it ({@link ShellWords#split});
     * an unclosed quote is a problem named {@code where}.
     */
    public static List<String> shellWords(String text, String where) {
        try {
            return ShellWords.split(text);
        } catch (IllegalArgumentException e) {
            throw new SshConfigException(where + ": unterminated quote in '" + text + "'");
        }
    }
}
