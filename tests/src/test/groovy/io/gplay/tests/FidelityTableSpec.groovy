package io.gplay.tests

import spock.lang.Specification

/** docs/procedure-fidelity.md names, for each step of the procedure, the file and line of its task: still true. */
class FidelityTableSpec extends Specification {
    def "every FILE:LINE of the fidelity table holds the task the table names"() {
        given:
        def table = Gplay.ROOT.resolve('docs/procedure-fidelity.md').text
        def refs = (table =~ /`([\w\/.-]+\.groovy):(\d+)` `([^`]+)`/).collect { [it[1], it[2] as int, it[3]] }

        expect:
        refs.size() >= 45
        refs.findAll { file, line, start ->
            def lines = Gplay.ROOT.resolve('playbooks').resolve(file).readLines()
            !(line <= lines.size() && lines[line - 1].strip().startsWith(start))
        } == []
    }
}
