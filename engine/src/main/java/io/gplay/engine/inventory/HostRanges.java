package io.gplay.engine.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host entry of an inventory as Ansible reads it: an optional {@code :port} ({@code h2:2222},
 * {@code [2001:db8::2]:2200}), and ranges that make it several hosts: {@code web[01:03]}, {@code web[a:c]},
 * {@code db[0:10:5]} (a step), several in one name.
 */
final class HostRanges {
    private HostRanges() {
    }

    /** The host names an entry stands for and its port, or null for none. */
    record Entry(List<String> hosts, Integer port) {
    }

    private static final String NUMERIC_RANGE = "\\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?]";
    private static final String HEX_RANGE = "\\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?]";
    private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?]";
    private static final String IPV6_PART = "(?:[0-9a-f]{1,4}|" + HEX_RANGE + ")";
    private static final String IPV4_PART = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUMERIC_RANGE + ")";
    // possessive (*+) repeats: Java's regex recurses once per repeat of a group, and a name of a few 1000
    // characters overflowed the stack; no repeat here needs to give anything back
    private static final String LABEL = "(?:\\w|" + ALNUM_RANGE + ")(?:[\\w_-]|" + ALNUM_RANGE + ")*+(?<![_-])";

    private static final Pattern BRACKETED_HOSTPORT = Pattern.compile("^\\[(.+)]:([0-9]+)$");
    private static final Pattern HOSTPORT = Pattern.compile("^((?:[^:\\[\\]]|\\[[^]]*])*+):([0-9]+)$");
    private static final Pattern IPV4 = Pattern.compile("^(?:" + IPV4_PART + "\\.){3}" + IPV4_PART + "$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV6 = Pattern.compile(("^(?:"
            + "(?:P:){7}P|(?:P:){1,6}:|(?:P:)(?::P){1,6}|(?:P:){2}(?::P){1,5}|(?:P:){3}(?::P){1,4}|"
            + "(?:P:){4}(?::P){1,3}|(?:P:){5}(?::P){1,2}|(?:P:){6}(?::P)|:(?::P){1,6}|P?::|"
            + "(?:0:){6}(?:P\\.){3}P|::(?:ffff:)?(?:P\\.){3}P|(?:0:){5}ffff:(?:P\\.){3}P"
            + ")$").replace("P", IPV6_PART), Pattern.CASE_INSENSITIVE);
    private static final Pattern HOSTNAME = Pattern.compile("^" + LABEL + "(?:\\." + LABEL + ")*+$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    /** The most hosts one entry's ranges may make: beyond it, a typo more likely than a fleet. */
    static final int MAX_HOSTS = 100_000;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /**
     * Reads an entry as Ansible's {@code _expand_hostpattern} does: a port is taken only from what is a valid
     * address or host name once the port is off; anything else is a host name as written, ranges expanded.
     * Without {@code ranges} (a comma list on the command line, as Ansible's host_list) a range is no address.
     */
    static Entry parse(String entry, boolean ranges) {
        String address = entry;
        Integer port = null;
        for (Pattern p : List.of(BRACKETED_HOSTPORT, HOSTPORT)) {
            Matcher m = p.matcher(address);
            if (m.matches()) {
                address = m.group(1);
                port = parsePort(m.group(2));
            }
        }
        if (!validHost(address) || !ranges && address.contains("[")) {
            return new Entry(ranges && entry.contains("[") ? expand(entry) : List.of(entry), null);
        }
        return new Entry(ranges && address.contains("[") ? expand(address) : List.of(address), port);
    }

    /** Whether Ansible's {@code parse_address} takes {@code text} for an address, with or without a port. */
    static boolean isAddress(String text) {
        String address = text;
        for (Pattern p : List.of(BRACKETED_HOSTPORT, HOSTPORT)) {
            Matcher m = p.matcher(address);
            if (m.matches()) {
                address = m.group(1);
            }
        }
        return validHost(address);
    }

    private static boolean validHost(String address) {
        return IPV4.matcher(address).matches() || IPV6.matcher(address).matches()
                || HOSTNAME.matcher(address).matches();
    }

    private static Integer parsePort(String digits) {
        // Ansible takes any number; one beyond an int is no port gplay could use, and is refused later
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.valueOf(digits);
    }

    /** {@code web[01:03]} is web01, web02, web03; {@code [a:c]} letters; {@code [0:10:5]} every fifth. */
    static List<String> expand(String name) {
        List<String> out = List.of("");
        long count = 1;
        int at = 0;
        for (int open = name.indexOf('['); open >= 0; open = name.indexOf('[', at)) {
            int close = name.indexOf(']', open);
            if (close < 0) {
                throw new InventoryException("host range in '" + name + "' has no closing ']'");
            }
            List<String> values = values(name, name.substring(open + 1, close));
            count *= values.size();
            // nested ranges multiply: refused before a single name is made
            if (count > MAX_HOSTS) {
                throw new InventoryException("host range in '" + name + "' makes more than " + MAX_HOSTS
                        + " hosts");
            }
            String literal = name.substring(at, open);
            List<String> next = new ArrayList<>((int) count);
            for (String prefix : out) {
                for (String v : values) {
                    next.add(prefix + literal + v);
                }
            }
            out = next;
            at = close + 1;
        }
        String tail = name.substring(at);
        return out.stream().map(prefix -> prefix + tail).toList();
    }

    /** The values of one range, {@code range} being what is between its brackets. */
    private static List<String> values(String name, String range) {
        String[] bounds = range.split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw new InventoryException("host range in '" + name + "' must be begin:end or begin:end:step");
        }
        String beg = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw new InventoryException("host range in '" + name + "' must specify its end");
        }
        int step = bounds.length == 3 ? number(bounds[2], name) : 1;
        if (step < 1) {
            throw new InventoryException("host range in '" + name + "' must have a step of 1 or more");
        }
        int width = beg.length() > 1 && beg.startsWith("0") ? beg.length() : 0;
        if (width > 0 && width != end.length()) {
            throw new InventoryException("host range in '" + name + "' must have begin and end of equal length");
        }
        List<String> values = new ArrayList<>();
        int b = LETTERS.indexOf(beg);
        int e = LETTERS.indexOf(end);
        if (beg.length() == 1 && end.length() == 1 && b >= 0 && e >= 0) {
            if (b > e) {
                throw new InventoryException("host range in '" + name + "' must have begin <= end");
            }
            for (int i = b; i <= e; i += step) {
                values.add(String.valueOf(LETTERS.charAt(i)));
            }
        } else {
            for (long i = number(beg, name); i <= number(end, name); i += step) {
                String n = String.valueOf(i);
                values.add(width > n.length() ? "0".repeat(width - n.length()) + n : n);
            }
        }
        return values;
    }

    private static int number(String s, String name) {
        if (!s.matches("[0-9]{1,6}")) {
            throw new InventoryException("host range in '" + name + "': '" + s + "' is not a number or a letter");
        }
        return Integer.parseInt(s);
    }
}
