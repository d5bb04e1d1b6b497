package io.gplay.tests

import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * docs/procedure-fidelity.md counts every step of the procedure, each with the file and line of its task, a
 * verdict and a proof level, and sums them up at its top: all still true.
 */
class FidelityTableSpec extends Specification {
    static final List<String> STEPS = [P: 3, S: 59, M: 7, H: 3].collectMany { part, n -> (1..n).collect { "${part}${it}".toString() } }
    static final List<String> VERDICTS = ['F', 'DS', 'DU', 'M']
    static final List<String> PROOFS = ['real', 'stand-in', 'none']
    static final List<String> ROLES = ['B', '1st', '2nd']
    static final String REF = /`([\w\/.-]+\.groovy):(\d+)` `([^`]+)`/

    @Shared
    String doc = Gplay.ROOT.resolve('docs/procedure-fidelity.md').text
    @Shared
    List<Row> rows = Row.all(doc)
    /** The test classes of every module (src/test), by name. */
    @Shared
    Map<String, Path> testClasses = Files.walk(Gplay.ROOT).withCloseable { paths ->
        paths.filter { it.toString().contains('/src/test/') && it.fileName.toString() ==~ /\w+\.(groovy|java)/ }
                .toList().collectEntries { [it.fileName.toString().replaceFirst(/\.\w+$/, ''), it] }
    }

    /** A row of the table: id, the procedure, role, task, verdict, why it differs, proof, proven by or why not. */
    static class Row {
        String id, step, role, task, verdict, why, proof, provenBy

        static List<Row> all(String doc) {
            doc.readLines().findAll { it.startsWith('| ') }
                    .collect { line -> line.strip().split(/(?<!\\)\|/, -1).toList()*.strip() }
                    .findAll { it.size() > 1 && it[1] ==~ /[PSMH]\d+[a-z]?/ }
                    .collect { c ->
                        assert c.size() == 10 && c[0] == '' && c[9] == '': "a row of eight cells: ${c}"
                        new Row(id: c[1], step: c[2], role: c[3], task: c[4], verdict: c[5], why: c[6], proof: c[7],
                                provenBy: c[8])
                    }
        }

        boolean isAddition() {
            !(id ==~ /[PSMH]\d+/)
        }

        String toString() {
            id
        }
    }

    def "every FILE:LINE of the fidelity table holds the task the table names"() {
        given:
        def refs = (doc =~ REF).collect { [it[1], it[2] as int, it[3]] }
        def wrong = refs.findAll { file, line, start ->
            def lines = Gplay.ROOT.resolve('playbooks').resolve(file).readLines()
            !(line <= lines.size() && lines[line - 1].strip().startsWith(start))
        }

        expect:
        refs.size() >= 72
        wrong == []
    }

    def "each of the procedure's 72 steps has exactly one row, and each addition follows a step"() {
        given:
        def steps = rows.findAll { !it.addition }*.id
        def additions = rows.findAll { it.addition }*.id

        expect:
        STEPS.size() == 72
        steps.sort(false) == STEPS.sort(false)
        steps.countBy { it }.findAll { it.value > 1 } == [:]
        additions.countBy { it }.findAll { it.value > 1 } == [:]
        additions.findAll { !(it.replaceFirst(/[a-z]$/, '') in STEPS) } == []
    }

    def "every row has a role, a verdict and a proof level the document allows, and says why where it must"() {
        expect:
        rows.findAll { !(it.role in ROLES) } == []
        rows.findAll { !(it.verdict in VERDICTS) } == []
        rows.findAll { !(it.proof in PROOFS) } == []

        and: 'a missing step has no task, every other row names its task by FILE:LINE'
        rows.findAll { (it.verdict == 'M') != (it.task == '—') } == []
        rows.findAll { it.verdict != 'M' && !(it.task =~ REF) } == []

        and: 'a difference gives its reason, a step no test proves says why'
        rows.findAll { it.verdict in ['DS', 'DU', 'M'] && !it.why } == []
        rows.findAll { !it.provenBy } == []
    }

    def "what a row names as its proof is in the repository: a spec for real, a stand-in for stand-in"() {
        given:
        def named = { Row row -> (row.provenBy =~ /`([^`]+)`/).collect { it[1] } }
        def classes = { Row row -> named(row).findAll { it ==~ /[A-Z]\w*(Spec|Test)/ } }
        def paths = { Row row -> named(row).findAll { it ==~ /[\w.-]+(\/[\w.-]+)+/ } }

        expect: 'every spec, test or file named is there'
        rows.collectMany { row -> classes(row).findAll { !testClasses[it] }.collect { "${row.id}: ${it}" } } == []
        rows.collectMany { row -> paths(row).findAll { !Files.exists(Gplay.ROOT.resolve(it)) }.collect { "${row.id}: ${it}" } } == []

        and: 'a real proof names a spec of the lab tests; a stand-in proof names the stand-in'
        rows.findAll { it.proof == 'real' && !classes(it).any { testClasses[it]?.startsWith(Gplay.ROOT.resolve('tests')) } } == []
        rows.findAll { it.proof == 'stand-in' && !paths(it).any { it =~ /stand-ins\/|StandIn|profiles\/el6\// && Files.exists(Gplay.ROOT.resolve(it)) } } == []
    }

    def "the summary's counts are the table's"() {
        given:
        def count = { List<Row> rs -> [rs.size()] + VERDICTS.collect { v -> rs.count { it.verdict == v } } +
                PROOFS.collect { p -> rs.count { it.proof == p } } }
        def summary = { String what ->
            def m = doc =~ /The (\d+) ${what}: \*\*F (\d+), DS (\d+), DU (\d+), M (\d+)\*\*; proof \*\*real (\d+), stand-in (\d+), none (\d+)\*\*/
            m.find() ? (1..8).collect { m.group(it) as int } : null
        }

        expect:
        summary(/steps \(P1-P3, S1-S59, M1-M7, H1-H3\)/) == count(rows.findAll { !it.addition })
        summary(/additions \(ids ending in a letter\)/) == count(rows.findAll { it.addition })
    }
}
