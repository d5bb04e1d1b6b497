package io.gplay.modules.repos;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An apt source line, decided as Ansible's apt_repository (ansible-core 2.14, modules/apt_repository.py): every
 * one-line list of the host is read, a line already there (even commented out, which enables it) is enough, a new
 * one goes to sources.list.d/NAME.list named from its URI; only the files whose lines change are written, in
 * Ansible's form, and apt-get update runs after a change.
 */
public final class AptRepositoryModule implements Module {
    private static final String LISTS = "for f in " + AptSources.LIST + " " + AptSources.PARTS + "/*.list;"
            + " do [ -f \"$f\" ] && printf '%s\\n' \"$f\"; done; true";

    private static final ModuleSpec SPEC = new ModuleSpec("aptRepository", "Adds or removes an apt source line (sources.list.d/NAME.list).")
            .primary("repo")
            .param(Param.required("repo", ParamType.STRING, "the source line: deb [OPTIONS] URI SUITE [COMPONENT...] (deb-src too)"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the line should be in the host's lists"))
            .param(Param.optional("mode", ParamType.MODE, "0644", "the mode of the list file a new line is written to"))
            .param(Param.optional("filename", ParamType.STRING, null, "the list's name in sources.list.d, without .list (by default from the"
                    + " line's URI: download_docker_com_linux_debian); an absolute path (without .list) puts it there"))
            .param(Param.optional("updateCache", ParamType.BOOL, true, "run apt-get update when a list changed"))
            .param(Param.optional("updateCacheRetries", ParamType.INT, 5, "how many times apt-get update is tried"))
            .param(Param.optional("updateCacheRetryMaxDelay", ParamType.INT, 12, "the longest wait in seconds between tries (1, 2, 4... seconds)"))
            .checkMode("reads every list and predicts each file's new text with its diff, and the apt-get update; later tasks of the check run see the files")
            .notes("Changed means a list's lines changed, as in Ansible. A list that changes is written whole in Ansible's form; the"
                    + " other lists keep their bytes (Ansible rewrites every list it read). When apt-get update fails every try, the"
                    + " lists are put back as they were and the task fails, as in Ansible. Only one-line lists (.list) are read, as"
                    + " Ansible 2.14 does: a source in a deb822 .sources file is not seen.")
            .returns("repo", "str", "success", "the repo line given", "deb https://download.docker.com/linux/debian bookworm stable")
            .returns("state", "str", "success", "the state given", "present")
            .leavesOut("codename", "not built: ppa: repositories (Launchpad, Ubuntu) are not built, and codename is only theirs")
            .leavesOut("validateCerts", "not built: only a ppa: repository's Launchpad lookup fetches anything")
            .leavesOut("installPythonApt", "not needed: the lists are read and written without python-apt")
            .example("aptRepository 'deb [signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable'")
            .example("aptRepository 'deb http://archive.example.org/debian bookworm main', filename: 'example', updateCache: false")
            .example("aptRepository 'deb http://old.example.org/debian bookworm main', state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String repo = ctx.str("repo");
        ctx.set("repo", repo);
        ctx.set("state", ctx.str("state"));
        if (repo.isBlank()) {
            ctx.fail("Please set argument 'repo' to a non-empty value");
        }
        if (repo.strip().startsWith("ppa:")) {
            ctx.fail("ppa: repositories are not built in gplay: give the PPA's deb line, and its key with aptKey");
        }
        if (repo.strip().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            ctx.fail("repo must be one line: a newline would write a second line into the list");
        }
        AptSources.Line line = AptSources.Line.parse(repo);
        if (!line.valid() || !line.enabled()) {
            ctx.fail("Invalid repository string: " + repo.strip() + " (a line starts with deb or deb-src)");
        }
        String filename = ctx.str("filename");
        if (filename != null && (filename.isBlank() || filename.contains("/") && !filename.startsWith("/") || filename.contains("\n"))) {
            ctx.fail("filename '" + filename + "' must be a name in " + AptSources.PARTS + " or an absolute path");
        }
        AptSources sources = new AptSources();
        Map<String, RemoteFile> found = read(ctx, sources);
        Map<String, String> before = sources.dump();
        String appendedTo = null;
        if (ctx.str("state").equals("present")) {
            String file;
            try {
                file = AptSources.fileFor(line.source(), filename);
            } catch (IllegalArgumentException e) {
                ctx.fail(e.getMessage());
                return;
            }
            appendedTo = sources.add(line.source(), file);
        } else {
            sources.remove(line.source());
        }
        Map<String, String> after = sources.dump();
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String path : paths) {
            if (!after.getOrDefault(path, "").equals(before.getOrDefault(path, "")) || before.containsKey(path) != after.containsKey(path)) {
                changed.add(path);
            }
        }
        if (changed.isEmpty()) {
            ctx.msg(ctx.str("state").equals("present") ? "the line is in the host's apt lists" : "no enabled line of the host's apt lists is this one");
            return;
        }
        for (String path : changed) {
            write(ctx, path, found.get(path), after.get(path), path.equals(appendedTo) ? ctx.str("mode") : null);
        }
        if (ctx.bool("updateCache")) {
            ctx.converge("update the apt cache (apt-get update)", () -> update(ctx, changed, found));
        }
    }

    /** Loads every list of the host (or as this check run predicted it); returns them as found. */
    private static Map<String, RemoteFile> read(ModuleContext ctx, AptSources sources) {
        Set<String> paths = new LinkedHashSet<>(List.of(ctx.read(Cmd.of("sh", "-c", LISTS)).split("\n")));
        ctx.predictedPaths().stream().filter(p -> p.equals(AptSources.LIST) || p.startsWith(AptSources.PARTS + "/")
                && p.endsWith(".list") && p.indexOf('/', AptSources.PARTS.length() + 1) < 0).sorted().forEach(paths::add);
        Map<String, RemoteFile> found = new java.util.HashMap<>();
        for (String path : paths) {
            if (path.isEmpty()) {
                continue;
            }
            RemoteFile f = ctx.stat(path, true);
            if (f.isFile()) {
                sources.load(path, f.content());
                found.put(path, f);
            }
        }
        return found;
    }

    /** Writes a list's new text, or removes it when no line is left, as Ansible's save does. */
    private static void write(ModuleContext ctx, String path, RemoteFile was, String text, String mode) throws Exception {
        String before = was != null && was.isFile() ? was.content() : "";
        if (text == null) {
            ctx.converge("remove " + path + ", left with no line", new Diff(path, before, ""),
                    () -> ctx.change(Cmd.of("rm", "-f", "--", path)));
            ctx.predict(RemoteFile.absent(path));
            return;
        }
        ctx.converge((was == null ? "create " : "update ") + path, new Diff(path, before, text),
                () -> ctx.writeFile(path, text, mode));
        ctx.predict(new RemoteFile(path, "file", was == null ? "root" : was.owner(), was == null ? "root" : was.group(),
                mode != null ? mode : was == null ? "0644" : was.mode(), null, text));
    }

    /** apt-get update, tried as Ansible tries it; when every try fails, the lists as they were and a failure. */
    private static void update(ModuleContext ctx, List<String> changed, Map<String, RemoteFile> found) throws Exception {
        int tries = Math.max(1, ctx.integer("updateCacheRetries"));
        int maxDelay = ctx.integer("updateCacheRetryMaxDelay");
        double randomize = Math.random();
        String err = "";
        for (int retry = 0; retry < tries; retry++) {
            ExecResult r = ctx.attempt(Cmd.of("apt-get", "update", "-q"), null);
            if (r.ok()) {
                return;
            }
            err = r.reason();
            if (retry + 1 < tries) {
                Thread.sleep(Math.round((Math.min(Math.pow(2, retry), maxDelay) + randomize) * 1000));
            }
        }
        for (String path : changed) {
            RemoteFile was = found.get(path);
            if (was == null) {
                ctx.change(Cmd.of("rm", "-f", "--", path));
            } else {
                ctx.writeFile(path, was.content(), was.mode());
            }
        }
        ctx.fail("Failed to update apt cache: " + err + " (the lists are as they were)");
    }
}
