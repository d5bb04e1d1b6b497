package io.gplay.modules.pam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A limits.conf edited as community.general's pam_limits (6.x, as Debian bookworm's ansible ships it) edits it:
 * every line kept as it is but the one of the domain, type and item, rewritten as
 * DOMAIN TAB TYPE TAB ITEM TAB VALUE [TAB #COMMENT], or appended when none is there. Where Ansible's
 * module carries the comment of an earlier line of the file onto the limit when no comment is given, the
 * limit's own comment is kept; a last line without a line break gets one before a limit is appended.
 */
final class LimitsConf {
    private static final List<String> UNLIMITED = List.of("unlimited", "infinity", "-1");

    /** The text after the edit, and the limit's line as it ends up (Ansible's msg). */
    record Edit(String text, String line) {
    }

    /** Why a value is no value of the item (limits.conf(5)), or null. */
    static String invalid(String item, String value) {
        if (item.equals("nice") || item.equals("priority")) {
            boolean number = value.strip().matches("[+-]?\\d{1,9}");
            return number && Integer.parseInt(value.strip()) >= -20 && Integer.parseInt(value.strip()) <= 19 ? null
                    : "Value of '" + value + "' for item '" + item + "' is invalid. Value must be a number in the range -20 to 19 inclusive."
                    + " Refer to the limits.conf(5) manual pages for more details.";
        }
        return UNLIMITED.contains(value) || value.matches("\\d+") ? null
                : "Value of '" + value + "' for item '" + item + "' is invalid. Value must either be 'unlimited', 'infinity' or -1, all of"
                + " which indicate no limit, or a limit of 0 or larger. Refer to the limits.conf(5) manual pages for more details.";
    }

    /** The edit, or the reason the file or the value is refused (thrown as IllegalArgumentException). */
    static Edit edit(String text, String domain, String type, String item, String value, boolean useMax, boolean useMin, String comment) {
        List<String> lines = new ArrayList<>(text.isEmpty() ? List.of() : Arrays.asList(text.split("(?<=\n)")));
        String message = "";
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String collapsed = line.replaceAll("\\s+", " ").strip();
            if (line.startsWith("#") || collapsed.isEmpty()) {
                continue;
            }
            String[] fields = collapsed.split("#", 2)[0].stripTrailing().split(" ");
            if (fields.length != 4) {
                continue;
            }
            String why = invalid(fields[2], fields[3]);
            if (why != null) {
                throw new IllegalArgumentException("Invalid configuration found: line " + (i + 1) + ": " + why);
            }
            if (!(fields[0].equals(domain) && fields[1].equals(type) && fields[2].equals(item))) {
                continue;
            }
            found = true;
            String wanted = bounded(value, fields[3], useMax, useMin);
            if (value.equals(fields[3]) || wanted.equals(fields[3])) {
                message = line;
                continue;
            }
            String own = line.contains("#") ? line.split("#", 2)[1].replaceAll("[\r\n]+$", "") : "";
            message = limit(domain, type, item, wanted, comment.isEmpty() ? own : comment);
            lines.set(i, message);
        }
        if (!found) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n");
            }
            message = limit(domain, type, item, value, comment);
            lines.add(message);
        }
        return new Edit(String.join("", lines), message);
    }

    /** use_max and use_min: the larger or smaller of the value asked and the value there, no limit being the largest. */
    private static String bounded(String value, String actual, boolean useMax, boolean useMin) {
        boolean actualUnlimited = UNLIMITED.contains(actual);
        boolean valueUnlimited = UNLIMITED.contains(value);
        if (useMax) {
            return actualUnlimited ? actual : valueUnlimited ? value : String.valueOf(Math.max(Long.parseLong(value), Long.parseLong(actual)));
        }
        if (useMin) {
            return actualUnlimited && valueUnlimited ? actual : actualUnlimited ? value : valueUnlimited ? actual
                    : String.valueOf(Math.min(Long.parseLong(value), Long.parseLong(actual)));
        }
        return value;
    }

    private static String limit(String domain, String type, String item, String value, String comment) {
        return domain + "\t" + type + "\t" + item + "\t" + value + (comment.isEmpty() ? "" : "\t#" + comment) + "\n";
    }
}
