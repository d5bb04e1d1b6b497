package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Result;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's services as Ansible's service_facts gives them (ansible-core 2.14,
 * lib/ansible/modules/service_facts.py): SysV's first ({@code service --status-all}, or chkconfig and
 * {@code service NAME status} on Red Hat's), then systemd's over them where systemd runs (its units, then its
 * unit files for the status), each name to {name, state, status, source}.
 */
public final class ServiceFactsModule implements Module {
    private static final Pattern SYSV = Pattern.compile("^\\s*\\[ (?<state>[+-]) \\]\\s+(?<name>.+)$", Pattern.MULTILINE);
    private static final Pattern CHKCONFIG = Pattern.compile("(?<service>.*?)\\s+[0-9]:(on|off)\\s+[0-9]:(on|off)\\s+"
            + "[0-9]:(on|off)\\s+[0-9]:(?<rl3>on|off)\\s+[0-9]:(on|off)\\s+[0-9]:(on|off)\\s+[0-9]:(on|off).*");
    private static final List<String> BAD_STATES = List.of("not-found", "masked", "failed");
    /** sd_booted(3)'s test, as Ansible's is_systemd_managed makes it. */
    private static final String SYSTEMD_BOOTED = "[ -d /run/systemd/system ] || [ -d /dev/.run/systemd ] || [ -d /dev/.systemd ]";

    private static final ModuleSpec SPEC = new ModuleSpec("serviceFacts", "Reads the host's services into its facts, as services: each name to {name, state, status, source}.")
            .setsFacts("services")
            .returns(Result.MODULE_FACTS, "map", "success", "the fact services: each name (systemd's with .service) to {name, state (running, stopped...), status (enabled, disabled, static...; systemd and chkconfig), source (systemd, sysv)}",
                    "{services: {'nginx.service': {name: nginx.service, state: running, status: enabled, source: systemd}}}")
            .checkMode("reads only; runs the same in check mode, so later tasks of a check run see the fact")
            .notes("After the task, facts.services, ansible_facts.services and the variable services hold them, as in Ansible:"
                    + " when: { facts.services['nginx.service']?.state == 'running' }. Where it finds no service the task is"
                    + " skipped, as Ansible's. Upstart's initctl, OpenRC, AIX's SRC and OpenBSD's rcctl are not read.")
            .example("serviceFacts()");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        boolean chkconfig = ctx.hasProgram("chkconfig");
        if (chkconfig) {
            chkconfig(ctx, services);
        } else if (ctx.hasProgram("service") && !ctx.hasProgram("rc-status")) {
            ExecResult r = ctx.probe(c("service", "--status-all"));
            Matcher m = SYSV.matcher(r.stdout());
            while (m.find()) {
                String name = m.group("name").strip();
                services.put(name, service(name, m.group("state").equals("+") ? "running" : "stopped", null, "sysv"));
            }
        }
        if (ctx.hasProgram("systemctl") && ctx.probe(Cmd.script(SYSTEMD_BOOTED)).ok()) {
            systemd(ctx, services);
        }
        if (services.isEmpty()) {
            ctx.skip("Failed to find any services. This can be due to privileges or some other configuration issue.");
            return;
        }
        ctx.set(Result.MODULE_FACTS, Map.of("services", services));
    }

    /** Red Hat's SysV: chkconfig's list (enabled: on in runlevel 3), each one's state from {@code service NAME status}. */
    private static void chkconfig(ModuleContext ctx, Map<String, Map<String, Object>> services) {
        ExecResult list = ctx.probe(c("chkconfig", "--list"));
        for (String line : list.stdout().split("\n")) {
            Matcher m = CHKCONFIG.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String name = m.group("service").strip();
            ExecResult status = ctx.probe(c("service", name, "status"));
            services.put(name, service(name, status.ok() ? "running" : "stopped",
                    m.group("rl3").equals("on") ? "enabled" : "disabled", "sysv"));
        }
    }

    /** systemd's units (state, and a status from its fields), then its unit files' status, a unit not loaded with its ActiveState. */
    private static void systemd(ModuleContext ctx, Map<String, Map<String, Object>> services) {
        ExecResult units = ctx.probe(c("systemctl", "list-units", "--no-pager", "--type", "service", "--all", "--plain"));
        for (String line : units.stdout().split("\n")) {
            List<String> fields = List.of(line.strip().split("\\s+"));
            if (!line.contains(".service") || fields.size() < 4) {
                continue;
            }
            String status = BAD_STATES.stream().filter(fields.subList(0, fields.size() - 1)::contains).findFirst()
                    .orElse(fields.get(2));
            services.put(fields.get(0), service(fields.get(0), fields.get(3).equals("running") ? "running" : "stopped",
                    status, "systemd"));
        }
        ExecResult files = ctx.probe(c("systemctl", "list-unit-files", "--no-pager", "--type", "service", "--all"));
        List<String> unloaded = new ArrayList<>();
        Map<String, String> fileStatus = new LinkedHashMap<>();
        for (String line : files.stdout().split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (!line.contains(".service") || fields.length < 2) {
                continue;
            }
            Map<String, Object> known = services.get(fields[0]);
            if (known == null) {
                unloaded.add(fields[0]);
                fileStatus.put(fields[0], fields[1]);
            } else if (!BAD_STATES.contains(String.valueOf(known.get("status")))) {
                known.put("status", fields[1]);
            }
        }
        Map<String, String> active = activeStates(ctx, unloaded);
        fileStatus.forEach((name, status) -> services.put(name, service(name, active.getOrDefault(name, "unknown"), status, "systemd")));
    }

    /**
     * Each unit's ActiveState, in one {@code systemctl show} for all of them (Ansible asks one by one), its blocks
     * in the order asked; a template ({@code getty@.service}), which systemctl cannot show, stays unknown as there.
     */
    private static Map<String, String> activeStates(ModuleContext ctx, List<String> units) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> shown = units.stream().filter(u -> !u.contains("@.")).toList();
        if (shown.isEmpty()) {
            return out;
        }
        ExecResult r = ctx.probe(c("systemctl", "show", "--property=ActiveState").raw("--").args(shown));
        List<String> states = r.stdout().lines().filter(l -> l.startsWith("ActiveState=")).toList();
        if (r.ok() && states.size() == shown.size()) {
            for (int i = 0; i < shown.size(); i++) {
                out.put(shown.get(i), states.get(i).substring("ActiveState=".length()));
            }
        }
        return out;
    }

    private static Map<String, Object> service(String name, String state, String status, String source) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("state", state);
        if (status != null) {
            s.put("status", status);
        }
        s.put("source", source);
        return s;
    }

    /** A command in the C locale, whose words the parsing reads (Ansible runs them so too). */
    private static Cmd c(String program, String... args) {
        return Cmd.of("env", "LC_ALL=C", "LANG=C", program).args(List.of(args));
    }
}
