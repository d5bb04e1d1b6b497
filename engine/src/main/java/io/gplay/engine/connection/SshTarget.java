package io.gplay.engine.connection;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and how to log in: from the inventory's {@code ansible_host}, {@code ansible_port}, {@code ansible_user}, key,
 * and ssh_config. {@code name}: the host as named (the inventory's host, a ProxyJump entry), for messages.
 * {@code privateKey}: the inventory's key file, which must load; {@code identityFiles}: ssh_config's, each tried
 * when it exists, as ssh does; {@code identitiesOnly}: ssh-agent's keys not offered. {@code agentSocket} is
 * ssh-agent's socket ({@code SSH_AUTH_SOCK}), or null to use no agent. The bounds on the
 * waits, in seconds: {@code timeoutSeconds} on each stage of opening the connection (TCP, banner, key exchange,
 * authentication), {@code commandTimeoutSeconds} on each command, and {@code keepAliveSeconds} between
 * keepalives (three unanswered and the link is taken for dead). {@code password}: for a password login
 * ({@code ansible_password}, {@code --ask-pass}), tried after the keys; null for none. {@code jump}: the jump
 * host the connection goes through (ProxyJump), itself possibly behind another; null for a direct connection.
 * {@code hostKeyAlias}: the name known_hosts knows the host by (ssh_config's {@code HostKeyAlias}), or null for
 * its address and port. Made with {@link #builder()}.
 */
public record SshTarget(String name, String address, int port, String user, Path privateKey, List<Path> identityFiles,
                        boolean identitiesOnly, Path knownHosts, boolean acceptNewHostKeys, int timeoutSeconds,
                        Path agentSocket, int commandTimeoutSeconds, int keepAliveSeconds, String password,
                        SshTarget jump, String hostKeyAlias) {
    public static final int DEFAULT_CONNECT_TIMEOUT = 10;
    public static final int DEFAULT_COMMAND_TIMEOUT = 3600;
    public static final int DEFAULT_KEEPALIVE_INTERVAL = 15;

    public static Builder builder() {
        return new Builder();
    }

    public SshTarget {
        identityFiles = List.copyOf(identityFiles);
    }

    /** Never the password itself. */
    @Override
    public String toString() {
        return user + "@" + address + ":" + port + (password == null ? "" : " (with a password)");
    }

    /** For messages: "bastion (ops@10.0.0.1:22)", or "ops@10.0.0.1:22" when named by its address. */
    public String describe() {
        String login = user + "@" + address + ":" + port;
        return name == null || name.equals(address) ? login : name + " (" + login + ")";
    }

    /**
     * A target set part by part; what is not set: no key, agent or password, new host keys refused, the default
     * bounds, no jump host.
     */
    public static final class Builder {
        private String name;
        private String address;
        private int port;
        private String user;
        private Path privateKey;
        private List<Path> identityFiles = List.of();
        private boolean identitiesOnly;
        private Path knownHosts;
        private boolean acceptNewHostKeys;
        private int timeoutSeconds = DEFAULT_CONNECT_TIMEOUT;
        private Path agentSocket;
        private int commandTimeoutSeconds = DEFAULT_COMMAND_TIMEOUT;
        private int keepAliveSeconds = DEFAULT_KEEPALIVE_INTERVAL;
        private String password;
        private SshTarget jump;
        private String hostKeyAlias;

        private Builder() {
        }

        public Builder name(String hostName) {
            name = hostName;
            return this;
        }

        public Builder address(String hostAddress) {
            address = hostAddress;
            return this;
        }

        public Builder port(int sshPort) {
            port = sshPort;
            return this;
        }

        public Builder user(String login) {
            user = login;
            return this;
        }

        public Builder privateKey(Path key) {
            privateKey = key;
            return this;
        }

        public Builder identityFiles(List<Path> files) {
            identityFiles = files;
            return this;
        }

        public Builder identitiesOnly(boolean only) {
            identitiesOnly = only;
            return this;
        }

        public Builder knownHosts(Path file) {
            knownHosts = file;
            return this;
        }

        public Builder acceptNewHostKeys(boolean accept) {
            acceptNewHostKeys = accept;
            return this;
        }

        public Builder timeoutSeconds(int connect) {
            timeoutSeconds = connect;
            return this;
        }

        public Builder agentSocket(Path socket) {
            agentSocket = socket;
            return this;
        }

        public Builder commandTimeoutSeconds(int command) {
            commandTimeoutSeconds = command;
            return this;
        }

        public Builder keepAliveSeconds(int interval) {
            keepAliveSeconds = interval;
            return this;
        }

        public Builder password(String secret) {
            password = secret;
            return this;
        }

        public Builder jump(SshTarget through) {
            jump = through;
            return this;
        }

        public Builder hostKeyAlias(String alias) {
            hostKeyAlias = alias;
            return this;
        }

        public SshTarget build() {
            return new SshTarget(name, address, port, user, privateKey, identityFiles, identitiesOnly, knownHosts,
                    acceptNewHostKeys, timeoutSeconds, agentSocket, commandTimeoutSeconds, keepAliveSeconds, password,
                    jump, hostKeyAlias);
        }
    }
}
