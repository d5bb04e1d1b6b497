package io.gplay.modules.files.jinja;

import java.util.Set;

/**
 * How a template is read: Ansible's defaults (trim_blocks on, lstrip_blocks off, a final newline dropped by Jinja2
 * and put back by Ansible), changed by a first line {@code #jinja2: trim_blocks: False, lstrip_blocks: True} as
 * Ansible reads it (comma-separated {@code key: Python literal}).
 */
record Header(boolean trimBlocks, boolean lstripBlocks, boolean keepTrailingNewline, String body, int lines) {
    static final String PREFIX = "#jinja2:";
    private static final Set<String> DELIMITERS = Set.of("block_start_string", "block_end_string",
            "variable_start_string", "variable_end_string", "comment_start_string", "comment_end_string",
            "line_statement_prefix", "line_comment_prefix");

    static Header parse(String name, String source) {
        if (!source.startsWith(PREFIX)) {
            return new Header(true, false, false, source, 0);
        }
        int eol = source.indexOf('\n');
        String line = source.substring(PREFIX.length(), eol < 0 ? source.length() : eol);
        boolean trim = true;
        boolean lstrip = false;
        boolean keep = false;
        for (String pair : line.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw fail(name, "failed to parse jinja2 override '" + pair.strip()
                        + "': write key: value pairs, separated by commas (#jinja2: trim_blocks: False)");
            }
            String key = pair.substring(0, colon).strip();
            String value = pair.substring(colon + 1).strip();
            switch (key) {
                case "trim_blocks" -> trim = bool(name, key, value);
                case "lstrip_blocks" -> lstrip = bool(name, key, value);
                case "keep_trailing_newline" -> keep = bool(name, key, value);
                case "newline_sequence" -> {
                    if (!value.equals("'\\n'") && !value.equals("\"\\n\"")) {
                        throw fail(name, "newline_sequence " + value + " is not supported: gplay writes '\\n'");
                    }
                }
                default -> throw fail(name, (DELIMITERS.contains(key) ? key + " is not supported: gplay's Jinja2 "
                        + "reads the standard delimiters {{ }}, {% %} and {# #}" : "unknown jinja2 override '" + key
                        + "' (gplay reads trim_blocks, lstrip_blocks, keep_trailing_newline)"));
            }
        }
        return new Header(trim, lstrip, keep, eol < 0 ? "" : source.substring(eol + 1), 1);
    }

    private static boolean bool(String name, String key, String value) {
        return switch (value) {
            case "True" -> true;
            case "False" -> false;
            default -> throw fail(name, key + ": " + value + " is not a Python boolean: write True or False");
        };
    }

    private static JinjaException fail(String name, String what) {
        return new JinjaException(name + ":1: " + what);
    }
}
