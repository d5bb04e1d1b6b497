package io.gplay.modules.repos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-line-style apt sources of a host (sources.list and sources.list.d/*.list), read and written as
 * Ansible's apt_repository reads and writes them (SourcesList: _parse, dump, _add_valid_source,
 * _remove_valid_source, _suggest_filename): a file it rewrites has each line in Ansible's form, disabled lines
 * as "# SOURCE", a comment as " # COMMENT".
 */
final class AptSources {
    static final String LIST = "/etc/apt/sources.list";
    static final String PARTS = "/etc/apt/sources.list.d";

    /** One line: a source (deb or deb-src) or not, enabled or commented out, with its trailing comment. */
    record Line(boolean valid, boolean enabled, String source, String comment) {
        static Line parse(String text) {
            String line = text.strip();
            boolean enabled = true;
            if (line.startsWith("#")) {
                enabled = false;
                line = line.substring(1);
            }
            String comment = "";
            int i = line.indexOf('#');
            if (i > 0) {
                comment = line.substring(i + 1).strip();
                line = line.substring(0, i);
            }
            String source = line.strip();
            boolean valid = false;
            if (!source.isEmpty()) {
                String[] chunks = source.split("\\s+");
                if (chunks[0].equals("deb") || chunks[0].equals("deb-src")) {
                    valid = true;
                    source = String.join(" ", chunks);
                }
            }
            return new Line(valid, enabled, source, comment);
        }

        String render() {
            return (enabled ? "" : "# ") + source + (comment.isEmpty() ? "" : " # " + comment) + "\n";
        }
    }

    private final Map<String, List<Line>> files = new LinkedHashMap<>();

    /** Adds a file as read from the host. */
    void load(String path, String text) {
        List<Line> lines = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            lines.add(Line.parse(l));
        }
        if (text.endsWith("\n") || text.isEmpty()) {
            lines.remove(lines.size() - 1); // the text after the last newline is no line
        }
        files.put(path, lines);
    }

    /** The files as Ansible writes them; a file of no line is none. */
    Map<String, String> dump() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, lines) -> {
            if (!lines.isEmpty()) {
                out.put(path, lines.stream().map(Line::render).reduce("", String::concat));
            }
        });
        return out;
    }

    /**
     * Enables every line of the source wherever it is; with none, appends it to {@code file}. Returns the file
     * appended to, or null.
     */
    String add(String source, String file) {
        boolean found = false;
        for (List<Line> lines : files.values()) {
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                if (l.valid() && l.source().equals(source)) {
                    lines.set(i, new Line(true, true, l.source(), l.comment()));
                    found = true;
                }
            }
        }
        if (found) {
            return null;
        }
        files.computeIfAbsent(file, f -> new ArrayList<>()).add(new Line(true, true, source, ""));
        return file;
    }

    /** Removes every enabled line of the source; a commented-out one stays. */
    void remove(String source) {
        files.values().forEach(lines -> lines.removeIf(l -> l.valid() && l.enabled() && l.source().equals(source)));
    }

    /** Ansible's file for a source: NAME.list, NAME from the filename given or from the source's host and path. */
    static String fileFor(String source, String filename) {
        String name = filename;
        if (name == null) {
            String line = source.replaceAll("\\[[^\\]]+\\]", "").replaceAll("\\w+://", "");
            String first = null;
            for (String part : line.strip().split("\\s+")) {
                if (!part.equals("deb") && !part.equals("deb-src") && !part.isEmpty()) {
                    first = part;
                    break;
                }
            }
            if (first == null) {
                throw new IllegalArgumentException("the repository line has no URI: " + source);
            }
            first = first.contains("@") ? first.substring(first.indexOf('@') + 1) : first;
            name = String.join("_", first.replaceAll("[^a-zA-Z0-9]", " ").strip().split("\\s+"));
        }
        String file = name + ".list";
        return file.contains("/") ? file : PARTS + "/" + file;
    }
}
