package io.gplay.engine.connection;

import java.nio.file.Path;

/**
 * Where and how to log in: from the inventory's {@code ansible_host}, {@code ansible_port}, {@code ansible_user}, key;
 * {@code agentSocket} is ssh-agent's socket ({@code SSH_AUTH_SOCK}), or null to use no agent. The bounds on the
 * waits, in seconds: {@code timeoutSeconds} on each stage of opening the connection (TCP, banner, key exchange,
 * authentication), {@code commandTimeoutSeconds} on each command, and {@code keepAliveSeconds} between
 * keepalives (three unanswered and the link is taken for dead). {@code password}: for a password login
 * ({@code ansible_password}, {@code --ask-pass}), tried after the keys; null for none. Made with
 * {@link #builder()}.
 */
public record SshTarget(String address, int port, String user, Path privateKey, Path knownHosts,
                        boolean acceptNewHostKeys, int timeoutSeconds, Path agentSocket,
                        int commandTimeoutSeconds, int keepAliveSeconds, String password) {
    public static final int DEFAULT_CONNECT_TIMEOUT = 10;
    public static final int DEFAULT_COMMAND_TIMEOUT = 3600;
    public static final int DEFAULT_KEEPALIVE_INTERVAL = 15;

    public static Builder builder() {
        return new Builder();
    }

    /** Never the password itself. */
    @Override
    public String toString() {
        return user + "@" + address + ":" + port + (password == null ? "" : " (with a password)");
    }

    /**
     * A target set part by part; what is not set: no key, agent or password, new host keys refused, the default
     * bounds.
     */
    public static final class Builder {
        private String address;
        private int port;
        private String user;
        private Path privateKey;
        private Path knownHosts;
        private boolean acceptNewHostKeys;
        private int timeoutSeconds = DEFAULT_CONNECT_TIMEOUT;
        private Path agentSocket;
        private int commandTimeoutSeconds = DEFAULT_COMMAND_TIMEOUT;
        private int keepAliveSeconds = DEFAULT_KEEPALIVE_INTERVAL;
        private String password;

        private Builder() {
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

        public SshTarget build() {
            return new SshTarget(address, port, user, privateKey, knownHosts, acceptNewHostKeys, timeoutSeconds,
                    agentSocket, commandTimeoutSeconds, keepAliveSeconds, password);
        }
    }
}
