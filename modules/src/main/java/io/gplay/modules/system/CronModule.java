package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.files.FileContent;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A cron job or variable in a user's crontab ({@code crontab -u USER -l}, and the whole new table to
 * {@code crontab -u USER -} on standard input) or in a cron file such as /etc/cron.d/NAME, marked by
 * {@code #Ansible: NAME} exactly as Ansible's cron module marks it, so a table Ansible wrote converges here.
 */
public final class CronModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("cron", "Manages a named cron job or variable in a user's crontab or a cron file.")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the job's name, in its #Ansible: NAME line (with env: the variable's name)"))
            .param(Param.optional("user", ParamType.STRING, null, "whose crontab (by default the login's, or become's); in a cronFile, the user the job runs as (required there)"))
            .param(Param.optional("job", ParamType.STRING, null, "the command (with env: the variable's value); required for state: present"))
            .param(Param.optional("cronFile", ParamType.PATH, null, "a cron file (/etc/cron.d/NAME) instead of the user's crontab"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the job should be there"))
            .param(Param.optional("minute", ParamType.STRING, "*", "minute field"))
            .param(Param.optional("hour", ParamType.STRING, "*", "hour field"))
            .param(Param.optional("day", ParamType.STRING, "*", "day of the month field"))
            .param(Param.optional("month", ParamType.STRING, "*", "month field"))
            .param(Param.optional("weekday", ParamType.STRING, "*", "day of the week field"))
            .param(Param.choice("specialTime", null, List.of("reboot", "yearly", "annually", "monthly", "weekly", "daily", "hourly"),
                    "@reboot, @daily...: instead of the five fields"))
            .param(Param.optional("disabled", ParamType.BOOL, false, "keep the job commented out (#)"))
            .param(Param.optional("env", ParamType.BOOL, false, "a variable (NAME=\"job\") rather than a job"))
            .requiredIf("state", "present", "job")
            .checkMode("predicts the table's new text with its diff; later tasks of the check run see it")
            .notes("The job line is Ansible's: the five fields (or @specialTime), the user in a cronFile, the job. A job line found"
                    + " without its #Ansible: line gets one. Removing the last job of a cronFile removes the file, as in Ansible.")
            .returns("jobs", "list", "success", "the names of the marked jobs in the table after the task", "[backup db]")
            .returns("envs", "list", "success", "the names of the variables in the table after the task", "[MAILTO]")
            .leavesOut("insertafter", "not built: a new variable goes first in the table (insertbefore too)")
            .leavesOut("backup", "not built: the diff shows the table before and after")
            .example("cron 'backup db', minute: '30', hour: '2', job: '/usr/local/bin/backup --all > /dev/null 2>&1'")
            .example("cron 'MAILTO', env: true, job: 'ops@example.com', cronFile: '/etc/cron.d/ops', user: 'root'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        String user = ctx.str("user");
        if (user != null && (user.isEmpty() || user.startsWith("-") || !user.matches("[^:,/\\s]+"))) {
            ctx.fail("user '" + user + "' is not a valid account name");
        }
        String job = ctx.str("job");
        if (name.contains("\n") || job != null && job.strip().contains("\n")) {
            ctx.fail("name and job must be one line each: a newline would end the cron line early");
        }
        boolean special = ctx.has("specialTime");
        if (special && List.of("minute", "hour", "day", "month", "weekday").stream().anyMatch(f -> !ctx.str(f).equals("*"))) {
            ctx.fail("You must specify time and date fields or special time.");
        }
        if (ctx.bool("env") && name.contains(" ")) {
            ctx.fail("Invalid name for environment variable");
        }
        String file = ctx.str("cronFile");
        if ("/etc/crontab".equals(file)) {
            ctx.fail("Will not manage /etc/crontab via cronFile (it is the system's own table)");
        }
        if (file != null && user == null && ctx.str("state").equals("present")) {
            ctx.fail("To use cronFile you must give user as well: the user the job runs as");
        }
        String key = "crontab:" + (file != null ? file : user == null ? "" : user);
        String predicted = ctx.predictedState(key);
        String before = predicted != null ? predicted : file != null ? fileText(ctx, file) : crontab(ctx, user);
        CronTable table = new CronTable(before);
        boolean present = ctx.str("state").equals("present");
        if (ctx.bool("env")) {
            if (present) {
                table.putEnv(name, name + "=\"" + job + "\"");
            } else {
                table.removeEnv(name);
            }
        } else if (present) {
            table.putJob(name, line(ctx, job.strip(), special, file != null ? user : null));
        } else {
            table.removeJob(name);
        }
        String after = table.render();
        ctx.set("jobs", table.jobs());
        ctx.set("envs", table.envs());
        if (after.equals(before)) {
            return;
        }
        String what = (present ? "set " : "remove ") + (ctx.bool("env") ? "variable " : "cron job ") + name;
        if (file == null) {
            ctx.converge(what + " in " + (user == null ? "the crontab" : user + "'s crontab"),
                    new Diff(user == null ? "crontab" : "crontab for user \"" + user + "\"", before, after), () -> {
                ExecResult r = ctx.attempt(crontab(user).raw("-"), after.getBytes(StandardCharsets.UTF_8));
                if (!r.ok()) {
                    ctx.fail("crontab refused the new table: " + r.reason());
                }
            });
        } else if (!present && table.isEmpty()) {
            ctx.converge(what + ": remove " + file + ", left empty", new Diff(file, before, ""),
                    () -> ctx.change(Cmd.of("rm", "-f", "--", file)));
            ctx.predict(RemoteFile.absent(file));
        } else {
            FileContent.edit(ctx, file, false, found -> after);
        }
        ctx.predictState(key, after);
    }

    /** Ansible's get_cron_job. */
    private static String line(ModuleContext ctx, String job, boolean special, String fileUser) {
        String when = special ? "@" + ctx.str("specialTime")
                : String.join(" ", ctx.str("minute"), ctx.str("hour"), ctx.str("day"), ctx.str("month"), ctx.str("weekday"));
        return (ctx.bool("disabled") ? "#" : "") + when + (fileUser != null ? " " + fileUser : "") + " " + job;
    }

    private static String fileText(ModuleContext ctx, String file) {
        RemoteFile f = ctx.stat(file);
        return f.isFile() ? f.content() : "";
    }

    /** crontab for the user, or without -u for the login's own table, as Ansible runs it. */
    private static Cmd crontab(String user) {
        return user == null ? Cmd.of("crontab") : Cmd.of("crontab", "-u", user);
    }

    /** The user's table; none is empty. The header old crontab versions print is left out, as Ansible does. */
    private static String crontab(ModuleContext ctx, String user) {
        ExecResult r = ctx.probe(crontab(user).raw("-l"));
        if (r.rc() == 1 && r.stderr().contains("no crontab")) {
            return "";
        }
        if (!r.ok()) {
            ctx.fail("crontab -l: " + r.reason());
        }
        return r.stdout().replaceFirst("\\A(# DO NOT EDIT THIS FILE[^\n]*\n)?(# \\(/tmp/[^\n]*installed on[^\n]*\\)\n)?(# \\([^\n]*version[^\n]*\\)\n)?", "");
    }
}
