package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/**
 * Waits on the host until a TCP port opens or closes, or a path appears or goes (Ansible's wait_for); asked
 * again every {@code sleep} seconds until {@code timeout}. It changes nothing.
 */
public final class WaitForModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("waitFor",
            "Waits on the host until a TCP port accepts connections (or stops), or a path exists (or is gone), as Ansible's wait_for.")
            .param(Param.optional("host", ParamType.STRING, "127.0.0.1", "the address to connect to, from the host"))
            .param(Param.optional("port", ParamType.INT, null, "the TCP port"))
            .param(Param.optional("path", ParamType.PATH, null, "the path on the host"))
            .param(Param.optional("state", ParamType.STRING, null, "started or stopped for a port (started by default), present or absent for a path (present by default)"))
            .param(Param.optional("delay", ParamType.INT, 0, "seconds to wait before the first look"))
            .param(Param.optional("timeout", ParamType.INT, 300, "seconds to wait in all before the task fails"))
            .param(Param.optional("sleep", ParamType.INT, 1, "seconds between looks"))
            .param(Param.optional("connectTimeout", ParamType.INT, 5, "seconds one connection attempt may take"))
            .param(Param.optional("msg", ParamType.STRING, null, "the failure message when the time is up"))
            .oneOf("port", "path")
            .exclusive("port", "path")
            .checkMode("looks once in check mode: when the port or path is not as wanted yet (an earlier task may start"
                    + " the service), the task is skipped rather than waited on")
            .returns("elapsed", "int", "success", "seconds waited", "3")
            .returns("state", "string", "success", "the state waited for", "started")
            .returns("port", "int", "when port is given", "the port", "9200")
            .returns("path", "string", "when path is given", "the path", "/run/grafana/grafana.sock")
            .leavesOut("search_regex", "a path or port is waited on, not its content")
            .leavesOut("exclude_hosts", "drained is not taken")
            .leavesOut("active_connection_states", "drained is not taken")
            .example("waitFor 'elasticsearch answers', port: 9200, delay: 3, timeout: 300")
            .example("waitFor 'grafana socket', path: '/run/grafana/grafana.sock'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        boolean port = ctx.has("port");
        String state = ctx.has("state") ? ctx.str("state") : port ? "started" : "present";
        List<String> states = port ? List.of("started", "stopped") : List.of("present", "absent");
        if (!states.contains(state)) {
            ctx.fail("state '" + state + "' is not one of " + states + " for a " + (port ? "port" : "path"));
        }
        if (port && !ctx.str("host").matches("[A-Za-z0-9_.:\\[\\]][A-Za-z0-9_.:\\[\\]-]*")) {
            // bash opens any other /dev/tcp/... path as a file
            ctx.fail("host '" + ctx.str("host") + "' is no host name or address");
        }
        String what = port ? ctx.str("host") + ":" + ctx.integer("port") : ctx.str("path");
        ctx.set("state", state);
        ctx.set(port ? "port" : "path", port ? ctx.integer("port") : ctx.str("path"));
        long start = System.nanoTime();
        long deadline = start + ctx.integer("timeout") * 1_000_000_000L;
        if (ctx.integer("delay") > 0 && !ctx.checkMode()) {
            Thread.sleep(ctx.integer("delay") * 1000L);
        }
        boolean wanted = state.equals("started") || state.equals("present");
        while (holds(ctx, port) != wanted) {
            if (ctx.checkMode()) {
                ctx.skip("in check mode, not waited for: " + what + " is not " + state + " now (an earlier task may make it so)");
                return;
            }
            if (System.nanoTime() > deadline || ctx.ending()) {
                ctx.fail(ctx.has("msg") ? ctx.str("msg") : "Timeout when waiting for " + what + " to be " + state);
            }
            Thread.sleep(Math.max(1, ctx.integer("sleep")) * 1000L);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
        ctx.set("elapsed", elapsed);
        ctx.msg(what + " is " + state + " (" + elapsed + " s)");
    }

    /** Whether the port accepts a connection (bash's /dev/tcp, or nc), or the path exists. */
    private static boolean holds(ModuleContext ctx, boolean port) {
        if (!port) {
            return ctx.probe(Cmd.of("sh", "-c", "[ -e \"$1\" ] || [ -L \"$1\" ]", "exists", ctx.str("path"))).ok();
        }
        String script = "if command -v bash >/dev/null 2>&1; then timeout \"$3\" bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' \"$1\" \"$2\";"
                + " else timeout \"$3\" nc -z -- \"$1\" \"$2\"; fi";
        return ctx.probe(Cmd.of("sh", "-c", script, "connect", ctx.str("host"), ctx.integer("port"),
                ctx.integer("connectTimeout"))).ok();
    }
}
