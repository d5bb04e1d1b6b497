package io.gplay.engine.module;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task did on one host: its status, a message, the description of each change made (or, in check
 * mode, predicted), their diffs, and the data a later task sees through {@code register}.
 */
public record Result(Status status, String msg, List<String> changes, List<FileDiff> diffs, Map<String, Object> data) {
    public Result {
        changes = List.copyOf(changes);
        diffs = List.copyOf(diffs);
        data = new LinkedHashMap<>(data);
    }

    public static Result skipped(String why) {
        return new Result(Status.SKIPPED, why, List.of(), List.of(), Map.of("skipped", true, "msg", why));
    }

    public static Result failed(String why) {
        return new Result(Status.FAILED, why, List.of(), List.of(), Map.of("failed", true, "msg", why));
    }

    public static Result unreachable(String why) {
        return new Result(Status.UNREACHABLE, why, List.of(), List.of(), Map.of("unreachable", true, "msg", why));
    }

    public Result withStatus(Status s) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("changed", s == Status.CHANGED);
        d.put("failed", s == Status.FAILED);
        return new Result(s, msg, changes, diffs, d);
    }

    public Result withMsg(String m) {
        return new Result(status, m, changes, diffs, data);
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
