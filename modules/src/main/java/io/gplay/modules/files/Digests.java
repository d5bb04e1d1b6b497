package io.gplay.modules.files;

import io.gplay.engine.connection.HostText;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

/** A file's checksum as the host's sha1sum (sha256sum...) gives it, or as an earlier task of a check run predicted it. */
final class Digests {
    private Digests() {
    }

    /** The hex digest; for a predicted file whose bytes are not known (a download), null. */
    static String of(ModuleContext ctx, String path, String algorithm) {
        if (ctx.predictedPaths().contains(path)) {
            RemoteFile p = ctx.stat(path);
            return p.content() == null ? null : PathFacts.checksum(HostText.encode(p.content()), algorithm);
        }
        if (!PathFacts.CHECKSUMS.contains(algorithm)) {
            throw new IllegalArgumentException(algorithm);
        }
        return ctx.read(Cmd.of("sh", "-c", "\"$1sum\" < \"$2\"", "digest", algorithm, path)).split(" ")[0];
    }
}
