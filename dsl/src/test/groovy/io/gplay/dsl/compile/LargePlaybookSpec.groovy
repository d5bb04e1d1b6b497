package io.gplay.dsl.compile

import io.gplay.dsl.PlaybookLoader
import io.gplay.engine.module.ModuleRegistry
import spock.lang.Specification
import spock.lang.TempDir

import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.nio.file.Path

/**
 * What compiling a large generated playbook costs, measured as the bytes the compiling thread allocates: the
 * same on a loaded machine as on an idle one, unlike a time, and what the collector and the peak memory follow.
 * The cost of the tasks added between two sizes is compared, so the fixed cost of a first compile stays out.
 * bench/compile-cost measures times and peak memory on the command line.
 */
class LargePlaybookSpec extends Specification {
    @TempDir
    Path dir

    def "each task of a large play costs a small, fixed amount to compile and check"() {
        given:
        def loader = new PlaybookLoader(ModuleRegistry.load(), dir.resolve('cache'))
        allocated { loader.check(playbook(10)) } // the compiler's classes loaded, its caches filled

        when: 'the tasks added from 300 to 1000 and from 1000 to 2000, with --syntax-check'
        long a = allocated { loader.check(playbook(300)) }
        long b = allocated { loader.check(playbook(1000)) }
        long c = allocated { loader.check(playbook(2000)) }
        long perTask = (b - a) / 700
        long perTaskLater = (c - b) / 1000

        then: 'about 70 KB each (it was 1.9 MB: the parser worked out each prediction from the grammar again)'
        perTask < 150_000
        and: 'the later tasks cost no more than the earlier ones'
        perTaskLater < perTask * 1.2

        when: 'the same tasks compiled and run to build the plan'
        long d = allocated { loader.load(playbook(300)) }
        long e = allocated { loader.load(playbook(1000)) }

        then:
        (e - d) / 700 < 250_000
    }

    private Path playbook(int tasks) {
        def lines = (1..tasks).collect { "        copy 'task ${it}', dest: '/tmp/x/f${it}', content: 'line ${it}', mode: '0644'" }
        Path f = dir.resolve("big${tasks}.groovy")
        Files.writeString(f, "playbook('big') {\n    play('big', hosts: 'all') {\n${lines.join('\n')}\n    }\n}\n")
        f
    }

    private static long allocated(Closure<?> work) {
        def threads = (com.sun.management.ThreadMXBean) ManagementFactory.threadMXBean
        long before = threads.currentThreadAllocatedBytes
        work()
        threads.currentThreadAllocatedBytes - before
    }
}
