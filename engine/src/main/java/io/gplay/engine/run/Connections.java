package io.gplay.engine.run;

import io.gplay.engine.connection.Become;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.KeptConnections;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.connection.SshConnection;
import io.gplay.engine.connection.SshTarget;
import io.gplay.engine.connection.UnreachableException;
import io.gplay.engine.connection.openssh.OpenSshConfig;
import io.gplay.engine.connection.openssh.SshConfigException;
import io.gplay.engine.inventory.ConnectionVars;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Task;
import io.gplay.engine.vault.SecretMask;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens a host's connection from its inventory variables: {@code ansible_connection} ({@link Transport}),
 * {@code ansible_host}, {@code ansible_port}, {@code ansible_user}, {@code ansible_ssh_private_key_file},
 * {@code ansible_password} and {@code ansible_become_password} (and Ansible's other names for them,
 * {@link ConnectionVars}), and gplay's {@code gplay_known_hosts},
 * {@code gplay_connect_timeout}, {@code gplay_command_timeout} and {@code gplay_keepalive_interval} (seconds);
 * keys also from ssh-agent when {@code SSH_AUTH_SOCK} is set; with the OpenSSH client configuration, Ansible's
 * ssh arguments and jump hosts ({@link SshTargets}).
 */
public final class Connections {
    private final SshTargets targets;
    /** Connections kept between runs (a daemon's), or null: each run opens its own. */
    private KeptConnections kept;

    public Connections(boolean acceptNewHostKeys, Path knownHosts) {
        this(acceptNewHostKeys, knownHosts, System.getenv("SSH_AUTH_SOCK"), OpenSshConfig.standard());
    }

    /** {@code agentSocket}: ssh-agent's socket, or null or empty for none; {@code sshConfig}: the files to read. */
    public Connections(boolean acceptNewHostKeys, Path knownHosts, String agentSocket, OpenSshConfig sshConfig) {
        this.targets = new SshTargets(acceptNewHostKeys, knownHosts,
                agentSocket == null || agentSocket.isEmpty() ? null : Path.of(agentSocket), sshConfig);
    }

    /** Why a template left in an inventory value is refused (one naming a variable is read as it, VarRefs). */
    static final String NOT_EVALUATED = "gplay reads '{{ name }}' as the variable it names and evaluates no other"
            + " template in inventory values, so it would be taken literally";

    /** What is wrong with a host's connection variables, before any connection is tried. */
    static List<String> problems(Host host) {
        List<String> out = new ArrayList<>();
        checkNumber(host, ConnectionVars.PORT.nameIn(host), ConnectionVars.PORT.of(host, null), out);
        for (String timeout : List.of("gplay_connect_timeout", "gplay_command_timeout", "gplay_keepalive_interval")) {
            checkNumber(host, timeout, host.varString(timeout, null), out);
        }
        for (ConnectionVars setting : List.of(ConnectionVars.HOST, ConnectionVars.USER,
                ConnectionVars.PRIVATE_KEY_FILE, ConnectionVars.PASSWORD, ConnectionVars.BECOME_PASSWORD)) {
            String v = setting.of(host, null);
            // Ansible's "{{ vault_sudo }}" indirection would otherwise be used as it is: a password as a wrong one
            if (v != null && v.contains("{{")) {
                boolean password = setting == ConnectionVars.PASSWORD || setting == ConnectionVars.BECOME_PASSWORD;
                out.add("inventory: host " + host.name() + ": " + setting.nameIn(host) + " is a template "
                        + "('{{ ... }}'); " + NOT_EVALUATED + ": set the " + (password
                        ? "password itself (from a vault file or a !vault value)" : "value itself")
                        + ", or name a variable the inventory sets");
            }
        }
        String type = host.varString("ansible_connection", "ssh");
        Transport transport = Transport.named(type).orElse(null);
        if (transport == null) {
            out.add("inventory: host " + host.name() + ": ansible_connection '" + type + "' is not one gplay speaks"
                    + " (" + Transport.known() + ")");
        } else if (transport == Transport.SSH) {
            out.addAll(SshTargets.problems(host));
        } else {
            out.addAll(transport.problems(host));
        }
        return out;
    }

    private static void checkNumber(Host host, String name, String v, List<String> out) {
        if (v != null && !v.matches("\\d{1,5}")) {
            out.add("inventory: host " + host.name() + ": " + name + " must be a number, got '" + v + "'");
        } else if (v != null && Integer.parseInt(v) == 0) {
            // a port or timeout of 0 would be none: every wait on a host has a bound
            out.add("inventory: host " + host.name() + ": " + name + " must be at least 1, got '0'");
        }
    }

    /**
     * Registers every host's login and become passwords as secrets, so that they are masked wherever gplay
     * writes text and refused on command lines, as values from a vault are.
     */
    public static void registerPasswords(List<Host> hosts, SecretMask mask) {
        for (Host h : hosts) {
            mask.add(ConnectionVars.PASSWORD.of(h, null));
            mask.add(ConnectionVars.BECOME_PASSWORD.of(h, null));
        }
    }

    /** Opens the host's connection; {@link #problems} are refused here too, for callers that did not ask first. */
    public Connection open(Host host) {
        List<String> problems = problems(host);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Transport transport = Transport.of(host);
        if (transport != Transport.SSH) {
            return new LocalConnection(transport.entry(host));
        }
        return kept != null ? kept.open(target(host)) : SshConnection.open(target(host));
    }

    /** From now on SSH connections come from, and at a run's end go back to, {@code kept}. */
    void keepIn(KeptConnections kept) {
        this.kept = kept;
    }

    KeptConnections kept() {
        return kept;
    }

    /**
     * The connection a task uses on a host: through {@code sudo} when the task, the play or the host's
     * {@code ansible_become} asks for it and the user to become is not the one logged in. (Check mode is
     * guarded where a module's context is made, {@link io.gplay.engine.module.ModuleContext}.)
     */
    static Connection forTask(Connection base, Play play, Task task, Host host, Map<String, Object> facts) {
        boolean become = task.options().become() != null ? task.options().become()
                : play.become() || Boolean.TRUE.equals(ParamType.BOOL.coerce(host.var("ansible_become")));
        String becomeUser = play.becomeUser() != null ? play.becomeUser() : host.varString("ansible_become_user", "root");
        String loginUser = String.valueOf(facts.getOrDefault("user",
                ConnectionVars.USER.of(host, System.getProperty("user.name"))));
        return become && !becomeUser.equals(loginUser)
                ? new Become(base, becomeUser, ConnectionVars.BECOME_PASSWORD.of(host, null)) : base;
    }

    /** The host's target; ssh_config or an ssh option gplay cannot use makes the host unreachable, saying why. */
    SshTarget target(Host host) {
        try {
            return targets.of(host);
        } catch (SshConfigException e) {
            throw new UnreachableException(e.getMessage(), e);
        }
    }
}
