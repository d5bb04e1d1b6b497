package io.gplay.engine.connection;

import java.nio.file.Path;

/**
 * Where and how to log in: from the inventory's {@code ansible_host}, {@code ansible_port}, {@code ansible_user}, key;
 * {@code agentSocket} is ssh-agent's socket ({@code SSH_AUTH_SOCK}), or null to use no agent. The bounds on the
 * waits, in seconds: {@code timeoutSeconds} on each stage of opening the connection (TCP, banner, key exchange,
 * authentication), {@code commandTimeoutSeconds} on each command, and {@code keepAliveSeconds} between
 * keepalives (three unanswered and the link is taken for dead). {@code password}: for a password login
 * ({@code ansible_password}, {@code --ask-pass}), tried after the keys; null for none.
 */
public record SshTarget(String address, int port, String user, Path privateKey, Path knownHosts,
                        boolean acceptNewHostKeys, int timeoutSeconds, Path agentSocket,
                        int commandTimeoutSeconds, int keepAliveSeconds, String password) {
    public static final int DEFAULT_CONNECT_TIMEOUT = 10;
    public static final int DEFAULT_COMMAND_TIMEOUT = 3600;
    public static final int DEFAULT_KEEPALIVE_INTERVAL = 15;

    /** With the default command timeout and keepalive interval. */
    public SshTarget(String address, int port, String user, Path privateKey, Path knownHosts,
                     boolean acceptNewHostKeys, int timeoutSeconds, Path agentSocket) {
        this(address, port, user, privateKey, knownHosts, acceptNewHostKeys, timeoutSeconds, agentSocket,
                DEFAULT_COMMAND_TIMEOUT, DEFAULT_KEEPALIVE_INTERVAL, null);
    }

    /** Never the password itself. */
    @Override
    public String toString() {
        return user + "@" + address + ":" + port + (password == null ? "" : " (with a password)");
    }
}
