package io.gplay.engine.connection.openssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The OpenSSH client configuration gplay reads, as ssh(1) reads it: command-line options, then the user's
 * {@code ~/.ssh/config}, then the system's {@code /etc/ssh/ssh_config}; or, when a file is given (ssh's
 * {@code -F}), that file alone, and none for {@code none}. Files are read again for every lookup, so an edit
 * shows at the next connection.
 */
public final class OpenSshConfig {
    private final Path userFile;
    private final Path systemFile;
    private final Path home;
    private final String localUser;
    private final Function<String, String> env;

    /**
     * {@code userFile} and {@code systemFile} may be null or missing (then skipped); {@code home} is what {@code ~}
     * and {@code %d} stand for; {@code env} gives the environment for {@code ${NAME}}.
     */
    public OpenSshConfig(Path userFile, Path systemFile, Path home, String localUser, Function<String, String> env) {
        this.userFile = userFile;
        this.systemFile = systemFile;
        this.home = home;
        this.localUser = localUser;
        this.env = env;
    }

    /** ~/.ssh/config and /etc/ssh/ssh_config, for the user running gplay. */
    public static OpenSshConfig standard() {
        Path home = Path.of(System.getProperty("user.home"));
        return new OpenSshConfig(home.resolve(".ssh/config"), Path.of("/etc/ssh/ssh_config"), home,
                System.getProperty("user.name"), System::getenv);
    }

    /** No file at all, as {@code ssh -F none}: only the options given to a lookup. */
    public static OpenSshConfig none() {
        Path home = Path.of(System.getProperty("user.home"));
        return new OpenSshConfig(null, null, home, System.getProperty("user.name"), System::getenv);
    }

    public Path home() {
        return home;
    }

    public String localUser() {
        return localUser;
    }

    /**
     * The settings for a host named as given, from these command-line options, then {@code file} ({@code -F}:
     * a path, {@code ~/...}, or {@code none}) or, when it is null, the standard files.
     */
    public HostSettings lookup(String host, List<ConfigLine> commandLine, String file) {
        List<ConfigFile> files = new ArrayList<>();
        Path userBase = home.resolve(".ssh");
        if (file != null) {
            if (!file.equals("none")) {
                Path given = Path.of(Tokens.tilde(file, home, "ssh config file"));
                if (!Files.isRegularFile(given)) {
                    throw new SshConfigException("ssh config file " + given + " does not exist");
                }
                files.add(ConfigFile.read(given, userBase, home));
            }
        } else {
            if (userFile != null && Files.isRegularFile(userFile)) {
                files.add(ConfigFile.read(userFile, userBase, home));
            }
            if (systemFile != null && Files.isRegularFile(systemFile)) {
                files.add(ConfigFile.read(systemFile, systemFile.toAbsolutePath().getParent(), home));
            }
        }
        return new HostSettings(host, localUser, home, env, Lookup.of(host, localUser, commandLine, files));
    }
}
