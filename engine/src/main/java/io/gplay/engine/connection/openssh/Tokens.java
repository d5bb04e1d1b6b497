package io.gplay.engine.connection.openssh;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What ssh_config expands in a value: {@code ~} (the user's home; {@code ~user} is not read), environment
 * variables as {@code ${NAME}}, and the TOKENS of ssh_config(5) that a keyword accepts ({@code %h}, {@code %p},
 * ...). A token or variable that cannot be expanded is an error naming the line, as in ssh.
 */
final class Tokens {
    private Tokens() {
    }

    /** {@code ~} or {@code ~/...} as under the home folder. */
    static String tilde(String value, Path home, String where) {
        if (value.equals("~")) {
            return home.toString();
        }
        if (value.startsWith("~/")) {
            return home.resolve(value.substring(2)).toString();
        }
        if (value.startsWith("~")) {
            throw new SshConfigException(where + ": '" + value + "': ~user is not supported; write the path");
        }
        return value;
    }

    /** {@code ${NAME}} replaced by the variable's value; an unset one is an error. */
    static String environment(String value, Function<String, String> env, String where) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                break;
            }
            int end = value.indexOf('}', start);
            if (end < 0) {
                throw new SshConfigException(where + ": '" + value + "': unterminated ${");
            }
            String name = value.substring(start + 2, end);
            String v = env.apply(name);
            if (v == null) {
                throw new SshConfigException(where + ": environment variable " + name + " is not set");
            }
            out.append(value, i, start).append(v);
            i = end + 1;
        }
        return out.append(value.substring(i)).toString();
    }

    /** {@code %X} replaced by {@code values.get('X')} for the tokens the keyword accepts; {@code %%} is a %. */
    static String percent(String value, Map<Character, String> values, String accepted, String keyword, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 == value.length()) {
                throw new SshConfigException(where + ": " + keyword + " ends with a lone %");
            }
            char t = value.charAt(++i);
            if (t == '%') {
                out.append('%');
            } else if (accepted.indexOf(t) >= 0 && values.containsKey(t)) {
                out.append(values.get(t));
            } else {
                throw new SshConfigException(where + ": " + keyword + ": token %" + t
                        + " is not supported there (gplay expands %" + String.join(", %", accepted.split("")) + ")");
            }
        }
        return out.toString();
    }
}
