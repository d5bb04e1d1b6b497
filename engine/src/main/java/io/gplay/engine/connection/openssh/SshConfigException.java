package io.gplay.engine.connection.openssh;

/** An ssh_config file or an ssh option gplay cannot read, or a setting it refuses; the message names where. */
public class SshConfigException extends RuntimeException {
    public SshConfigException(String message) {
        super(message);
    }

    public SshConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
