package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page (no network fetches): a task × host grid coloured by outcome (ok, drift or
 * changed, failed, rescued or ignored failure, unreachable, skipped); clicking a cell shows its changes and diff.
 */
final class HtmlReporter extends FileReport {
    private record Cell(Result result, Handled handled) {
    }

    private final List<String> tasks = new ArrayList<>();
    private final Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
    private final List<String> hosts = new ArrayList<>();

    HtmlReporter(Path file) {
        super(file);
    }

    /** Columns in inventory order, whichever host answers first. */
    @Override
    public synchronized void playStart(Play play, List<Host> playHosts) {
        playHosts.forEach(host -> {
            if (!hosts.contains(host.name())) {
                hosts.add(host.name());
            }
        });
    }

    @Override
    public synchronized void hostResult(Task task, Host host, Result r, Object item, Handled handled) {
        String key = task.title() + (item == null ? "" : " (item=" + item + ")") + "  \u00b7 " + task.source();
        if (!cells.containsKey(key)) {
            tasks.add(key);
            cells.put(key, new LinkedHashMap<>());
        }
        if (!hosts.contains(host.name())) {
            hosts.add(host.name());
        }
        cells.get(key).put(host.name(), new Cell(r, handled));
    }

    /** The cell's outcome, its class and its text: a failure taken back is not coloured failed. */
    private String outcome(Cell c) {
        Result r = c.result();
        if (c.handled() != Handled.NO) {
            return c.handled().label();
        }
        return r.status() == Status.CHANGED && check ? "drift" : r.status().label();
    }

    @Override
    public synchronized void recap(Map<String, Stats> stats, long elapsedMillis) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>gplay ")
                .append(check ? "audit" : "run").append(": ").append(esc(playbook)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #bbb;padding:.3em .6em;font-size:.9em}th.task{text-align:left;font-weight:normal}")
                .append("td{text-align:center;cursor:pointer;min-width:6em}.ok{background:#c8f0c8}.changed{background:#ffe08a}")
                .append(".drift{background:#ffb347;font-weight:bold}.failed{background:#f28b82;font-weight:bold}")
                .append(".rescued{background:#d7ccc8}.ignored{background:#eeeeee;color:#555}")
                .append(".unreachable{background:#9e9e9e;color:#fff;font-weight:bold}.skipped{background:#b3e5fc}.none{background:#fff;color:#888}")
                .append("th.host.drift,th.host.failed,th.host.unreachable{border-bottom:4px solid #222}td.selected{outline:3px solid #222}")
                .append("#detail{white-space:pre-wrap;font-family:monospace;border:1px solid #888;padding:1em;margin-top:1em;display:none}")
                .append(".legend span{padding:.2em .6em;margin-right:.4em}\n</style></head><body>\n");
        h.append("<h1>").append(check ? "Audit" : "Run").append(": ").append(esc(playbook)).append("</h1>\n");
        h.append("<p id=\"summary\">").append(summary(stats)).append(" &middot; ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append("</p>\n");
        h.append("<p class=\"legend\"><span class=\"ok\">ok</span><span class=\"").append(check ? "drift\">drift" : "changed\">changed")
                .append("</span><span class=\"failed\">failed</span><span class=\"rescued\">rescued</span>")
                .append("<span class=\"ignored\">ignored</span><span class=\"unreachable\">unreachable</span>")
                .append("<span class=\"skipped\">skipped</span><span class=\"none\">&ndash; not run</span>")
                .append(" Click a cell for its changes and diff.</p>\n");
        h.append("<table id=\"grid\"><thead><tr><th>task</th>");
        hosts.forEach(host -> h.append("<th class=\"host ").append(hostClass(stats.get(host))).append("\">")
                .append(esc(host)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        int n = 0;
        List<String> details = new ArrayList<>();
        for (String t : tasks) {
            h.append("<tr><th class=\"task\">").append(esc(t)).append("</th>");
            for (String host : hosts) {
                Cell c = cells.get(t).get(host);
                String id = "d" + n++;
                h.append("<td class=\"").append(c == null ? "none" : outcome(c)).append("\" data-host=\"").append(esc(host))
                        .append("\" data-detail=\"").append(id).append("\" onclick=\"show(this)\">")
                        .append(c == null ? "&ndash;" : outcome(c)).append("</td>");
                details.add("<template id=\"" + id + "\">" + esc(host + " \u2014 " + t + "\n" + detail(c, stats.get(host)))
                        + "</template>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n<div id=\"detail\"></div>\n");
        details.forEach(d -> h.append(d).append('\n'));
        // the page's only script: no fetches; a template's content is inert text until shown
        h.append("<script>function show(td){var d=document.getElementById('detail');")
                .append("document.querySelectorAll('td.selected').forEach(function(c){c.classList.remove('selected');});")
                .append("td.classList.add('selected');")
                .append("d.textContent=document.getElementById(td.dataset.detail).content.textContent;")
                .append("d.style.display='block';}</script>\n</body></html>\n");
        try {
            Files.writeString(file, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A host's worst outcome, for its column header. */
    private String hostClass(Stats s) {
        if (s == null) {
            return "none";
        }
        if (s.unreachable() > 0) {
            return "unreachable";
        }
        if (s.failed() > 0) {
            return "failed";
        }
        if (s.changed() > 0) {
            return check ? "drift" : "changed";
        }
        return "ok";
    }

    private String detail(Cell c, Stats host) {
        if (c == null) {
            return "not run on this host" + (host != null && host.unreachable() > 0 ? ": the host was unreachable"
                    : host != null && host.failed() > 0 ? ": an earlier task failed" : "");
        }
        Result r = c.result();
        StringBuilder s = new StringBuilder(c.handled() != Handled.NO ? ReportText.handledFailure(c.handled(), r)
                : outcome(c));
        if (c.handled() == Handled.NO && r.msg() != null && !r.msg().isEmpty()) {
            s.append(": ").append(r.msg());
        }
        String diff = ReportText.changes(r);
        if (!diff.isEmpty()) {
            s.append("\n\n").append(diff);
        }
        return s.toString();
    }

    private String summary(Map<String, Stats> stats) {
        int changed = stats.values().stream().mapToInt(Stats::changed).sum();
        int failed = stats.values().stream().mapToInt(Stats::failed).sum();
        int unreachable = stats.values().stream().mapToInt(Stats::unreachable).sum();
        return stats.size() + " host(s), " + tasks.size() + " task(s): " + changed + (check ? " drifted" : " changed")
                + ", " + failed + " failed, " + unreachable + " unreachable";
    }

    private static String esc(String s) {
        return ReportText.xml(s);
    }
}
