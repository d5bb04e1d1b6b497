package io.gplay.engine.run;

import io.gplay.engine.connection.SshTarget;
import io.gplay.engine.connection.openssh.ConfigLine;
import io.gplay.engine.connection.openssh.HostSettings;
import io.gplay.engine.connection.openssh.Hop;
import io.gplay.engine.connection.openssh.JumpSpec;
import io.gplay.engine.connection.openssh.OpenSshConfig;
import io.gplay.engine.connection.openssh.SshCommandLine;
import io.gplay.engine.connection.openssh.SshConfigException;
import io.gplay.engine.inventory.ConnectionVars;
import io.gplay.engine.inventory.Host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's SSH target from its inventory variables and the OpenSSH client configuration, as Ansible's ssh
 * connection has ssh make it. The name given to ssh is {@code ansible_host}, else the inventory's name: the one
 * ssh_config's {@code Host} and {@code Match} blocks match, and {@code HostName} may replace. Ansible's command
 * line comes first, and so wins (the first value obtained is used): {@code ansible_ssh_args}, then the
 * inventory's port and user, then {@code gplay_proxy_jump}, {@code ansible_ssh_common_args},
 * {@code ansible_ssh_extra_args}; then the config files ({@code gplay_ssh_config} or {@code -F} in those
 * arguments for another file). gplay's own settings ({@code gplay_known_hosts}, {@code --known-hosts},
 * {@code --accept-new-host-keys}, {@code gplay_connect_timeout}, {@code gplay_keepalive_interval}) win over
 * ssh_config, for the host and each of its jump hosts. A jump host is configured as ssh -J configures it: by
 * its own entries in the config files, not by the target's settings or the inventory's.
 */
final class SshTargets {
    private static final List<String> ARG_VARS = List.of("ansible_ssh_common_args", "ansible_ssh_extra_args");
    private static final String SSH_ARGS = "ansible_ssh_args";
    /** More hops than this is a loop: a jump host whose own ProxyJump leads back. */
    private static final int MAX_HOPS = 8;

    private final boolean acceptNewHostKeys;
    private final Path knownHosts;
    private final Path agentSocket;
    private final OpenSshConfig config;

    SshTargets(boolean acceptNewHostKeys, Path knownHosts, Path agentSocket, OpenSshConfig config) {
        this.acceptNewHostKeys = acceptNewHostKeys;
        this.knownHosts = knownHosts;
        this.agentSocket = agentSocket;
        this.config = config;
    }

    /** What is wrong with the host's ssh arguments and jump host, before any connection is tried. */
    static List<String> problems(Host host) {
        List<String> out = new ArrayList<>();
        for (String name : List.of(SSH_ARGS, ARG_VARS.get(0), ARG_VARS.get(1), "gplay_proxy_jump", "gplay_ssh_config")) {
            String v = host.varString(name, null);
            if (v != null && v.contains("{{")) {
                out.add("inventory: host " + host.name() + ": " + name + " is a template ('{{ ... }}'); "
                        + Connections.NOT_EVALUATED + ": set the value itself, or name a variable the inventory sets");
                return out;
            }
        }
        try {
            args(host, SSH_ARGS);
            args(host, ARG_VARS.get(0));
            args(host, ARG_VARS.get(1));
            String jump = host.varString("gplay_proxy_jump", null);
            if (jump != null) {
                JumpSpec.parseList(jump, "gplay_proxy_jump");
            }
        } catch (SshConfigException e) {
            out.add("inventory: host " + host.name() + ": " + e.getMessage());
        }
        return out;
    }

    /** The host's target; a setting gplay cannot use is an {@link SshConfigException} naming where it is. */
    SshTarget of(Host host) {
        List<ConfigLine> commandLine = new ArrayList<>();
        SshCommandLine sshArgs = args(host, SSH_ARGS);
        commandLine.addAll(sshArgs.options());
        String port = ConnectionVars.PORT.of(host, null);
        if (port != null) {
            commandLine.add(line("port", port, ConnectionVars.PORT.nameIn(host)));
        }
        String user = ConnectionVars.USER.of(host, null);
        if (user != null) {
            commandLine.add(line("user", user, ConnectionVars.USER.nameIn(host)));
        }
        String jump = host.varString("gplay_proxy_jump", null);
        if (jump != null) {
            commandLine.add(line("proxyjump", jump, "gplay_proxy_jump"));
        }
        String file = sshArgs.configFile();
        for (String name : ARG_VARS) {
            SshCommandLine args = args(host, name);
            commandLine.addAll(args.options());
            file = args.configFile() != null ? args.configFile() : file;
        }
        file = host.varString("gplay_ssh_config", file);
        String key = ConnectionVars.PRIVATE_KEY_FILE.of(host, null);
        return resolve(ConnectionVars.HOST.of(host, host.name()), commandLine, file, new Bounds(host), 0)
                .privateKey(key == null ? null : Path.of(expand(key)))
                .commandTimeoutSeconds(seconds(host, "gplay_command_timeout", SshTarget.DEFAULT_COMMAND_TIMEOUT))
                .password(ConnectionVars.PASSWORD.of(host, null))
                .build();
    }

    /** A target named as given to ssh, with its jump hosts; {@code hops}: how many lie behind it already. */
    private SshTarget.Builder resolve(String name, List<ConfigLine> commandLine, String file, Bounds bounds, int hops) {
        HostSettings s = config.lookup(name, commandLine, file);
        Path kh = bounds.knownHosts != null ? bounds.knownHosts : knownHosts != null ? knownHosts
                : s.knownHostsFile() != null ? s.knownHostsFile() : config.home().resolve(".ssh/known_hosts");
        SshTarget.Builder b = SshTarget.builder()
                .name(name)
                .address(s.hostName())
                .port(s.port() == null ? 22 : s.port())
                .user(s.user() == null ? config.localUser() : s.user())
                .identityFiles(s.identityFiles())
                .identitiesOnly(s.identitiesOnly())
                .knownHosts(kh)
                .acceptNewHostKeys(acceptNewHostKeys || Boolean.TRUE.equals(s.acceptNewHostKeys()))
                .hostKeyAlias(s.hostKeyAlias())
                .timeoutSeconds(first(bounds.connect, s.connectTimeout(), SshTarget.DEFAULT_CONNECT_TIMEOUT))
                .keepAliveSeconds(first(bounds.keepAlive, s.serverAliveInterval(), SshTarget.DEFAULT_KEEPALIVE_INTERVAL))
                .agentSocket(agentSocket);
        Hop hop = Hop.of(s, file);
        if (hop != null) {
            if (hops == MAX_HOPS) {
                throw new SshConfigException(hop.where() + ": more than " + MAX_HOPS + " jump hosts in a row on the way"
                        + " to " + name + " (does a jump host's ProxyJump lead back?)");
            }
            b.jump(resolve(hop.host(), hop.options(), hop.configFile(), bounds, hops + 1).build());
        }
        return b;
    }

    /** The options of one of Ansible's ssh argument variables; they name no host and no command. */
    private static SshCommandLine args(Host host, String name) {
        String v = host.varString(name, null);
        if (v == null) {
            return SshCommandLine.parse(List.of(), name);
        }
        SshCommandLine cl = SshCommandLine.parse(SshCommandLine.shellWords(v, name), name);
        if (!cl.destinations().isEmpty()) {
            throw new SshConfigException(name + ": '" + cl.destinations().get(0) + "' is not an ssh option");
        }
        if (cl.forward() != null) {
            throw new SshConfigException(name + ": ssh option -W is not supported by gplay there");
        }
        return cl;
    }

    private static ConfigLine line(String keyword, String value, String where) {
        return new ConfigLine(keyword, List.of(value), value, where, List.of());
    }

    private static int first(Integer gplay, Integer sshConfig, int byDefault) {
        return gplay != null ? gplay : sshConfig != null ? sshConfig : byDefault;
    }

    private static int seconds(Host host, String name, int byDefault) {
        return Integer.parseInt(host.varString(name, String.valueOf(byDefault)));
    }

    private static String expand(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    /** gplay's variables for a host's connection, which apply to its jump hosts' too. */
    private static final class Bounds {
        final Path knownHosts;
        final Integer connect;
        final Integer keepAlive;

        Bounds(Host host) {
            String kh = host.varString("gplay_known_hosts", null);
            knownHosts = kh == null ? null : Path.of(expand(kh));
            String c = host.varString("gplay_connect_timeout", null);
            connect = c == null ? null : Integer.valueOf(c);
            String k = host.varString("gplay_keepalive_interval", null);
            keepAlive = k == null ? null : Integer.valueOf(k);
        }
    }
}
