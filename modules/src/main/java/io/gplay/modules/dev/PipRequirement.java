package io.gplay.modules.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One package of the pip module's name list, as Ansible's Package reads it: a plain requirement (a name, extras,
 * version specifiers, a marker) whose installed version can be checked, or anything else pip takes (a URL, a path,
 * a VCS address), which is never taken as installed.
 */
record PipRequirement(String text, String name, List<String> specifiers) {
    private static final Pattern PLAIN = Pattern.compile(
            "\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[^\\]]*\\])?\\s*((?:===|[<>=!~]=|[<>])[^;]*)?\\s*(;.*)?");
    private static final Pattern SPEC = Pattern.compile("\\s*(===|[<>=!~]=|[<>])\\s*(\\S+)\\s*");

    static PipRequirement of(String text) {
        Matcher m = PLAIN.matcher(text);
        if (!m.matches()) {
            return new PipRequirement(text, null, List.of());
        }
        List<String> specs = new ArrayList<>();
        if (m.group(3) != null) {
            for (String s : m.group(3).split(",")) {
                if (!SPEC.matcher(s).matches()) {
                    return new PipRequirement(text, null, List.of());
                }
                specs.add(s.strip());
            }
        }
        return new PipRequirement(text, canonical(m.group(1)), specs);
    }

    /** Ansible's Package(name, version): a version starting with a digit is ==VERSION, else a specifier as given. */
    static PipRequirement withVersion(String text, String version) {
        String v = version.strip();
        return of(text + (Character.isDigit(v.charAt(0)) ? "==" : " ") + v);
    }

    /**
     * Ansible's _recover_package_name: the list split at commas and joined again where a part is a specifier of
     * the package before it ({@code ['django>1.11.1', '<1.11.3']} is one package).
     */
    static List<String> recover(List<String> names) {
        List<String> parts = new ArrayList<>();
        names.forEach(n -> parts.addAll(List.of(n.split(",", -1))));
        List<String> packages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean inBrackets = false;
        for (String part : parts) {
            if (!part.stripLeading().matches("(?s)(===|[<>=!~]=|[<>]).*") && !inBrackets && !current.isEmpty()) {
                packages.add(String.join(",", current));
                current = new ArrayList<>();
            }
            if (part.contains("[")) {
                inBrackets = true;
            }
            if (inBrackets && part.contains("]")) {
                inBrackets = false;
            }
            current.add(part);
        }
        packages.add(String.join(",", current));
        return packages;
    }

    /** PEP 503's normal form of a name. */
    static String canonical(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase();
    }

    boolean plain() {
        return name != null;
    }

    boolean hasSpecifier() {
        return !specifiers.isEmpty();
    }

    boolean satisfiedBy(String version) {
        if (!plain()) {
            return false;
        }
        for (String s : specifiers) {
            Matcher m = SPEC.matcher(s);
            m.matches();
            if (!PipVersion.matches(m.group(1), m.group(2), version)) {
                return false;
            }
        }
        return true;
    }
}
