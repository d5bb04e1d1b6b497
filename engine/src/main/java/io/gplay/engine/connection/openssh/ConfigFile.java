package io.gplay.engine.connection.openssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * An ssh_config file as read, its {@code Include}s read with it (and evaluated later, per host, by
 * {@link Lookup}). As ssh_config(5) has it: an included path may hold glob wildcards, expanded in lexical order,
 * and {@code ~}; a relative one is taken from {@code ~/.ssh} in a user's file (also one given with {@code -F}) and
 * from {@code /etc/ssh} in the system's; a path that matches nothing includes nothing; includes nest at most 16
 * deep (OpenSSH's READCONF_MAX_DEPTH).
 */
public record ConfigFile(Path path, List<ConfigLine> lines) {
    private static final int MAX_DEPTH = 16;

    public ConfigFile {
        lines = List.copyOf(lines);
    }

    /**
     * Reads a file; {@code includeBase} is where a relative {@code Include} is looked for, {@code home} what
     * {@code ~} stands for.
     */
    public static ConfigFile read(Path file, Path includeBase, Path home) {
        return read(file, includeBase, home, 0);
    }

    private static ConfigFile read(Path file, Path includeBase, Path home, int depth) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SshConfigException("cannot read ssh config " + file + ": " + e.getMessage(), e);
        }
        List<ConfigLine> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            ConfigLine line = ConfigLine.parse(text.get(i), file + ":" + (i + 1));
            if (line == null) {
                continue;
            }
            if (line.keyword().equals("include")) {
                if (depth + 1 > MAX_DEPTH) {
                    throw new SshConfigException(line.where() + ": Include nested more than " + MAX_DEPTH + " deep");
                }
                List<ConfigFile> included = new ArrayList<>();
                for (String arg : line.args()) {
                    for (Path p : glob(Tokens.tilde(arg, home, line.where()), includeBase)) {
                        included.add(read(p, includeBase, home, depth + 1));
                    }
                }
                line = line.withIncluded(included);
            }
            lines.add(line);
        }
        return new ConfigFile(file, lines);
    }

    /** The regular files a pattern names, in lexical order; wildcards may stand in any part of the path. */
    static List<Path> glob(String pattern, Path base) {
        Path p = base.resolve(pattern);
        List<Path> found = new ArrayList<>(List.of(p.getRoot()));
        for (Path part : p.getRoot().relativize(p)) {
            String name = part.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : found) {
                if (name.matches(".*[*?\\[].*")) {
                    next.addAll(matching(dir, name));
                } else {
                    next.add(dir.resolve(name));
                }
            }
            found = next;
        }
        return found.stream().filter(Files::isRegularFile).toList();
    }

    private static List<Path> matching(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name.replace("{", "\\{"));
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                Path fileName = e.getFileName();
                // as glob(7): a wildcard does not match a leading dot
                if (matcher.matches(fileName) && (name.startsWith(".") || !fileName.toString().startsWith("."))) {
                    out.add(e);
                }
            }
        } catch (IOException e) {
            return List.of(); // an unreadable folder matches nothing, as glob(3) skips it
        }
        out.sort(null);
        return out;
    }
}
