package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What systemd says of a unit: {@code systemctl show -p LoadState,LoadError,NeedDaemonReload,FragmentPath -- NAME}
 * (systemctl(1), "show"; the properties of org.freedesktop.systemd1(5)'s Unit object), one {@code NAME=VALUE}
 * line each. Where systemd does not run (a chroot, a container) {@code show} fails, and what the unit files say
 * answers instead, as in Ansible's systemd module.
 */
record SystemdUnit(String name, Map<String, String> properties) {
    /** is-enabled's answers for a unit that has a unit file: systemctl(1) of systemd 244, as Ansible lists them. */
    private static final List<String> UNIT_FILE_STATES = List.of("enabled", "enabled-runtime", "linked",
            "linked-runtime", "masked", "masked-runtime", "static", "indirect", "disabled", "generated", "transient");

    /** The unit's properties, or null when systemd did not answer. */
    static SystemdUnit show(ModuleContext ctx, String name) {
        ExecResult r = ctx.probe(Cmd.of("systemctl", "show", "-p", "LoadState,LoadError,NeedDaemonReload,FragmentPath",
                "--", name));
        if (!r.ok() || !r.stdout().contains("LoadState=")) {
            return null;
        }
        Map<String, String> props = new HashMap<>();
        r.stdout().lines().filter(l -> l.contains("=")).forEach(l -> props.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1).strip()));
        return new SystemdUnit(name, props);
    }

    /**
     * Whether systemd knows the unit, by the rule of Ansible's systemd module (ansible c9ac477,
     * lib/ansible/modules/systemd_service.py:419-474): {@code LoadState} other than {@code not-found}; where
     * {@code show} does not answer, an is-enabled answer that is a unit file's state, or a {@code list-unit-files}
     * that lists it. A unit systemd could not load fails the task with its {@code LoadError}, as there (:432).
     */
    static boolean known(ModuleContext ctx, String name) {
        SystemdUnit u = show(ctx, name);
        if (u == null) {
            return UNIT_FILE_STATES.contains(ctx.probe(Cmd.of("systemctl", "is-enabled", "--", name)).stdout().strip())
                    || ctx.probe(Cmd.of("systemctl", "list-unit-files", "--", name)).ok();
        }
        if (!u.found()) {
            return false;
        }
        String error = u.properties.getOrDefault("LoadError", "").replace("\"", "").strip();
        if (!error.isEmpty() && !u.loadState().equals("masked")) {
            ctx.fail("Error loading unit file '" + name + "': " + u.properties.get("LoadError"));
        }
        return true;
    }

    /**
     * Why systemd should read its unit files again for this unit, or null when it need not: systemd says the
     * unit's file or drop-ins changed since it read them ({@code NeedDaemonReload=yes}), or in a check run an
     * earlier task would change its unit file or a drop-in ({@code NAME.service.d/*.conf}). Where systemd does
     * not answer, the reload is run as asked.
     */
    static String reloadNeeded(ModuleContext ctx, String name) {
        SystemdUnit u = show(ctx, name);
        if (u == null) {
            return "systemctl show did not answer";
        }
        if (u.properties.getOrDefault("NeedDaemonReload", "no").equals("yes")) {
            return fullName(name) + " changed since systemd read it";
        }
        String unit = fullName(name);
        return ctx.predictedPaths().stream().filter(p -> p.equals(u.properties.get("FragmentPath"))
                        || Path.of(p).getFileName().toString().equals(unit)
                        || Path.of(p).getParent() != null && Path.of(p).getParent().getFileName() != null
                        && Path.of(p).getParent().getFileName().toString().equals(unit + ".d"))
                .sorted().findFirst().map(p -> p + " would change").orElse(null);
    }

    /**
     * Masks or unmasks the unit when it is not so already: masked is systemd's LoadState=masked, or where systemd
     * does not answer, is-enabled's masked or masked-runtime (Ansible's systemd module decides by the same).
     * A unit with no unit file can be masked, as in Ansible. Later tasks of a check run see the unit as it would be.
     */
    static void mask(ModuleContext ctx, String name, boolean masked) throws Exception {
        String predicted = ctx.predictedState("masked:" + fullName(name));
        SystemdUnit u = predicted != null ? null : show(ctx, name);
        boolean now = predicted != null ? predicted.equals("yes") : u != null ? u.loadState().equals("masked")
                : ctx.probe(Cmd.of("systemctl", "is-enabled", "--", name)).stdout().strip().startsWith("masked");
        if (now != masked) {
            String verb = masked ? "mask" : "unmask";
            ctx.converge(verb + " " + fullName(name), () -> ctx.change(Cmd.of("systemctl", verb, "--", name)));
        }
        ctx.predictState("masked:" + fullName(name), masked ? "yes" : "no");
    }

    String loadState() {
        return properties.getOrDefault("LoadState", "");
    }

    boolean found() {
        return !loadState().equals("not-found");
    }

    /** The unit as systemctl names it: {@code rpcbind} is {@code rpcbind.service} (a name with no unit type). */
    static String fullName(String name) {
        return name.matches(".*\\.(service|socket|device|mount|automount|swap|target|path|timer|slice|scope)")
                ? name : name + ".service";
    }
}
