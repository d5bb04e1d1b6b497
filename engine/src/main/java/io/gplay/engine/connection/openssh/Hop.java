package io.gplay.engine.connection.openssh;

import java.util.ArrayList;
import java.util.List;

/**
 * The jump host a target is reached through, as ssh would reach it: its name, the command-line options ssh would
 * give it (its user and port; for a ProxyJump chain a,b,c: c through a,b, while a's own ProxyJump, if any, is a's
 * config's), and the config file it reads: the target's for ProxyJump (ssh passes -F on), ssh's own for a
 * ProxyCommand. Of ProxyCommand only {@code ssh [options] -W %h:%p [user@]host} is taken, as the jump it
 * describes; any other command is refused, as gplay runs no command to connect.
 */
public record Hop(String host, List<ConfigLine> options, String configFile, String where) {
    public Hop {
        options = List.copyOf(options);
    }

    /** The hop before the target of these settings, or null when it is reached directly. */
    public static Hop of(HostSettings target, String configFile) {
        ConfigLine proxy = target.proxy();
        if (proxy == null) {
            return null;
        }
        String text = target.proxyText();
        if (proxy.keyword().equals("proxyjump")) {
            List<JumpSpec> chain = JumpSpec.parseList(text, proxy.where());
            if (chain.isEmpty()) {
                return null;
            }
            JumpSpec last = chain.get(chain.size() - 1);
            List<ConfigLine> options = userAndPort(last, proxy.where());
            if (chain.size() > 1) {
                List<String> before = chain.subList(0, chain.size() - 1).stream().map(JumpSpec::toString).toList();
                options.add(line("proxyjump", String.join(",", before), proxy.where()));
            }
            return new Hop(last.host(), options, configFile, proxy.where());
        }
        return text.strip().equals("none") ? null : command(target, text, proxy);
    }

    private static Hop command(HostSettings target, String text, ConfigLine proxy) {
        List<String> words = new ArrayList<>(SshCommandLine.shellWords(text, proxy.where()));
        if (!words.isEmpty() && words.get(0).equals("exec")) {
            words.remove(0);
        }
        if (words.isEmpty() || !(words.get(0).equals("ssh") || words.get(0).endsWith("/ssh"))) {
            throw refused(text, proxy);
        }
        SshCommandLine ssh;
        try {
            ssh = SshCommandLine.parse(words.subList(1, words.size()), proxy.where() + ": ProxyCommand");
        } catch (SshConfigException e) {
            throw new SshConfigException(e.getMessage() + "; " + refused(text, proxy).getMessage(), e);
        }
        String h = target.hostName();
        String port = String.valueOf(target.port() == null ? 22 : target.port());
        boolean toTarget = (h + ":" + port).equals(ssh.forward()) || ("[" + h + "]:" + port).equals(ssh.forward());
        if (!toTarget || ssh.destinations().size() != 1) {
            throw refused(text, proxy);
        }
        JumpSpec jump = JumpSpec.parse(ssh.destinations().get(0), proxy.where());
        List<ConfigLine> options = userAndPort(jump, proxy.where());
        options.addAll(ssh.options());
        return new Hop(jump.host(), options, ssh.configFile(), proxy.where());
    }

    private static List<ConfigLine> userAndPort(JumpSpec spec, String where) {
        List<ConfigLine> out = new ArrayList<>();
        if (spec.user() != null) {
            out.add(line("user", spec.user(), where));
        }
        if (spec.port() != null) {
            out.add(line("port", String.valueOf(spec.port()), where));
        }
        return out;
    }

    private static ConfigLine line(String keyword, String value, String where) {
        return new ConfigLine(keyword, List.of(value), value, where, List.of());
    }

    private static SshConfigException refused(String text, ConfigLine proxy) {
        return new SshConfigException(proxy.where() + ": ProxyCommand '" + text + "' is not supported: gplay runs no"
                + " command to connect; it reaches jump hosts itself, over SSH. Use ProxyJump [user@]host[:port]"
                + " (ssh -J), or ProxyCommand ssh -W %h:%p [user@]host");
    }
}
