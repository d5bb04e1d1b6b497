package io.gplay.modules.files.jinja;

/** A template that cannot be rendered: the message says TEMPLATE:LINE, what is wrong, and the fix. */
public final class JinjaException extends RuntimeException {
    public JinjaException(String message) {
        super(message);
    }
}
