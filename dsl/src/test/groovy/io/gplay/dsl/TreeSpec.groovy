package io.gplay.dsl

import io.gplay.engine.module.ModuleRegistry
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** A spec over a playbook tree it writes in a folder of its own: the loader, files written, a load's problems. */
abstract class TreeSpec extends Specification {
    @TempDir
    Path dir

    PlaybookLoader loader(ModuleRegistry builtIns = ModuleRegistry.load()) {
        new PlaybookLoader(builtIns, dir.resolve('cache'))
    }

    Path write(String name, String text) {
        Path f = dir.resolve(name)
        Files.createDirectories(f.parent)
        Files.writeString(f, text)
        f
    }

    /** The problems a load is refused with, one a line; empty when it loads. */
    String problems(Closure<?> load) {
        try {
            load()
            return ''
        } catch (DslException e) {
            return e.problems().join('\n')
        }
    }
}
