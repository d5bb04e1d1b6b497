package io.gplay.modules.pam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PAM service file as community.general's pamd edits it (PamdService): its lines in order, each a rule or a
 * line kept as it is (comment, @include, blank, or a line no rule reads). Ansible inserting before or after a rule
 * drops the comments between that rule and its neighbour rule; here they stay, and the new rule goes right
 * beside the one matched.
 */
final class PamService {
    private final List<Object> lines = new ArrayList<>();

    PamService(String text) {
        for (String line : text.split("\r\n|\n|\r", -1)) {
            String left = line.stripLeading();
            PamRule rule = left.startsWith("#") || left.startsWith("@include") || line.isBlank() ? null : PamRule.parse(line);
            lines.add(rule != null ? rule : left.startsWith("#") || left.startsWith("@include") || line.isBlank() ? line : new Unread(line));
        }
        if (text.isEmpty() || text.endsWith("\n") || text.endsWith("\r")) {
            lines.remove(lines.size() - 1); // splitlines() has no empty last line
        }
    }

    /** A line that is no comment, include, blank or rule: Ansible refuses the file. */
    private record Unread(String line) {
    }

    private List<PamRule> get(String type, String control, String path) {
        return lines.stream().filter(l -> l instanceof PamRule r && r.matches(type, control, path)).map(l -> (PamRule) l).toList();
    }

    int update(String type, String control, String path, String newType, String newControl, String newPath, List<String> newArgs) {
        int changes = 0;
        List<String> args = newArgs == null ? null : PamRule.arguments(newArgs);
        for (PamRule rule : get(type, control, path)) {
            boolean changed = false;
            if (newType != null && !newType.isEmpty() && !rule.type.equals(newType)) {
                rule.type = newType;
                changed = true;
            }
            if (newControl != null && !newControl.isEmpty() && !rule.control().equals(newControl)) {
                rule.control(newControl);
                changed = true;
            }
            if (newPath != null && !newPath.isEmpty() && !rule.path.equals(newPath)) {
                rule.path = newPath;
                changed = true;
            }
            if (args != null && !rule.args.equals(args)) {
                rule.args = new ArrayList<>(args);
                changed = true;
            }
            if (changed) {
                rule.touched();
                changes++;
            }
        }
        return changes;
    }

    int insertBefore(String type, String control, String path, String newType, String newControl, String newPath, List<String> newArgs) {
        int changes = 0;
        for (PamRule rule : get(type, control, path)) {
            Object previous = neighbour(rule, -1);
            if (!(previous instanceof PamRule p && p.matches(newType, newControl, newPath))) {
                lines.add(lines.indexOf(rule), new PamRule(newType, newControl, newPath, argumentsOrNone(newArgs)));
                changes++;
            }
        }
        return changes;
    }

    int insertAfter(String type, String control, String path, String newType, String newControl, String newPath, List<String> newArgs) {
        int changes = 0;
        for (PamRule rule : get(type, control, path)) {
            Object next = neighbour(rule, 1);
            if (!(next instanceof PamRule n && n.matches(newType, newControl, newPath))) {
                lines.add(lines.indexOf(rule) + 1, new PamRule(newType, newControl, newPath, argumentsOrNone(newArgs)));
                changes++;
            }
        }
        return changes;
    }

    private static List<String> argumentsOrNone(List<String> args) {
        return args == null ? List.of() : PamRule.arguments(args);
    }

    /** The line before (-1) or after (1) the rule, comments and blank lines passed over; null at either end. */
    private Object neighbour(PamRule rule, int step) {
        for (int i = lines.indexOf(rule) + step; i >= 0 && i < lines.size(); i += step) {
            if (!(lines.get(i) instanceof String s) || !(s.isBlank() || s.stripLeading().startsWith("#"))) {
                return lines.get(i);
            }
        }
        return null;
    }

    int argsPresent(String type, String control, String path, List<String> wanted) {
        List<String> add = PamRule.arguments(wanted);
        int changes = 0;
        for (PamRule rule : get(type, control, path)) {
            Set<String> simpleNew = new LinkedHashSet<>();
            Map<String, String> pairsNew = new LinkedHashMap<>();
            split(add, simpleNew, pairsNew);
            Set<String> simpleNow = new LinkedHashSet<>();
            Map<String, String> pairsNow = new LinkedHashMap<>();
            split(rule.args, simpleNow, pairsNow);
            boolean changed = false;
            for (String arg : simpleNew) {
                if (!simpleNow.contains(arg)) {
                    rule.args.add(arg);
                    changed = true;
                }
            }
            for (Map.Entry<String, String> e : pairsNew.entrySet()) {
                String now = pairsNow.get(e.getKey());
                if (now == null) {
                    rule.args.add(e.getKey() + "=" + e.getValue());
                    changed = true;
                } else if (!now.equals(e.getValue())) {
                    rule.args.set(rule.args.indexOf(e.getKey() + "=" + now), e.getKey() + "=" + e.getValue());
                    changed = true;
                }
            }
            if (changed) {
                rule.touched();
                changes++;
            }
        }
        return changes;
    }

    private static void split(List<String> args, Set<String> simple, Map<String, String> pairs) {
        for (String arg : args) {
            if (arg.startsWith("[")) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                simple.add(arg);
            } else {
                pairs.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
    }

    int argsAbsent(String type, String control, String path, List<String> unwanted) {
        List<String> remove = PamRule.arguments(unwanted);
        int changes = 0;
        for (PamRule rule : get(type, control, path)) {
            if (rule.args.stream().anyMatch(remove::contains)) {
                rule.args.removeIf(remove::contains);
                rule.touched();
                changes++;
            }
        }
        return changes;
    }

    int remove(String type, String control, String path) {
        List<PamRule> gone = get(type, control, path);
        lines.removeAll(gone);
        return gone.size();
    }

    /** Ansible's PamdService.validate over the whole file: null when valid, else why not. */
    String invalid() {
        for (Object line : lines) {
            String why = line instanceof PamRule r ? r.invalid()
                    : line instanceof Unread u ? "Rule is not valid " + u.line()
                    : indented((String) line, "#") || indented((String) line, "@include") ? "Rule is not valid " + line
                    : null;
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** Ansible reads an indented comment or @include as one, then refuses it. */
    private static boolean indented(String line, String start) {
        return line.stripLeading().startsWith(start) && !line.startsWith(start);
    }

    /** The file: untouched lines as they were, changed and new rules as Ansible writes them. */
    String text() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l instanceof PamRule r ? r.line() : l instanceof Unread u ? u.line() : l).append('\n'));
        return out.toString();
    }
}
