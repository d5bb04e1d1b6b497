package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The package module's work on apt: the cache's update, installs (a version as NAME=GLOB), upgrades to apt's
 * candidate, removals and a .deb file, decided as Ansible's apt (ansible-core 2.14, modules/apt.py) decides them,
 * from dpkg's database and apt-cache policy. Every command runs with LC_ALL=C, whose output is parsed.
 */
final class AptPackages {
    private static final Pattern URL = Pattern.compile("(?i)(https?|ftp|file)://.+");
    private static final String CACHE = "apt:cache";

    private final ModuleContext ctx;
    private final List<String> installed = new ArrayList<>();
    private final List<String> todo = new ArrayList<>();
    private final List<String> whyNot = new ArrayList<>();
    private boolean changed;

    AptPackages(ModuleContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        ctx.set("cache_updated", false);
        if (ctx.bool("updateCache") || ctx.has("cacheValidTime")) {
            updateCache(ctx.integer("cacheValidTime"));
        }
        String state = ctx.str("state");
        boolean purge = ctx.bool("purge");
        if (ctx.has("defaultRelease") && (ctx.str("defaultRelease").isEmpty() || ctx.str("defaultRelease").startsWith("-"))) {
            ctx.fail("defaultRelease '" + ctx.str("defaultRelease") + "' is no release: give a release name or codename, as bookworm-backports");
        }
        List<String> install = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (Object o : ctx.list("name")) {
            String spec = o.toString().strip();
            int eq = spec.indexOf('=');
            String name = eq < 0 ? spec : spec.substring(0, eq);
            String glob = eq < 0 ? null : spec.substring(eq + 1);
            if (name.isEmpty() || name.startsWith("-") || (glob != null && glob.isEmpty())) {
                ctx.fail("'" + spec + "' is no apt package: give NAME or NAME=VERSION (a glob: nginx=1.22*)");
            }
            String now = installedVersion(name);
            boolean matches = now != null && (glob == null || glob(glob).matcher(now).matches());
            if (now != null) {
                installed.add(name);
            }
            switch (state) {
                case "absent" -> {
                    String leftOver = purge && now == null ? configFilesVersion(name) : null;
                    if (matches) {
                        remove.add(name);
                        said.add(name + " " + now);
                    } else if (leftOver != null && (glob == null || glob(glob).matcher(leftOver).matches())) {
                        // Ansible's purge=yes: a package dpkg keeps only the config files of is still there to purge
                        remove.add(name);
                        said.add(name + " " + leftOver + " (config files)");
                    } else {
                        whyNot.add(name + (now == null ? " is not installed" : " " + now + " is not " + glob));
                    }
                }
                case "latest" -> {
                    if (glob != null) {
                        ctx.fail("'" + spec + "' names a version: state latest installs apt's candidate; say state: present to install " + glob);
                    }
                    String candidate = candidate(name);
                    if (now == null || !now.equals(candidate)) {
                        install.add(name);
                        said.add(name + (now == null ? " " + candidate : " " + now + " -> " + candidate));
                    } else {
                        whyNot.add(name + " " + now + " is apt's candidate");
                    }
                }
                default -> {
                    if (matches) {
                        whyNot.add(name + " " + now + " is installed");
                    } else {
                        install.add(spec);
                        said.add(spec + (now == null ? "" : " (" + now + " installed)"));
                    }
                }
            }
        }
        todo.addAll(install.stream().map(s -> s.contains("=") ? s.substring(0, s.indexOf('=')) : s).toList());
        todo.addAll(remove);
        if (!remove.isEmpty()) {
            aptGet((purge ? "purge " : "remove ") + String.join(", ", said), purge ? "remove --purge" : "remove", remove);
        }
        if (!install.isEmpty()) {
            aptGet((state.equals("latest") ? "install or upgrade " : "install ") + String.join(", ", said), "install", install);
            ctx.predictState(ServiceManager.PACKAGES_INSTALLED, "yes");
        }
        if (ctx.has("deb")) {
            deb(ctx.str("deb"));
        }
        ctx.set("installed", installed);
        ctx.set("packages", todo);
        if (!changed) {
            ctx.msg("nothing to do: " + String.join("; ", whyNot));
        }
    }

    /** apt-get update, unless the lists were updated less than validFor seconds ago (Ansible's cache_valid_time). */
    private void updateCache(Integer validFor) throws Exception {
        String[] times = ctx.read(Cmd.script("eval \"$(apt-config shell L Dir::State::lists/d)\"; date +%s; stat -c %Y \"$L\"")).strip().split("\\s+");
        long now = Long.parseLong(times[0]);
        String predicted = ctx.predictedState(CACHE);
        long updated = predicted != null ? Long.parseLong(predicted) : Long.parseLong(times[1]);
        if (validFor != null && updated + validFor >= now) {
            ctx.set("cache_update_time", updated);
            whyNot.add("the apt cache is " + (now - updated) + " s old, valid for " + validFor + " s");
            return;
        }
        changed = true;
        ctx.converge("update the apt cache" + (validFor == null ? "" : " (older than " + validFor + " s)"), () -> {
            ctx.change(Cmd.of("env", "LC_ALL=C", "apt-get", "-q", "update"));
            updated(ctx.read(Cmd.script("eval \"$(apt-config shell L Dir::State::lists/d)\"; stat -c %Y \"$L\"")).strip());
        });
        if (ctx.checkMode()) {
            ctx.predictState(CACHE, String.valueOf(now));
            updated(String.valueOf(now));
        }
        ctx.set("cache_updated", true);
    }

    private void updated(String epoch) {
        ctx.set("cache_update_time", Long.parseLong(epoch));
    }

    /** A .deb file (or URL, downloaded to a temporary file first, in check mode too) installed unless dpkg has its package at its version. */
    private void deb(String deb) throws Exception {
        boolean url = URL.matcher(deb).matches();
        if (!url && !deb.startsWith("/")) {
            ctx.fail("deb '" + deb + "' is neither an absolute path on the host nor an http, https, ftp or file URL");
        }
        String file = url ? download(deb) : deb;
        try {
            String[] fields = ctx.read(Cmd.of("dpkg-deb", "--field", file, "Package", "Version")).split("\n");
            String pkg = field(fields, "Package: ", deb);
            String version = field(fields, "Version: ", deb);
            String now = installedVersion(pkg);
            if (now != null) {
                installed.add(pkg);
            }
            if (version.equals(now)) {
                whyNot.add(pkg + " " + now + " (" + deb + ") is installed");
                return;
            }
            todo.add(pkg);
            aptGet("install " + deb + " (" + pkg + " " + version + (now == null ? "" : ", " + now + " installed") + ")", "install", List.of(file));
            ctx.predictState(ServiceManager.PACKAGES_INSTALLED, "yes");
        } finally {
            if (url) {
                ctx.probe(Cmd.of("rm", "-rf", "--", file.substring(0, file.lastIndexOf('/'))));
            }
        }
    }

    private String download(String url) {
        // apt-get takes a file for a .deb by its name: it goes in a folder of its own
        ExecResult r = ctx.probe(Cmd.of("sh", "-c", "d=$(mktemp -d /tmp/gplay-deb.XXXXXX) || exit 1;"
                + " curl -fsSL --url \"$1\" -o \"$d/package.deb\" && echo \"$d/package.deb\" || { rm -rf \"$d\"; exit 1; }", "sh", url));
        if (!r.ok()) {
            ctx.fail("cannot download deb " + url + ": " + r.reason());
        }
        return r.stdout().strip();
    }

    private String field(String[] fields, String prefix, String deb) {
        for (String f : fields) {
            if (f.startsWith(prefix)) {
                return f.substring(prefix.length()).strip();
            }
        }
        ctx.fail(deb + " has no " + prefix.strip() + " field: is it a .deb?");
        return null;
    }

    private void aptGet(String description, String verb, List<String> args) throws Exception {
        Cmd cmd = Cmd.of("env", "DEBIAN_FRONTEND=noninteractive", "LC_ALL=C", "apt-get", "-y", "-q");
        if (ctx.has("installRecommends")) {
            cmd = ctx.bool("installRecommends") ? cmd.raw("-o").raw("APT::Install-Recommends=true") : cmd.raw("--no-install-recommends");
        }
        if (ctx.bool("allowDowngrade")) {
            cmd = cmd.raw("--allow-downgrades");
        }
        if (ctx.has("defaultRelease") && verb.equals("install")) {
            cmd = cmd.raw("-t").arg(ctx.str("defaultRelease"));
        }
        Cmd line = cmd.raw(verb).raw("--").args(args);
        Cmd run = ctx.has("policyRcD") ? PolicyRcD.around(ctx.integer("policyRcD"), line) : line;
        changed = true;
        ctx.converge(description, () -> {
            ExecResult r = ctx.change(run);
            ctx.set("stdout", r.stdout().stripTrailing());
            ctx.set("stderr", r.stderr().stripTrailing());
        });
    }

    /** The version dpkg has installed, or null. */
    private String installedVersion(String name) {
        return dpkgVersion(name, "install ok installed");
    }

    /** The version of a package dpkg keeps only the config files of (removed, not purged), or null. */
    private String configFilesVersion(String name) {
        return dpkgVersion(name, "config-files");
    }

    private String dpkgVersion(String name, String status) {
        for (String line : ctx.probe(Cmd.of("dpkg-query", "-W", "-f=${Status}\t${Version}\n", "--", name)).stdout().split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2 && f[0].endsWith(status)) {
                return f[1];
            }
        }
        return null;
    }

    /** The version apt would install (apt-cache policy's Candidate); fails when apt knows none. */
    private String candidate(String name) {
        for (String line : ctx.probe(candidatePolicy(name)).stdout().split("\n")) {
            String l = line.strip();
            if (l.startsWith("Candidate:") && !l.endsWith("(none)")) {
                return l.substring("Candidate:".length()).strip();
            }
        }
        ctx.fail("no package matching '" + name + "' is available (apt-cache policy has no candidate; updateCache: true?)");
        return null;
    }

    /** apt-cache policy, with the task's default release when it names one (as apt-get -t sees it). */
    private Cmd candidatePolicy(String name) {
        Cmd cmd = Cmd.of("env", "LC_ALL=C", "apt-cache");
        if (ctx.has("defaultRelease")) {
            cmd = cmd.raw("-o").arg("APT::Default-Release=" + ctx.str("defaultRelease"));
        }
        return cmd.raw("policy").raw("--").arg(name);
    }

    /** apt's version glob (fnmatch: * and ?) as a pattern. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
