package io.gplay.engine.vault;

/**
 * A vault file or password that cannot be used. Its message names the file (and line) and says what to do; it
 * never holds a password or any decrypted text.
 */
public class VaultException extends RuntimeException {
    public VaultException(String message) {
        super(message);
    }
}
