package io.gplay.engine.connection;

import java.nio.file.Path;

/**
 * Where and how to log in: from the inventory's {@code ansible_host}, {@code ansible_port}, {@code ansible_user}, key;
 * {@code agentSocket} is ssh-agent's socket ({@code SSH_AUTH_SOCK}), or null to use no agent.
 */
public record SshTarget(String address, int port, String user, Path privateKey, Path knownHosts,
                        boolean acceptNewHostKeys, int timeoutSeconds, Path agentSocket) {
}
