package io.gplay.modules.files;

import io.gplay.engine.module.ModuleContext;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A text file on the control machine, read for copy and template: what is wrong with it is said plainly. */
final class LocalText {
    private LocalText() {
    }

    static String read(ModuleContext ctx, Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            ctx.fail(what + " " + file + " is not a readable local file");
        }
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            ctx.fail(what + " " + file + " is not UTF-8 text (copy and template handle text files)");
        } catch (IOException e) {
            ctx.fail(what + " " + file + ": " + e.getMessage());
        }
        return null; // not reached: fail throws
    }
}
