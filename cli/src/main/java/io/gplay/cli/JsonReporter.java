package io.gplay.cli;

import groovy.json.JsonOutput;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Result;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Stats;
import io.gplay.engine.report.TaskTimes;
import io.gplay.engine.run.RunSummary;
import io.gplay.engine.run.Slice;
import io.gplay.engine.vault.SecretMask;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One JSON object a line for each event of the run: machine-readable, appendable, greppable. */
final class JsonReporter implements Reporter {
    private final BufferedWriter out;
    private final TaskTimes times = new TaskTimes();

    JsonReporter(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file);
    }

    @Override
    public void playbookStart(Playbook playbook, boolean check) {
        emit("playbook_start", Map.of("playbook", playbook.name(), "file", playbook.file(), "check", check));
    }

    @Override
    public void playStart(Play play, List<Host> hosts) {
        emit("play_start", Map.of("play", play.name(), "hosts", hosts.stream().map(Host::name).toList()));
    }

    @Override
    public void taskStart(Task task, boolean handler) {
        emit("task_start", Map.of("task", task.title(), "module", task.module(), "handler", handler,
                "source", task.source().toString()));
    }

    @Override
    public void hostStart(Task task, Host host) {
        times.start(task, host);
    }

    @Override
    public void retrying(Task task, Host host, Result r, int left) {
        emit("retrying", Map.of("task", task.title(), "host", host.name(), "retries_left", left,
                "status", r.status().label(), "msg", r.msg() == null ? "" : r.msg()));
    }

    @Override
    public void hostResult(Task task, Host host, Result r, Object item, Handled handled) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("task", task.title());
        e.put("module", task.module());
        e.put("host", host.name());
        e.put("status", r.status().label());
        e.put("rescued", handled == Handled.RESCUED);
        e.put("ignored", handled == Handled.IGNORED);
        e.put("msg", r.msg());
        e.put("changes", r.descriptions());
        e.put("diffs", r.diffs().stream().map(Diff::unified).toList());
        e.put("duration_ms", times.elapsedMillis(task, host));
        if (item != null) {
            e.put("item", String.valueOf(item));
        }
        emit("host_result", e);
    }

    @Override
    public void gate(Gate gate, String when, int attempt, String why) {
        emit("gate", Map.of("gate", gate.title(), "when", when, "try", attempt, "passes", why == null,
                "msg", why == null ? "" : why));
    }

    @Override
    public void gateSkipped(Gate gate, String when) {
        emit("gate", Map.of("gate", gate.title(), "when", when, "skipped", true));
    }

    @Override
    public void warning(String message) {
        emit("warning", Map.of("msg", message));
    }

    @Override
    public void recap(Map<String, Stats> stats, long elapsedMillis) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        stats.forEach((h, s) -> hosts.put(h, Map.of("ok", s.ok(), "changed", s.changed(), "unreachable", s.unreachable(),
                "failed", s.failed(), "skipped", s.skipped(), "rescued", s.rescued(), "ignored", s.ignored())));
        emit("recap", Map.of("hosts", hosts, "elapsed_ms", elapsedMillis));
    }

    /**
     * The last line: how the run ended, for {@code gplay report merge}. Not a {@link Reporter} event, so not behind
     * the masking reporter: what it carries is masked here.
     */
    void runEnd(RunSummary summary, Slice slice, int exitCode) {
        SecretMask mask = SecretMask.global();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("slice", slice == null ? null : Map.of("index", slice.index(), "count", slice.count()));
        e.put("exit_code", exitCode);
        e.put("interrupted", summary.interrupted());
        e.put("gate_stopped", summary.gateStopped());
        e.put("check_mode_violation", summary.checkModeViolation());
        e.put("internal_error", summary.internalError());
        e.put("stopped", summary.stopped() == null ? null : mask.mask(summary.stopped()));
        e.put("retry_hosts", summary.retryHosts());
        Map<String, List<String>> pending = new LinkedHashMap<>();
        summary.pendingHandlers().forEach((h, names) -> pending.put(h, names.stream().map(mask::mask).toList()));
        e.put("pending_handlers", pending);
        emit("run_end", e);
    }

    private synchronized void emit(String event, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", event);
        e.put("time", Instant.now().toString());
        e.putAll(fields);
        try {
            out.write(JsonOutput.toJson(e));
            out.newLine();
            out.flush();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
