package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML: a test suite per host, a test case per task; a failed or unreachable task is an error, and in
 * check mode a task that would change is a failure named drift, with its diff as the text, so CI servers
 * (Jenkins, GitLab) show drift like a failing test. A failure a block's rescue or {@code ignoreErrors} took back
 * fails no host, so it is a passing test case whose output says so: as Ansible's junit callback reports an ignored
 * failure (with JUNIT_FAIL_ON_IGNORE false, its default); that callback knows no rescue and reports a rescued one
 * as a failure.
 */
final class JunitReporter extends FileReport {
    private record Case(String task, String source, Result result, Handled handled) {
    }

    private final Map<String, List<Case>> byHost = new LinkedHashMap<>();

    JunitReporter(Path file) {
        super(file);
    }

    @Override
    public synchronized void hostResult(Task task, Host host, Result r, Object item, Handled handled) {
        String name = task.heading() + (item == null ? "" : " (item=" + item + ")");
        byHost.computeIfAbsent(host.name(), h -> new ArrayList<>())
                .add(new Case(name, task.source().toString(), r, handled));
    }

    @Override
    public synchronized void recap(Map<String, Stats> stats, long elapsedMillis) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
                .append(ReportText.xml(playbook)).append("\">\n");
        byHost.forEach((host, cases) -> {
            long failures = cases.stream().filter(c -> check && c.result.status() == Status.CHANGED).count();
            long errors = cases.stream().filter(c -> c.handled == Handled.NO && (c.result.status() == Status.FAILED
                    || c.result.status() == Status.UNREACHABLE)).count();
            long skipped = cases.stream().filter(c -> c.result.status() == Status.SKIPPED).count();
            x.append("  <testsuite name=\"").append(ReportText.xml(host)).append("\" tests=\"").append(cases.size())
                    .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                    .append("\" skipped=\"").append(skipped).append("\">\n");
            for (Case c : cases) {
                x.append("    <testcase classname=\"").append(ReportText.xml(host)).append("\" name=\"").append(ReportText.xml(c.task))
                        .append("\" file=\"").append(ReportText.xml(c.source)).append("\"");
                Result r = c.result;
                if (check && r.status() == Status.CHANGED) {
                    x.append(">\n      <failure type=\"drift\" message=\"").append(ReportText.xml("drift: " + r.msg()))
                            .append("\">").append(ReportText.xml(ReportText.changes(r))).append("</failure>\n    </testcase>\n");
                } else if (c.handled != Handled.NO) {
                    x.append(">\n      <system-out>").append(ReportText.xml(ReportText.handledFailure(c.handled, r)))
                            .append("</system-out>\n    </testcase>\n");
                } else if (r.status() == Status.FAILED || r.status() == Status.UNREACHABLE) {
                    x.append(">\n      <error type=\"").append(r.status().label()).append("\" message=\"")
                            .append(ReportText.xml(r.msg())).append("\"/>\n    </testcase>\n");
                } else if (r.status() == Status.SKIPPED) {
                    x.append(">\n      <skipped message=\"").append(ReportText.xml(r.msg())).append("\"/>\n    </testcase>\n");
                } else {
                    x.append("/>\n");
                }
            }
            x.append("  </testsuite>\n");
        });
        x.append("</testsuites>\n");
        try {
            Files.writeString(file, x);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
