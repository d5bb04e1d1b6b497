package io.gplay.engine.connection;

import java.nio.file.Path;

/** Where and how to log in: from the inventory's {@code ansible_host}, {@code ansible_port}, {@code ansible_user}, key. */
public record SshTarget(String address, int port, String user, Path privateKey, Path knownHosts,
                        boolean acceptNewHostKeys, int timeoutSeconds) {
}
