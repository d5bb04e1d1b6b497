package io.gplay.engine.module;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a task did on one host: its status, a message, each change made (or, in check mode, predicted) with
 * its diff, and the data a later task sees through {@code register}.
 */
public record Result(Status status, String msg, List<Change> changes, Map<String, Object> data) {
    /** The key of the facts a module sets ({@code ModuleSpec.setsFacts}), as Ansible's modules return them. */
    public static final String MODULE_FACTS = "ansible_facts";

    public Result {
        changes = List.copyOf(changes);
        data = new LinkedHashMap<>(data);
    }

    public static Result skipped(String why) {
        return new Result(Status.SKIPPED, why, List.of(), Map.of("skipped", true, "msg", why));
    }

    public static Result failed(String why) {
        return new Result(Status.FAILED, why, List.of(), Map.of("failed", true, "msg", why));
    }

    public static Result unreachable(String why) {
        return new Result(Status.UNREACHABLE, why, List.of(), Map.of("unreachable", true, "msg", why));
    }

    /** A task that failed after recording what it had done so far (rc, stdout, changes made before the failure). */
    public Result failedWith(String why) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("failed", true);
        d.put("msg", why);
        return new Result(Status.FAILED, why, changes, d);
    }

    public Result withStatus(Status s) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("changed", s == Status.CHANGED);
        d.put("failed", s == Status.FAILED);
        return new Result(s, msg, changes, d);
    }

    public Result withMsg(String m) {
        return new Result(status, m, changes, data);
    }

    /** What each change is, in order. */
    public List<String> descriptions() {
        return changes.stream().map(Change::description).toList();
    }

    /** The diffs of this result's changes, in order. */
    public List<Diff> diffs() {
        return changes.stream().map(Change::diff).filter(Objects::nonNull).toList();
    }

    /** The variables a {@code register} makes visible: rc, stdout, changed, failed, msg and the module's data. */
    public Map<String, Object> registered() {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.putIfAbsent("changed", status == Status.CHANGED);
        d.putIfAbsent("failed", status == Status.FAILED);
        d.putIfAbsent("skipped", status == Status.SKIPPED);
        d.putIfAbsent("msg", msg == null ? "" : msg);
        d.put("status", status.label());
        return d;
    }
}
