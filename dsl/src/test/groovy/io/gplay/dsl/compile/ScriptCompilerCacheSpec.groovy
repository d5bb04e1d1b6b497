package io.gplay.dsl.compile

import io.gplay.dsl.build.DslScript
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** The compile cache when two gplay processes compile the same new file at once. */
class ScriptCompilerCacheSpec extends Specification {
    @TempDir
    Path cache

    def "a file another run compiled first, between the check and the move, is taken as it is and no tmp folder is left"() {
        given: 'the entry the other run moved into place while this one compiled'
        def compiler = new ScriptCompiler(cache, DslScript)
        def file = SourceFile.text('p.groovy', 'p.groovy', 'def x = 1')
        Path dir = cache.resolve('entry')
        compiler.compileInto(dir, file, 'gplay$p_groovy', DslScript)
        def first = Files.readString(dir.resolve('main'))

        when:
        compiler.compileInto(dir, file, 'gplay$p_groovy', DslScript)

        then:
        Files.readString(dir.resolve('main')) == first
        Files.list(cache).withCloseable { s -> s.map { it.fileName.toString() }.toList() } == ['entry']
    }
}
