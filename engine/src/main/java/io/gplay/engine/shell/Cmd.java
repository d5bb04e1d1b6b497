package io.gplay.engine.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A POSIX shell command line built from typed parts, so that quoting is structural rather than remembered:
 * {@link #arg} always quotes (user values), {@link #raw} is for literals written in module code (flags,
 * operators, redirections). Modelled on pyinfra's {@code StringCommand(..., QuoteString(x))}.
 */
public final class Cmd {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./=:,+@%^-]+");

    private final List<String> parts = new ArrayList<>();

    private Cmd() {
    }

    /** A command whose program name is a literal of the module, followed by quoted arguments. */
    public static Cmd of(String program, Object... args) {
        Cmd cmd = new Cmd().raw(program);
        for (Object a : args) {
            cmd.arg(a);
        }
        return cmd;
    }

    /**
     * A whole line of shell code run as written: a module's own literal script, or the line a playbook's author
     * gives the {@code shell} module (that module's promise). Never build one from a value.
     */
    public static Cmd script(String authorsShellCode) {
        return new Cmd().raw(authorsShellCode);
    }

    /** Quotes one value for a POSIX shell; a value that needs no quoting is left as it is. */
    public static String quote(Object value) {
        String s = String.valueOf(value);
        if (!s.isEmpty() && SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    public Cmd arg(Object value) {
        parts.add(quote(value));
        return this;
    }

    public Cmd args(Collection<?> values) {
        values.forEach(this::arg);
        return this;
    }

    /** A literal written by the module's author; never pass a user value here. */
    public Cmd raw(String literal) {
        parts.add(literal);
        return this;
    }

    /** {@code this && next}. */
    public Cmd and(Cmd next) {
        return new Cmd().raw(toString()).raw("&&").raw(next.toString());
    }

    /** {@code this || next}. */
    public Cmd or(Cmd next) {
        return new Cmd().raw(toString()).raw("||").raw(next.toString());
    }

    /** {@code this; next}. */
    public Cmd then(Cmd next) {
        return new Cmd().raw(toString() + ";").raw(next.toString());
    }

    @Override
    public String toString() {
        return String.join(" ", parts);
    }
}
