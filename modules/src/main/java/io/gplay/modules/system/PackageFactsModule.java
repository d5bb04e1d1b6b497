package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.module.Result;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The installed packages as Ansible's package_facts gives them (ansible-core 2.14,
 * lib/ansible/modules/package_facts.py): {@code packages}, each name to the list of its installed versions, read
 * from dpkg's database (the fields of Ansible's apt) or rpm's (those of its rpm).
 */
public final class PackageFactsModule implements Module {
    /** Ansible's names for rpm (its aliases), and the managers it knows that gplay does not read. */
    private static final Set<String> RPM = Set.of("rpm", "yum", "dnf", "dnf5", "zypper");
    private static final Set<String> OTHERS = Set.of("portage", "pkg", "pkg5", "pkgng", "pacman", "apk", "pkg_info", "openbsd_pkg");
    /** dpkg's status, then what python-apt gives Ansible's apt: the name (name:arch for another architecture's), version, arch, section. */
    private static final String DPKG_FORMAT = "${db:Status-Abbrev}\t${binary:Package}\t${Version}\t${Architecture}\t${Section}\n";
    private static final String RPM_FORMAT = "%{NAME}\t%{VERSION}\t%{RELEASE}\t%{EPOCH}\t%{ARCH}\n";

    private static final ModuleSpec SPEC = new ModuleSpec("packageFacts", "Reads the installed packages into the host's facts, as packages: each name to the list of its installed versions.")
            .param(Param.optional("manager", ParamType.LIST, List.of("auto"), "the package managers to read: auto (apt, then rpm), apt, rpm (or Ansible's aliases of it: yum, dnf, dnf5, zypper)"))
            .param(Param.choice("strategy", "first", List.of("first", "all"), "first: only the first manager of the list that the host has; all: every one it has"))
            .setsFacts("packages")
            .returns(Result.MODULE_FACTS, "map", "success", "the fact packages: each name to a list of {name, version, arch, source} (apt: and category; rpm: and release, epoch), one per installed version",
                    "{packages: {openssl: [{name: openssl, version: 3.0.11-1~deb12u2, arch: amd64, category: utils, source: apt}]}}")
            .checkMode("reads only; runs the same in check mode, so later tasks of a check run see the fact")
            .notes("After the task, facts.packages, ansible_facts.packages and the variable packages hold them, as in Ansible:"
                    + " when: { 'nginx' in facts.packages }. apt's are read with dpkg-query (every package dpkg has"
                    + " installed, half-installed ones too), rpm's with rpm -qa. Ansible's portage, pkg, pacman, apk and"
                    + " pkg_info managers are not read; auto tries apt before rpm, so a Debian host with the rpm tool"
                    + " gives its dpkg packages.")
            .example("packageFacts()")
            .example("packageFacts manager: 'rpm'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        Set<String> managers = new LinkedHashSet<>();
        for (Object m : ctx.list("manager")) {
            String name = String.valueOf(m).toLowerCase();
            if (name.equals("auto")) {
                managers.add("apt");
                managers.add("rpm");
            } else if (RPM.contains(name)) {
                managers.add("rpm");
            } else if (name.equals("apt")) {
                managers.add("apt");
            } else {
                ctx.fail("manager '" + m + "' " + (OTHERS.contains(name) ? "is one gplay does not read" : "is no package manager")
                        + ": give auto, apt or rpm (yum, dnf, dnf5, zypper)");
            }
        }
        boolean first = ctx.str("strategy").equals("first");
        Map<String, List<Map<String, Object>>> packages = new LinkedHashMap<>();
        int found = 0;
        for (String manager : managers) {
            if (first && found > 0) {
                break;
            }
            String program = manager.equals("apt") ? "dpkg-query" : "rpm";
            if (!ctx.hasProgram(program)) {
                continue;
            }
            found++;
            packages.putAll(manager.equals("apt") ? dpkg(ctx) : rpm(ctx));
        }
        if (found == 0) {
            ctx.fail("Could not detect a supported package manager from the following list: " + managers
                    + " (the host has neither dpkg-query nor rpm)");
        }
        ctx.set(Result.MODULE_FACTS, Map.of("packages", packages));
    }

    private static Map<String, List<Map<String, Object>>> dpkg(ModuleContext ctx) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (String line : ctx.read(Cmd.of("dpkg-query", "-W", "-f", DPKG_FORMAT)).split("\n")) {
            String[] f = line.split("\t", -1);
            // installed: its status is neither not-installed nor config-files (what python-apt's is_installed means)
            if (f.length < 5 || f[0].length() < 2 || f[0].charAt(1) == 'n' || f[0].charAt(1) == 'c') {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f[1]);
            p.put("version", f[2]);
            p.put("arch", f[3]);
            p.put("category", f[4]);
            p.put("source", "apt");
            out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static Map<String, List<Map<String, Object>>> rpm(ModuleContext ctx) {
        ExecResult r = ctx.probe(Cmd.of("rpm", "-qa", "--qf", RPM_FORMAT));
        if (!r.ok()) {
            ctx.fail("rpm -qa: " + r.reason());
        }
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f[0]);
            p.put("version", f[1]);
            p.put("release", f[2]);
            p.put("epoch", f[3].matches("\\d+") ? Integer.valueOf(f[3]) : null); // rpm says (none)
            p.put("arch", f[4].equals("(none)") ? null : f[4]);
            p.put("source", "rpm");
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(p);
        }
        return out;
    }
}
