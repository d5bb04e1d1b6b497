package io.gplay.modules.pam;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of a PAM service file, read and written as community.general's pamd reads and writes it (PamdRule,
 * RULE_REGEX, parse_module_arguments). {@code original} holds the line as the file had it while no change touched
 * the rule, so an untouched rule keeps its bytes.
 */
final class PamRule {
    static final List<String> TYPES = List.of("account", "-account", "auth", "-auth", "password", "-password", "session", "-session");
    private static final Pattern RULE = Pattern.compile(
            "(-?(?:auth|account|session|password))\\s+(\\[.*\\]|\\S*)\\s+(\\S*)\\s*(.*)\\s*");
    private static final Pattern ARG = Pattern.compile("(\\[.*\\]|\\S*)");
    private static final List<String> SIMPLE_CONTROLS = List.of("required", "requisite", "sufficient", "optional", "include", "substack", "definitive");
    private static final List<String> CONTROL_VALUES = List.of("success", "open_err", "symbol_err", "service_err", "system_err",
            "buf_err", "perm_denied", "auth_err", "cred_insufficient", "authinfo_unavail", "user_unknown", "maxtries",
            "new_authtok_reqd", "acct_expired", "session_err", "cred_unavail", "cred_expired", "cred_err", "no_module_data",
            "conv_err", "authtok_err", "authtok_recover_err", "authtok_lock_busy", "authtok_disable_aging", "try_again",
            "ignore", "abort", "authtok_expired", "module_unknown", "bad_item", "conv_again", "incomplete", "default");
    private static final List<String> CONTROL_ACTIONS = List.of("ignore", "bad", "die", "ok", "done", "reset");

    String type;
    private String control;
    String path;
    List<String> args;
    private String original;

    PamRule(String type, String control, String path, List<String> args) {
        this.type = type;
        control(control);
        this.path = path;
        this.args = args == null ? new ArrayList<>() : new ArrayList<>(args);
    }

    /** The rule a line holds, or null when it holds none (RULE_REGEX.search). */
    static PamRule parse(String line) {
        Matcher m = RULE.matcher(line);
        if (!m.find()) {
            return null;
        }
        PamRule rule = new PamRule(m.group(1), m.group(2), m.group(3), arguments(List.of(m.group(4))));
        rule.original = line;
        return rule;
    }

    /** parse_module_arguments: each value split into words, a bracketed [...] staying one. */
    static List<String> arguments(List<String> values) {
        List<String> parsed = new ArrayList<>();
        if (values.size() == 1 && values.get(0).isEmpty()) {
            return parsed;
        }
        for (String value : values) {
            Matcher m = ARG.matcher(value);
            while (m.find()) {
                if (!m.group(1).isEmpty()) {
                    parsed.add(m.group(1));
                }
            }
        }
        return parsed;
    }

    /** The control as Ansible compares it: a bracketed one with " = " closed up, its words joined by one blank. */
    String control() {
        return control;
    }

    void control(String value) {
        if (value.startsWith("[")) {
            value = "[" + String.join(" ", value.replace(" = ", "=").replace("[", "").replace("]", "").split(" ", -1)) + "]";
        }
        control = value;
    }

    boolean matches(String type, String control, String path) {
        return type.equals(this.type) && control.equals(this.control) && path.equals(this.path);
    }

    /** A change to the rule: it is written as Ansible writes rules from now on. */
    void touched() {
        original = null;
    }

    /** Ansible's line for the rule: the type padded to 11 columns, then control, path and arguments. */
    String ansibleLine() {
        String line = String.format("%-11s%s %s", type, control, path);
        return args.isEmpty() ? line : line + " " + String.join(" ", args);
    }

    String line() {
        return original != null ? original : ansibleLine();
    }

    /** Ansible's PamdRule.validate: null when valid, else why not. */
    String invalid() {
        if (!TYPES.contains(type)) {
            return "Rule type, " + type + ", is not valid in rule " + ansibleLine();
        }
        if (!control.startsWith("[")) {
            return SIMPLE_CONTROLS.contains(control) ? null : "Rule control, " + control + ", is not valid in rule " + ansibleLine();
        }
        for (String pair : control.substring(1, control.length() - 1).split(" ", -1)) {
            String[] vk = pair.split("=", -1);
            if (vk.length != 2) {
                return "Rule control, " + control + ", is no list of value=action in rule " + ansibleLine();
            }
            if (!CONTROL_VALUES.contains(vk[0])) {
                return "Rule control value, " + vk[0] + ", is not valid in rule " + ansibleLine();
            }
            if (!CONTROL_ACTIONS.contains(vk[1]) && !vk[1].matches("[+]?\\d+")) {
                return "Rule control action, " + vk[1] + ", is not valid in rule " + ansibleLine();
            }
        }
        return null;
    }
}
