package io.gplay.modules.system;

import io.gplay.modules.Operand;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.engine.shell.ShellWords;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Runs a program with arguments, no shell: {@code argv} items are each quoted, a string {@code cmd} is split
 * on white space (quote what needs it). {@link ShellModule} is the same with a shell.
 */
public class CommandModule implements Module {
    private final ModuleSpec spec;

    public CommandModule() {
        this("command", "Runs a program with its arguments (no shell features: use `shell` for pipes and redirects).");
        spec.oneOf("cmd", "argv");
    }

    /** The spec without the rule of which command line to give: the subclass declares its own. */
    protected CommandModule(String name, String summary) {
        spec = new ModuleSpec(name, summary)
                .primary("cmd")
                .param(Param.optional("cmd", ParamType.STRING, null, "the command line"))
                .param(Param.optional("argv", ParamType.LIST, null, "program and arguments as a list; each item is quoted (command only)"))
                .param(Param.optional("chdir", ParamType.STRING, null, "change into this directory first"))
                .param(Param.optional("creates", ParamType.STRING, null, "a path; when it exists, the command is not run"))
                .param(Param.optional("removes", ParamType.STRING, null, "a path; when it does not exist, the command is not run"))
                .param(Param.optional("stdin", ParamType.STRING, null, "text fed to the command's standard input: the way to give it a secret (a secret in cmd or argv is refused, as ps shows those to every user of the host)"))
                .param(Param.optional("readOnly", ParamType.BOOL, false, "the command changes nothing: it runs in check mode and reports ok"))
                .checkMode("cannot predict what an arbitrary command does: skipped in check mode, unless it declares "
                        + "`creates`/`removes` (then reported as the change it would make) or `readOnly: true`, "
                        + "when it runs as a read-only probe")
                .notes("The command is reported as changed when it runs; use `changedWhen` to say when it really "
                        + "changed something.")
                .returns("cmd", "string or list", "when run", "the command as given: cmd, or argv as a list", "echo hello")
                .returns("rc", "int", "when run", "the command's exit status", "0")
                .returns("stdout", "string", "when run", "its standard output, trailing newlines removed", "hello")
                .returns("stderr", "string", "when run", "its standard error, trailing newlines removed", "")
                .returns("stdout_lines", "list", "when run", "stdout split into lines", "[hello]")
                .returns("stderr_lines", "list", "when run", "stderr split into lines", "[]")
                .returns("start", "string", "when run", "when the command started, host's clock not asked: this machine's, local time", "2026-12-07 09:41:57.132456")
                .returns("end", "string", "when run", "when it ended", "2026-12-07 09:41:57.145012")
                .returns("delta", "string", "when run", "how long it ran, H:MM:SS.ffffff", "0:00:00.012556")
                .example(name + " 'show the volumes', cmd: 'gluster volume info', readOnly: true, register: 'volumes'");
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    /** The command line as the host's shell will run it. */
    protected Cmd commandLine(ModuleContext ctx) {
        // exec reads a leading dash as its own option (bash's exec -c clears the environment), and a
        // program's name never starts with one
        if (ctx.has("argv")) {
            List<Object> argv = ctx.list("argv");
            if (!argv.isEmpty()) {
                Operand.of(ctx, "argv[0]", argv.get(0));
            }
            return Cmd.of("exec").args(argv);
        }
        // Without a shell: the words are passed to exec, so ; | $( ) have no special meaning.
        List<String> words = ShellWords.split(ctx.str("cmd"));
        if (!words.isEmpty()) {
            Operand.of(ctx, "cmd", words.get(0));
        }
        return Cmd.of("exec").args(words);
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        // cd - is the previous directory, and cd takes no --
        Cmd line = ctx.has("chdir") ? Cmd.of("cd", Operand.of(ctx, "chdir", ctx.str("chdir"))).and(commandLine(ctx))
                : commandLine(ctx);
        if (ctx.has("creates") && exists(ctx, ctx.str("creates"))) {
            ctx.msg("skipped, since " + ctx.str("creates") + " exists");
            return;
        }
        if (ctx.has("removes") && !exists(ctx, ctx.str("removes"))) {
            ctx.msg("skipped, since " + ctx.str("removes") + " does not exist");
            return;
        }
        boolean probe = ctx.bool("readOnly");
        byte[] stdin = ctx.has("stdin") ? ctx.str("stdin").getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
        if (probe) {
            // a user's read-only command gets a channel of its own, as every command of a user's does
            Instant start = Instant.now();
            record(ctx, ctx.probe(line, stdin), start);
            return;
        }
        if (ctx.checkMode() && !ctx.has("creates") && !ctx.has("removes")) {
            ctx.skip("check mode: a command's effect cannot be predicted (declare creates/removes, or readOnly: true)");
            return;
        }
        String shown = ctx.has("cmd") ? ctx.str("cmd") : String.join(" ", ctx.list("argv").stream().map(String::valueOf).toList());
        ctx.converge("run: " + shown, () -> {
            Instant start = Instant.now();
            record(ctx, ctx.attempt(line, stdin), start);
        });
    }

    // Ansible's forms: "2026-12-07 09:41:57.132456" and "0:00:00.012556"
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault());

    private static String delta(Duration d) {
        return String.format("%d:%02d:%02d.%06d", d.toHours(), d.toMinutesPart(), d.toSecondsPart(), d.toNanosPart() / 1000);
    }

    private static List<String> lines(String text) {
        String t = text.stripTrailing();
        return t.isEmpty() ? List.of() : List.of(t.split("\n"));
    }

    private static boolean exists(ModuleContext ctx, String path) {
        return ctx.probe(Cmd.of("test", "-e", path)).ok();
    }

    private static void record(ModuleContext ctx, ExecResult r, Instant start) {
        Instant end = Instant.now();
        ctx.set("cmd", ctx.has("cmd") ? ctx.str("cmd") : ctx.list("argv"));
        ctx.set("rc", r.rc());
        ctx.set("stdout", r.stdout().stripTrailing());
        ctx.set("stderr", r.stderr().stripTrailing());
        ctx.set("stdout_lines", lines(r.stdout()));
        ctx.set("stderr_lines", lines(r.stderr()));
        ctx.set("start", STAMP.format(start));
        ctx.set("end", STAMP.format(end));
        ctx.set("delta", delta(Duration.between(start, end)));
        if (!r.ok()) {
            ctx.fail("non-zero return code " + r.rc() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
        }
    }
}
