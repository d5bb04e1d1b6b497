package io.gplay.tests

import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import spock.lang.IgnoreIf

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * {@code gplay audit} against real OpenSSH sshd servers on loopback: exit codes, the JUnit XML a CI server reads,
 * the JSON events, and the HTML page as a browser shows it (rendered in headless Chromium, clicked, inspected).
 */
@IgnoreIf(value = { Needs.skip(!Sshd.available() || !AuditReportSpec.chromium()) },
        reason = 'needs openssh-server and chromium (the CI script installs them)')
class AuditReportSpec extends TwoSshdSpec {
    static final List<String> TASKS = ['Gathering Facts', 'app dir', 'config', 'tune']

    static final String SITE = '''\
playbook('site') {
    play('files', hosts: 'web') {
        file 'app dir', path: { "${vars.root}/app" }, state: 'directory', mode: '0755'
        copy 'config', dest: { "${vars.root}/app/app.conf" }, content: { "name=${host}\\nport=${vars.port}\\n" }
        lineinfile 'tune', path: { "${vars.root}/app/tuning.conf" }, regexp: /^workers=/, line: 'workers=4', create: true
    }
}
'''

    static String chromium() {
        ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find { Files.isExecutable(Path.of(it)) }
    }

    /** The playbook, and its variables in a file given as README's CI example does: -e @vars.yml. */
    Path playbook(String text) {
        work.resolve('vars.yml').text = 'port: 8080\n'
        Path p = work.resolve('site.groovy')
        p.text = text
        p
    }

    Gplay.Run gplay(String... args) {
        Gplay.run(work, work.resolve('cache'), args)
    }

    /** audit with all three reports, into files named after {@code name}. */
    Gplay.Run audit(Path inv, String name) {
        gplay('audit', 'site.groovy', '-i', inv.toString(), '-e', '@vars.yml', '--report', "html=${work.resolve(name + '.html')}",
                '--report', "junit=${work.resolve(name + '.xml')}", '--report', "json=${work.resolve(name + '.jsonl')}")
    }

    def "drift on one host: exit 3, a JUnit failure with the diff, the HTML grid shows it and its diff on click; a real run repairs it"() {
        given: 'two hosts converged by the playbook'
        def inv = inventory()
        playbook(SITE)
        def converge = gplay('run', 'site.groovy', '-i', inv.toString(), '-e', '@vars.yml')
        assert converge.rc == 0, converge
        def clean = audit(inv, 'clean')
        assert clean.rc == 0, clean
        assert junitFailures(work.resolve('clean.xml')).isEmpty()

        when: 'a file the playbook manages is edited out of band on h1'
        Path conf = work.resolve('h1/app/app.conf')
        conf.text = 'name=h1\nport=9090\n'
        def drift = audit(inv, 'drift')

        then: 'exit 3, the console names the host, task and diff, and nothing was changed'
        drift.rc == 3
        drift.out.contains('HOST h1: 1 finding(s)')
        drift.out.contains('DRIFT [config]')
        drift.out.contains('-port=9090') && drift.out.contains('+port=8080')
        drift.out.contains('HOST h2: in line with the playbook')
        conf.text == 'name=h1\nport=9090\n'

        and: 'the JUnit XML: a suite per host, a case per task, the drift as the only failure, its text the diff'
        def xml = new XmlSlurper().parse(work.resolve('drift.xml').toFile())
        xml.testsuite*.@name*.text().sort() == ['h1', 'h2']  // in the order hosts finished their first task
        xml.testsuite.every { s -> s.testcase*.@name*.text() == TASKS && s.@tests.text() == '4' }
        xml.testsuite.find { it.@name.text() == 'h1' }.@failures.text() == '1'
        xml.testsuite.find { it.@name.text() == 'h2' }.@failures.text() == '0'
        def failures = junitFailures(work.resolve('drift.xml'))
        failures.keySet() == ['h1/config'] as Set
        def failure = failures['h1/config']
        failure.@type.text() == 'drift'
        failure.text().contains("--- before: ${conf}")
        failure.text().readLines().containsAll(['-port=9090', '+port=8080', ' name=h1'])
        xml.'**'.findAll { it.name() == 'error' }.isEmpty()

        and: 'the JSON events carry the same finding'
        def events = work.resolve('drift.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
        def changed = events.findAll { it.event == 'host_result' && it.status == 'changed' }
        changed.collect { [it.host, it.task] } == [['h1', 'config']]
        changed[0].diffs[0].contains('+port=8080')
        events[0].event == 'playbook_start' && events[0].check == true
        events.find { it.event == 'recap' }.hosts.h1.changed == 1
        // the last line says how the run ended, with audit's exit code for drift
        events.last().event == 'run_end' && events.last().exit_code == 3

        and: 'the page fetches nothing: no URL in any src or href, no stylesheet, no fetch'
        def html = work.resolve('drift.html').text
        selfContained(html)

        when: 'the page is rendered in headless Chromium and the drifted cell is clicked'
        def page = render(work.resolve('drift.html'), 'td.drift')

        then: 'the host × task grid'
        page.hosts*.name == ['h1', 'h2']
        page.cells.collect { it.task.split(' \u00b7 ')[0].trim() }.unique() == TASKS
        page.cells.size() == 8

        and: 'one drift cell, orange and labelled, for h1 and the config task; the other cells ok and green'
        def driftCells = page.cells.findAll { it.cls.split(' ').contains('drift') }
        driftCells.size() == 1
        driftCells[0].host == 'h1' && driftCells[0].task.startsWith('config')
        driftCells[0].text == 'drift'
        driftCells[0].bg == 'rgb(255, 179, 71)'
        def okCells = page.cells - driftCells
        okCells.size() == 7
        okCells.every { it.cls == 'ok' && it.text == 'ok' && it.bg == 'rgb(200, 240, 200)' }
        page.hosts.find { it.name == 'h1' }.cls.contains('drift')
        page.hosts.find { it.name == 'h2' }.cls.contains('ok')

        and: 'the legend gives each outcome its own colour'
        ['ok', 'drift', 'failed', 'unreachable', 'skipped'].every { page.legend[it] }
        page.legend.subMap(['ok', 'drift', 'failed', 'unreachable', 'skipped']).values().toSet().size() == 5

        and: 'the diff was hidden, and the click (on what is under the mouse at the cell) shows it'
        page.detailBefore == 'none'
        page.clickHit
        page.detailAfter != 'none' && page.detailHeight > 0
        page.detailText.contains('h1 \u2014 config')
        page.detailText.readLines().containsAll(['-port=9090', '+port=8080'])
        page.detailText.contains('drift')
        detailInDom(page.dom).contains('+port=8080')

        and: 'no resource was fetched'
        page.resources == 0

        when: 'a real run repairs the drift'
        def repair = gplay('run', 'site.groovy', '-i', inv.toString(), '-e', '@vars.yml')

        then:
        repair.rc == 0
        repair.recap('h1').changed == 1
        repair.recap('h2').changed == 0
        conf.text == 'name=h1\nport=8080\n'

        when: 'the next audit'
        def after = audit(inv, 'after')

        then: 'is clean, in every report'
        after.rc == 0
        junitFailures(work.resolve('after.xml')).isEmpty()
        render(work.resolve('after.html'), null).cells.every { it.cls == 'ok' }
    }

    def "an unreachable host: exit 4, shown as unreachable in the grid and as a JUnit error; the other host still audited"() {
        given:
        def inv = inventory()
        playbook(SITE)
        assert gplay('run', 'site.groovy', '-i', inv.toString(), '-e', '@vars.yml').rc == 0
        work.resolve('h1/app/tuning.conf').text = 'workers=2\n'
        two.stop()

        when:
        def run = audit(inv, 'unreachable')

        then:
        run.rc == 4
        run.out.contains('HOST h2: 1 finding(s)')
        run.out.contains('UNREACHABLE [Gathering Facts]')
        run.out.contains('DRIFT [tune]')

        and: 'JUnit: an error for h2, the drift of h1 a failure'
        def xml = new XmlSlurper().parse(work.resolve('unreachable.xml').toFile())
        def h2 = xml.testsuite.find { it.@name.text() == 'h2' }
        h2.@errors.text() == '1'
        h2.testcase.error.@type.text() == 'unreachable'
        junitFailures(work.resolve('unreachable.xml')).keySet() == ['h1/tune'] as Set

        when:
        selfContained(work.resolve('unreachable.html').text)
        def page = render(work.resolve('unreachable.html'), 'td.unreachable')

        then: 'h2 unreachable, grey, in the grid and its header; its other tasks not run; h1 audited as usual'
        def h2cells = page.cells.findAll { it.host == 'h2' }
        h2cells[0].task.startsWith('Gathering Facts')
        h2cells[0].cls == 'unreachable' && h2cells[0].text == 'unreachable'
        h2cells[0].bg == 'rgb(158, 158, 158)'
        h2cells.drop(1).every { it.cls == 'none' && it.bg != h2cells[0].bg }
        page.hosts.find { it.name == 'h2' }.cls.contains('unreachable')
        page.cells.findAll { it.host == 'h1' }.collect { it.cls } == ['ok', 'ok', 'ok', 'drift']

        and: 'the click shows why'
        page.clickHit
        page.detailText.contains('unreachable')
        page.detailText.contains('127.0.0.1')

        cleanup:
        two.start()
    }

    def "a failed task gives exit 2 and a red cell; a task that cannot be predicted is skipped and blue"() {
        given:
        def inv = inventory()
        playbook('''\
playbook('site') {
    play('files', hosts: 'web') {
        command 'probe', argv: { host == 'h2' ? ['false'] : ['true'] }, readOnly: true
        command 'restart', argv: ['true']
    }
}
''')

        when:
        def run = audit(inv, 'failed')

        then:
        run.rc == 2
        run.out.contains('FAILED [probe]')

        and:
        def xml = new XmlSlurper().parse(work.resolve('failed.xml').toFile())
        xml.testsuite.find { it.@name.text() == 'h2' }.testcase.find { it.@name.text() == 'probe' }.error.@type.text() == 'failed'
        xml.testsuite.find { it.@name.text() == 'h1' }.testcase.find { it.@name.text() == 'restart' }.skipped.size() == 1

        when:
        def page = render(work.resolve('failed.html'), 'td.failed')

        then:
        def cell = { String host, String task -> page.cells.find { it.host == host && it.task.startsWith(task) } }
        cell('h2', 'probe').cls == 'failed' && cell('h2', 'probe').bg == 'rgb(242, 139, 130)'
        cell('h1', 'restart').cls == 'skipped' && cell('h1', 'restart').bg == 'rgb(179, 229, 252)'
        cell('h1', 'probe').cls == 'ok'
        cell('h2', 'restart').cls == 'none'
        page.hosts.find { it.name == 'h2' }.cls.contains('failed')
        page.detailText.contains('h2 \u2014 probe')
        page.detailText.contains('failed')
    }

    // ---- helpers ----

    /** JUnit failures by "host/task". */
    static Map<String, Object> junitFailures(Path file) {
        def xml = new XmlSlurper().parse(file.toFile())
        def out = [:]
        xml.testsuite.each { s ->
            s.testcase.each { c ->
                if (c.failure.size() > 0) {
                    out["${s.@name}/${c.@name}".toString()] = c.failure
                }
            }
        }
        out
    }

    /** Nothing in the page reaches out: no src/href to anywhere, no stylesheet link, no CSS url() or import, no fetch. */
    static void selfContained(String html) {
        def refs = (html =~ /(?i)\b(src|href|action|srcset|poster|data)\s*=\s*["']?([^"'\s>]*)/).collect { it[2] }
        assert refs.findAll { it ==~ /(?i)(https?:|ftp:|\/\/).*/ }.isEmpty()
        assert !(html =~ /(?i)<(link|img|iframe|object|embed|base)\b/)
        assert !(html =~ /(?i)<script[^>]*\bsrc\s*=/)
        assert !(html =~ /(?i)url\s*\(|@import/)
        assert !(html =~ /(?i)\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon/)
        assert !(html =~ /(?i)https?:\/\//)
    }

    /**
     * Injected at the end of a copy of the page: reads the grid as rendered (classes, texts, computed colours),
     * clicks the first cell matching a selector through what is under the mouse at its centre, reads the detail
     * pane, and leaves all of it base64-encoded JSON in an attribute of the body for --dump-dom.
     */
    static final String PROBE = '''
<script>
(function () {
  var out = {cells: [], hosts: [], legend: {}};
  document.querySelectorAll('#grid tbody tr').forEach(function (tr) {
    var task = tr.querySelector('th').textContent;
    tr.querySelectorAll('td').forEach(function (td) {
      out.cells.push({task: task, host: td.dataset.host, cls: td.className, text: td.textContent.trim(),
          bg: getComputedStyle(td).backgroundColor});
    });
  });
  document.querySelectorAll('#grid thead th.host').forEach(function (th) {
    out.hosts.push({name: th.textContent, cls: th.className});
  });
  document.querySelectorAll('.legend span').forEach(function (s) {
    out.legend[s.className] = getComputedStyle(s).backgroundColor;
  });
  var detail = document.getElementById('detail');
  out.detailBefore = getComputedStyle(detail).display;
  var target = SELECTOR ? document.querySelector(SELECTOR) : null;
  out.clickHit = false;
  if (target) {
    target.scrollIntoView();
    var r = target.getBoundingClientRect();
    var x = r.left + r.width / 2, y = r.top + r.height / 2;
    var hit = document.elementFromPoint(x, y);
    out.clickHit = hit === target;
    hit.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window, clientX: x, clientY: y}));
  }
  out.detailAfter = getComputedStyle(detail).display;
  out.detailHeight = detail.offsetHeight;
  out.detailText = detail.textContent;
  out.resources = performance.getEntriesByType('resource').length;
  document.body.setAttribute('data-probe', btoa(unescape(encodeURIComponent(JSON.stringify(out)))));
})();
</script>
'''

    /** Renders a copy of the page, with the probe, in headless Chromium with no network; returns what the probe saw. */
    Map render(Path page, String clickSelector) {
        String html = page.text
        assert html.contains('</body>')
        Path copy = work.resolve('rendered-' + page.fileName)
        copy.text = html.replace('</body>', PROBE.replace('SELECTOR', clickSelector == null ? 'null'
                : "'" + clickSelector + "'") + '</body>')
        Path profile = Files.createTempDirectory(work, 'chromium')
        def cmd = [chromium(), '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
                   '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=127.0.0.1:9',
                   "--user-data-dir=${profile}".toString(), '--window-size=1200,900', '--dump-dom',
                   copy.toUri().toString()]
        def p = new ProcessBuilder(cmd).redirectError(work.resolve('chromium.log').toFile()).start()
        def dom = new StringBuilder()
        def t = Thread.start { dom << new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8) }
        assert p.waitFor(120, TimeUnit.SECONDS), 'chromium did not finish'
        t.join()
        assert p.exitValue() == 0, work.resolve('chromium.log').text
        def m = dom =~ /data-probe="([A-Za-z0-9+\/=]+)"/
        assert m.find(), "no probe result in the rendered page:\n${dom}"
        def result = new JsonSlurper().parseText(new String(m.group(1).decodeBase64(), StandardCharsets.UTF_8)) as Map
        result.dom = dom.toString()
        result
    }

    /** The detail pane's text as serialised in the dumped DOM. */
    static String detailInDom(String dom) {
        def m = dom =~ /(?s)<div id="detail"[^>]*>(.*?)<\/div>/
        assert m.find(), dom
        m.group(1).replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&')
    }
}
