package io.gplay.engine.module;

/** The module cannot do what it was asked on this host; the message says why, in the user's terms. */
public class ModuleFailure extends RuntimeException {
    public ModuleFailure(String message) {
        super(message);
    }
}
