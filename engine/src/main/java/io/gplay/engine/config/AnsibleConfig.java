package io.gplay.engine.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [defaults]} (and {@code [privilege_escalation]}, {@code [ssh_connection]}) of the ansible.cfg that Ansible would read, and the environment variables that
 * override its settings. The file is the first of: $ANSIBLE_CONFIG (a file, or a directory holding
 * ansible.cfg), ./ansible.cfg (unless the current directory is world-writable, as Ansible refuses it),
 * ~/.ansible.cfg, /etc/ansible/ansible.cfg.
 */
public final class AnsibleConfig {
    private final Path file;
    private final Map<String, String> defaults;
    private final Map<String, String> env;
    private final Path cwd;

    private AnsibleConfig(Path file, Map<String, String> defaults, Map<String, String> env, Path cwd) {
        this.file = file;
        this.defaults = defaults;
        this.env = env;
        this.cwd = cwd;
    }

    /** The configuration of this process: its environment, current and home directory. */
    public static AnsibleConfig load() {
        return load(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
                Path.of("/etc/ansible/ansible.cfg"));
    }

    /** The configuration as Ansible would read it with this environment, working folder, home and system file. */
    public static AnsibleConfig load(Map<String, String> env, Path cwd, Path home, Path system) {
        List<Path> candidates = new ArrayList<>();
        String fromEnv = env.get("ANSIBLE_CONFIG");
        if (fromEnv != null) {
            Path p = cwd.resolve(expandHome(fromEnv, home));
            candidates.add(Files.isDirectory(p) ? p.resolve("ansible.cfg") : p);
        }
        if (!worldWritable(cwd)) {
            candidates.add(cwd.resolve("ansible.cfg"));
        }
        candidates.add(home.resolve(".ansible.cfg"));
        candidates.add(system);
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return new AnsibleConfig(p, readDefaults(p), env, cwd);
            }
        }
        return new AnsibleConfig(null, Map.of(), env, cwd);
    }

    /** The file read, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** A setting: the environment variable {@code envName} if set, else {@code key} of [defaults]. */
    public Optional<String> value(String envName, String key) {
        String v = env.get(envName);
        return Optional.ofNullable(v != null ? v : defaults.get(key.toLowerCase()));
    }

    /** A setting Ansible reads from the file alone, with no environment variable ([defaults] ansible_managed). */
    public Optional<String> value(String key) {
        return Optional.ofNullable(defaults.get(key.toLowerCase()));
    }

    /** A list setting (comma-separated, as Ansible's type list). */
    public List<String> list(String envName, String key) {
        return value(envName, key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList()).orElse(List.of());
    }

    /**
     * A path setting, {@code ~} expanded; relative to the current directory when it comes from the
     * environment, and to the configuration file's directory when it comes from the file (as Ansible).
     */
    public Optional<Path> path(String envName, String key) {
        Path home = Path.of(System.getProperty("user.home"));
        if (env.get(envName) != null) {
            return Optional.of(cwd.resolve(expandHome(env.get(envName), home)).normalize());
        }
        return Optional.ofNullable(defaults.get(key.toLowerCase()))
                .map(v -> file.toAbsolutePath().getParent().resolve(expandHome(v, home)).normalize());
    }

    /** A list of paths separated by {@code :} (Ansible's pathspec, as {@code roles_path}), each as {@link #path}. */
    public List<Path> paths(String envName, String key) {
        return paths(envName, key, ":");
    }

    /** A list of paths separated by commas (Ansible's pathlist, as {@code inventory}), each as {@link #path}. */
    public List<Path> pathList(String envName, String key) {
        return paths(envName, key, ",");
    }

    private List<Path> paths(String envName, String key, String separator) {
        Path home = Path.of(System.getProperty("user.home"));
        String v = env.get(envName) != null ? env.get(envName) : defaults.get(key.toLowerCase());
        if (v == null) {
            return List.of();
        }
        Path base = env.get(envName) != null ? cwd : file.toAbsolutePath().getParent();
        return Arrays.stream(v.split(separator)).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> base.resolve(expandHome(s, home)).normalize()).toList();
    }

    /** A boolean setting as Ansible reads one (yes/true/on/1). */
    public boolean flag(String envName, String key) {
        return value(envName, key).map(v -> List.of("yes", "true", "on", "1", "y", "t").contains(v.strip().toLowerCase()))
                .orElse(false);
    }

    private static String expandHome(String p, Path home) {
        return p.equals("~") ? home.toString() : p.startsWith("~/") ? home.resolve(p.substring(2)).toString() : p;
    }

    private static boolean worldWritable(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The keys of [defaults] and [privilege_escalation], lower-case, as Python's configparser reads them ('key =
     * value' or 'key: value'); those of [ssh_connection] as {@code ssh_connection.KEY}, as some names are in both.
     */
    private static Map<String, String> readDefaults(Path p) {
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        String section = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int sep = firstOf(line, '=', ':');
            // become and become_user live in [privilege_escalation]; no key is in both
            boolean ssh = "ssh_connection".equals(section);
            if (("defaults".equals(section) || "privilege_escalation".equals(section) || ssh) && sep > 0) {
                String value = line.substring(sep + 1);
                int comment = value.indexOf(" ;");
                out.put((ssh ? "ssh_connection." : "") + line.substring(0, sep).strip().toLowerCase(),
                        (comment < 0 ? value : value.substring(0, comment)).strip());
            }
        }
        return out;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
