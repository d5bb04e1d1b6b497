package io.gplay.engine.vault;

/**
 * One vault password and the label (vault ID) it was given under. Its text form never shows the password.
 */
public record VaultPassword(String label, byte[] bytes) {
    @Override
    public String toString() {
        return "VaultPassword[" + label + "]";
    }
}
