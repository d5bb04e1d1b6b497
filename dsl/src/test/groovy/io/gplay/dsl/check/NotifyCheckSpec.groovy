package io.gplay.dsl.check

import io.gplay.dsl.PlaybookLoader
import io.gplay.dsl.PlaybookRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** A notify naming no handler is found at its line by building the plan and by --syntax-check alike. */
class NotifyCheckSpec extends Specification {
    @TempDir
    Path dir

    def "#what"() {
        given:
        Path f = dir.resolve('p.groovy')
        Files.writeString(f, "playbook('p') { play('p', hosts: 'web', gatherFacts: false) {\n" + code + "\n} }\n")
        def loader = new PlaybookLoader(PlaybookRun.MODULES, dir.resolve('cache'))
        def expected = problem ? ["${f}:2: notify '${problem}': ".toString()] : []

        expect:
        PlaybookRun.problems { loader.load(f) }.collect { it.replaceFirst(/(: notify '[^']*': ).*/, '$1') } == expected
        PlaybookRun.problems { loader.check(f) }.collect { it.replaceFirst(/(: notify '[^']*': ).*/, '$1') } == expected

        where:
        what                                  | problem          | code
        'a literal misspelt handler'          | 'restart ngnix'  | "debug 'x', msg: 'y', notify: 'restart ngnix'\nhandlers { debug 'restart nginx', msg: 'z' }"
        'a name in a list'                    | 'reload'         | "debug 'x', msg: 'y', notify: ['restart nginx', 'reload']\nhandlers { debug 'restart nginx', msg: 'z' }"
        'a listen topic'                      | null             | "debug 'x', msg: 'y', notify: 'web'\nhandlers { debug 'restart nginx', msg: 'z', listen: 'web' }"
        'a handler of its title'              | null             | "debug 'x', msg: 'y', notify: 'restart nginx'\nhandlers { debug 'restart nginx', msg: 'z' }"
        'a block notifying'                   | 'nope'           | "block('b', notify: 'nope') { debug 'x', msg: 'y' }\nhandlers { debug 'restart nginx', msg: 'z' }"
    }
}
