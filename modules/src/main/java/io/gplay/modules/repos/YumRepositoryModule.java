package io.gplay.modules.repos;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.files.Attributes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A repository's section in a yum/dnf .repo file, decided as Ansible's yum_repository (ansible-core 2.14,
 * modules/yum_repository.py): the section is replaced by the options given, in Ansible's order (sorted by key),
 * the file written as Python's configparser writes it when Ansible's sorted dump of it changes; the file goes
 * when its last section does.
 */
public final class YumRepositoryModule implements Module {
    /** The repository options: gplay's name, then the .repo key (Ansible's own name). */
    private static final String[][] OPTIONS = {
            {"async", "async"}, {"bandwidth", "bandwidth"}, {"baseurl", "baseurl"}, {"cost", "cost"},
            {"deltarpmMetadataPercentage", "deltarpm_metadata_percentage"}, {"deltarpmPercentage", "deltarpm_percentage"},
            {"enabled", "enabled"}, {"enablegroups", "enablegroups"}, {"exclude", "exclude"}, {"failovermethod", "failovermethod"},
            {"gpgcakey", "gpgcakey"}, {"gpgcheck", "gpgcheck"}, {"gpgkey", "gpgkey"}, {"moduleHotfixes", "module_hotfixes"},
            {"httpCaching", "http_caching"}, {"include", "include"}, {"includepkgs", "includepkgs"}, {"ipResolve", "ip_resolve"},
            {"keepalive", "keepalive"}, {"keepcache", "keepcache"}, {"metadataExpire", "metadata_expire"},
            {"metadataExpireFilter", "metadata_expire_filter"}, {"metalink", "metalink"}, {"mirrorlist", "mirrorlist"},
            {"mirrorlistExpire", "mirrorlist_expire"}, {"password", "password"}, {"priority", "priority"}, {"protect", "protect"},
            {"proxy", "proxy"}, {"proxyPassword", "proxy_password"}, {"proxyUsername", "proxy_username"},
            {"repoGpgcheck", "repo_gpgcheck"}, {"retries", "retries"}, {"s3Enabled", "s3_enabled"},
            {"skipIfUnavailable", "skip_if_unavailable"}, {"sslcacert", "sslcacert"},
            {"sslCheckCertPermissions", "ssl_check_cert_permissions"}, {"sslclientcert", "sslclientcert"},
            {"sslclientkey", "sslclientkey"}, {"sslverify", "sslverify"}, {"throttle", "throttle"}, {"timeout", "timeout"},
            {"uiRepoidVars", "ui_repoid_vars"}, {"username", "username"}};
    private static final List<String> BOOLS = List.of("async", "enabled", "enablegroups", "gpgcheck", "moduleHotfixes", "keepalive",
            "protect", "repoGpgcheck", "s3Enabled", "skipIfUnavailable", "sslCheckCertPermissions", "sslverify");
    private static final Map<String, List<String>> CHOICES = Map.of(
            "failovermethod", List.of("roundrobin", "priority"), "httpCaching", List.of("all", "packages", "none"),
            "ipResolve", List.of("4", "6", "IPv4", "IPv6", "whatever"), "keepcache", List.of("0", "1"),
            "metadataExpireFilter", List.of("never", "read-only:past", "read-only:present", "read-only:future"));
    private static final List<String> LISTS = List.of("baseurl", "gpgkey", "exclude", "includepkgs");

    private static final ModuleSpec SPEC = buildSpec();

    private static ModuleSpec buildSpec() {
        ModuleSpec s = new ModuleSpec("yumRepository", "Adds or removes a yum/dnf repository in a .repo file of /etc/yum.repos.d.")
                .primary("name")
                .param(Param.required("name", ParamType.STRING, "the repository's id, its [section] in the file"))
                .param(Param.optional("description", ParamType.STRING, null, "its human name, the name = key (required for state: present)"))
                .param(Param.optional("file", ParamType.STRING, null, "the file's name without .repo (by default the id)"))
                .param(Param.optional("reposdir", ParamType.PATH, "/etc/yum.repos.d", "the folder of the .repo files; it must exist"))
                .param(Param.choice("state", "present", List.of("present", "absent"), "whether the section should be in the file"));
        for (String[] o : OPTIONS) {
            String doc = "the " + o[1] + " key of the .repo file";
            if (BOOLS.contains(o[0])) {
                s.param(Param.optional(o[0], ParamType.BOOL, null, doc + " (written 1 or 0)"));
            } else if (CHOICES.containsKey(o[0])) {
                s.param(Param.choice(o[0], null, CHOICES.get(o[0]), doc));
            } else if (LISTS.contains(o[0])) {
                s.param(Param.optional(o[0], ParamType.LIST, null, doc + (o[0].endsWith("pkgs") || o[0].equals("exclude")
                        ? " (a list is written blank-separated)" : " (a list is written one per line)")));
            } else {
                s.param(Param.optional(o[0], ParamType.STRING, null, doc));
            }
        }
        return s.params(Attributes.PARAMS)
                .requiredIf("state", "present", "description")
                .checkMode("predicts the file's new text with its diff; later tasks of the check run see it")
                .notes("Changed means the repository's options differ, compared as Ansible compares them (sections and keys sorted), or"
                        + " mode, owner or group differ. A changed file is written as Ansible writes it: comments go, keys are in lower case."
                        + " baseurl, metalink or mirrorlist is required for state: present.")
                .returns("repo", "str", "success", "the repository's id", "epel")
                .returns("state", "str", "success", "the state given", "present")
                .leavesOut("params", "removed from Ansible in 2.5")
                .leavesOut("attributes", "not built: mode, owner and group are (seuser, serole, setype, selevel, unsafe_writes too)")
                .example("yumRepository 'epel', description: 'EPEL YUM repo', baseurl: 'https://download.fedoraproject.org/pub/epel/$releasever/$basearch/',"
                        + " gpgcheck: true, gpgkey: 'file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-9'")
                .example("yumRepository 'epel', state: 'absent'");
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String id = ctx.str("name");
        boolean present = ctx.str("state").equals("present");
        ctx.set("repo", id);
        ctx.set("state", ctx.str("state"));
        String file = ctx.has("file") ? ctx.str("file") : id;
        if (id.isBlank() || !id.matches("[^\\[\\]\\s/]+") || file.contains("/") || file.isBlank() || file.chars().anyMatch(c -> c < 0x20)) {
            ctx.fail("name '" + id + "' and file '" + file + "' must be names: no blank, /, [ or ] (a repository id is one word)");
        }
        if (present && !ctx.has("baseurl") && !ctx.has("metalink") && !ctx.has("mirrorlist")) {
            ctx.fail("Parameter 'baseurl', 'metalink' or 'mirrorlist' is required.");
        }
        String dir = ctx.str("reposdir");
        RemoteFile folder = ctx.stat(dir);
        if (!folder.exists() && !ctx.predictedPaths().contains(dir) || folder.exists() && !"directory".equals(folder.type())) {
            ctx.fail("Repo directory '" + dir + "' does not exist.");
        }
        String dest = dir.replaceAll("/+$", "") + "/" + file + ".repo";
        RemoteFile found = ctx.stat(dest, true);
        String before = found.isFile() ? found.content() : "";
        RepoIni ini;
        try {
            ini = RepoIni.parse(dest, before);
        } catch (IllegalArgumentException e) {
            ctx.fail(e.getMessage() + " (fix or remove the file)");
            return;
        }
        String dumped = ini.dump();
        if (present) {
            ini.put(id, options(ctx));
        } else {
            ini.remove(id);
        }
        if (!ini.dump().equals(dumped)) {
            if (ini.isEmpty()) {
                ctx.converge("remove " + dest + ", left with no repository", new Diff(dest, before, ""),
                        () -> ctx.change(Cmd.of("rm", "-f", "--", dest)));
                ctx.predict(RemoteFile.absent(dest));
            } else {
                String after = ini.render();
                String mode = Attributes.mode(ctx);
                ctx.converge((found.exists() ? "update " : "create ") + dest + ": " + (present ? "set" : "remove") + " repository " + id,
                        new Diff(dest, before, after), () -> ctx.writeFile(dest, after, mode));
                ctx.predict(new RemoteFile(dest, "file", found.exists() ? found.owner() : "root", found.exists() ? found.group() : "root",
                        mode != null ? mode : found.exists() ? found.mode() : "0644", null, after));
            }
        }
        RemoteFile now = ctx.stat(dest);
        if (now.exists()) {
            Attributes.ensure(ctx, now, dest);
        }
    }

    /** The section's keys as Ansible sets them: sorted by key, booleans 1 or 0, lists joined. */
    private static Map<String, String> options(ModuleContext ctx) {
        Map<String, String> keys = new TreeMap<>();
        keys.put("name", one(ctx, "description", ctx.str("description")));
        for (String[] o : OPTIONS) {
            if (!ctx.has(o[0])) {
                continue;
            }
            String value;
            if (BOOLS.contains(o[0])) {
                value = ctx.bool(o[0]) ? "1" : "0";
            } else if (LISTS.contains(o[0])) {
                List<String> items = ctx.list(o[0]).stream().map(v -> one(ctx, o[0], String.valueOf(v))).toList();
                value = String.join(o[0].equals("baseurl") || o[0].equals("gpgkey") ? "\n" : " ", items);
            } else {
                value = one(ctx, o[0], ctx.str(o[0]));
            }
            keys.put(o[1], value);
        }
        return keys;
    }

    /** A value on one line: a line break would start another key of the file. */
    private static String one(ModuleContext ctx, String param, String value) {
        if (value.contains("\n") || value.contains("\r")) {
            ctx.fail(param + " must be one line (give baseurl and gpgkey several as a list)");
        }
        return value.strip();
    }
}
