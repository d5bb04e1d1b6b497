package io.gplay.cli;

import io.gplay.engine.vault.SecretMask;
import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;

/**
 * The console's history (~/.gplay_history) with every secret masked as it is added, so that a line typed or
 * pasted with a password in it is kept, in memory and in the file, with {@link SecretMask#MASK} in its place.
 */
final class MaskedHistory extends DefaultHistory {
    private final SecretMask secrets;

    MaskedHistory(SecretMask secrets) {
        this.secrets = secrets;
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, secrets.mask(line));
    }
}
