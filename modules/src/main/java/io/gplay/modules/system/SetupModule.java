package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers facts in one round trip: OS family and version, host names, addresses, service and package managers. */
public final class SetupModule implements Module {
    private static final String SCRIPT = String.join("\n",
            "[ -r /etc/os-release ] && . /etc/os-release",
            "echo \"id=${ID:-}\"; echo \"id_like=${ID_LIKE:-}\"; echo \"version_id=${VERSION_ID:-}\"",
            "[ -r /etc/redhat-release ] && echo \"redhat_release=$(cat /etc/redhat-release)\"",
            "echo \"hostname=$(hostname 2>/dev/null || cat /etc/hostname)\"",
            "echo \"fqdn=$(hostname -f 2>/dev/null || hostname)\"",
            "if [ -d /run/systemd/system ]; then echo service_mgr=systemd; else echo service_mgr=sysvinit; fi",
            "for p in dnf yum apt-get; do if command -v $p >/dev/null 2>&1; then echo pkg_mgr=$p; break; fi; done",
            "echo \"user=$(id -un)\"; echo \"arch=$(uname -m)\"; echo \"kernel=$(uname -r)\"",
            // SELinux is on where its file system is mounted, as libselinux's is_selinux_enabled reads it
            "if [ -r /sys/fs/selinux/enforce ]; then echo \"selinux_enforce=$(cat /sys/fs/selinux/enforce)\";"
                    + " echo \"selinux_policyvers=$(cat /sys/fs/selinux/policyvers 2>/dev/null)\";"
                    + " sed -n 's/^SELINUX=/selinux_config_mode=/p; s/^SELINUXTYPE=/selinux_type=/p' /etc/selinux/config 2>/dev/null; fi",
            "echo \"addresses=$( (ip -o -4 addr show 2>/dev/null || true) | awk '{print $2\"=\"$4}' | tr '\\n' ' ')\"",
            "true");

    private static final ModuleSpec SPEC = new ModuleSpec("setup",
            "Gathers facts about the host (run automatically once per host per run, at the first play that does not say gatherFacts: false; a setup task gathers them again).")
            .checkMode("reads only; runs the same in check mode")
            .notes("Facts, as seen in per-host closures through `facts`: osFamily (RedHat, Debian), distribution, "
                    + "distributionVersion, distributionMajorVersion, hostname, fqdn, serviceMgr (systemd, sysvinit), "
                    + "pkgMgr (dnf, yum, apt), user, arch, kernel, selinux ({status: disabled}, or enabled with mode, config_mode, type, "
                    + "policyvers, as Ansible's), interfaces (name to address/prefix), ipv4 (addresses).")
            .leavesOut("gather_subset", "the facts are few and read in one round trip, so all are gathered")
            .leavesOut("filter", "all facts are gathered")
            .leavesOut("fact_path", "no local facts (facts.d)")
            .leavesOut("gather_timeout", "the connection's timeout applies")
            .returns("facts", "map", "success", "the facts, by name (see NOTES): the run makes them the host's facts", "{osFamily: RedHat, distribution: centos, distributionVersion: '7.9', hostname: ovirt1, ...}")
            .example("setup 'refresh facts'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        ctx.set("facts", parse(ctx.read(Cmd.script(SCRIPT))));
    }

    static Map<String, Object> parse(String output) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                raw.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        String id = raw.getOrDefault("id", "");
        String like = raw.getOrDefault("id_like", "");
        String redhat = raw.getOrDefault("redhat_release", "");
        String version = raw.getOrDefault("version_id", "");
        if (id.isEmpty() && !redhat.isEmpty()) {
            id = redhat.toLowerCase().startsWith("centos") ? "centos" : "rhel";
            version = redhat.replaceAll("^[^0-9]*([0-9][0-9.]*).*$", "$1");
        }
        String family = isRedHat(id, like, redhat) ? "RedHat" : isDebian(id, like) ? "Debian" : id;
        f.put("osFamily", family);
        f.put("distribution", id);
        f.put("distributionVersion", version);
        f.put("distributionMajorVersion", version.contains(".") ? version.substring(0, version.indexOf('.')) : version);
        f.put("hostname", raw.getOrDefault("hostname", ""));
        f.put("fqdn", raw.getOrDefault("fqdn", ""));
        f.put("serviceMgr", raw.getOrDefault("service_mgr", ""));
        String pkg = raw.getOrDefault("pkg_mgr", "");
        f.put("pkgMgr", pkg.equals("apt-get") ? "apt" : pkg);
        f.put("user", raw.getOrDefault("user", ""));
        f.put("arch", raw.getOrDefault("arch", ""));
        f.put("kernel", raw.getOrDefault("kernel", ""));
        f.put("selinux", selinux(raw));
        Map<String, String> interfaces = new LinkedHashMap<>();
        List<String> ipv4 = new ArrayList<>();
        for (String pair : raw.getOrDefault("addresses", "").split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                interfaces.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
                ipv4.add(pair.substring(eq + 1).replaceAll("/.*", ""));
            }
        }
        f.put("interfaces", interfaces);
        f.put("ipv4", ipv4);
        return f;
    }

    /** As Ansible's selinux fact: {status: disabled}, or enabled with its mode, policy version, configured mode and type. */
    private static Map<String, Object> selinux(Map<String, String> raw) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (!raw.containsKey("selinux_enforce")) {
            s.put("status", "disabled");
            return s;
        }
        s.put("status", "enabled");
        String policy = raw.getOrDefault("selinux_policyvers", "");
        s.put("policyvers", policy.matches("\\d+") ? Integer.parseInt(policy) : "unknown");
        s.put("config_mode", raw.getOrDefault("selinux_config_mode", "unknown"));
        s.put("mode", raw.get("selinux_enforce").equals("1") ? "enforcing" : "permissive");
        s.put("type", raw.getOrDefault("selinux_type", "unknown"));
        return s;
    }

    private static boolean isRedHat(String id, String like, String redhat) {
        return Arrays.asList("centos", "rhel", "fedora", "rocky", "almalinux", "ol").contains(id)
                || like.contains("rhel") || like.contains("fedora") || !redhat.isEmpty();
    }

    private static boolean isDebian(String id, String like) {
        return id.equals("debian") || id.equals("ubuntu") || like.contains("debian");
    }
}
