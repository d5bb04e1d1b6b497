package io.gplay.engine.inventory;

import io.gplay.engine.vault.VaultSecrets;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How inventory sources are read beyond their text: the vault secrets for encrypted files and values; whether
 * inventory scripts run ({@code skipScripts}: why not, or null) and for how long at most; which names a
 * directory source skips ({@link SourceDirectory}); and where what is worth a warning goes (a script's
 * standard error, a script not run). A null {@code scriptTimeout} is $GPLAY_INVENTORY_SCRIPT_TIMEOUT's, read
 * when a script runs.
 */
public record LoadOptions(VaultSecrets vault, String skipScripts, Duration scriptTimeout, Pattern ignored,
                          Consumer<String> warnings) {
    /** How long one run of an inventory script may take, in seconds; 0 for no bound. Ansible has no bound. */
    public static final String TIMEOUT_VARIABLE = "GPLAY_INVENTORY_SCRIPT_TIMEOUT";
    private static final int DEFAULT_TIMEOUT_SECONDS = 30;

    /** No vault, scripts run within $GPLAY_INVENTORY_SCRIPT_TIMEOUT, Ansible's default names skipped, no warnings. */
    public static LoadOptions defaults() {
        return new LoadOptions(VaultSecrets.none(), null, null,
                SourceDirectory.ignored(SourceDirectory.IGNORED_EXTENSIONS, List.of()), w -> { });
    }

    public LoadOptions vault(VaultSecrets secrets) {
        return new LoadOptions(secrets, skipScripts, scriptTimeout, ignored, warnings);
    }

    /** Inventory scripts are not run, each one a warning with this reason; their hosts are not read. */
    public LoadOptions skipScripts(String why) {
        return new LoadOptions(vault, why, scriptTimeout, ignored, warnings);
    }

    public LoadOptions scriptTimeout(Duration bound) {
        return new LoadOptions(vault, skipScripts, bound, ignored, warnings);
    }

    /** The names a directory source skips, {@link SourceDirectory#ignored}. */
    public LoadOptions ignored(Pattern names) {
        return new LoadOptions(vault, skipScripts, scriptTimeout, names, warnings);
    }

    public LoadOptions warnings(Consumer<String> to) {
        return new LoadOptions(vault, skipScripts, scriptTimeout, ignored, to);
    }

    /** The bound of one run of a script. */
    Duration scriptBound() {
        return scriptTimeout != null ? scriptTimeout : timeout(System.getenv(TIMEOUT_VARIABLE));
    }

    private static Duration timeout(String seconds) {
        try {
            int s = seconds == null || seconds.isBlank() ? DEFAULT_TIMEOUT_SECONDS : Integer.parseInt(seconds.strip());
            if (s < 0) {
                throw new NumberFormatException();
            }
            return s == 0 ? ChronoUnit.FOREVER.getDuration() : Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new InventoryException(TIMEOUT_VARIABLE + "=" + seconds + " is not a number of seconds (0 for no bound)");
        }
    }
}
