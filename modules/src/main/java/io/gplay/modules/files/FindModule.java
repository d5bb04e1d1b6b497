package io.gplay.modules.files;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.HostText;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.Operand;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lists the files under folders that pass tests of name, type, age, size and content (Ansible's find); changes nothing. */
public final class FindModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("find",
            "Lists files under folders by name, type, age, size or content, as Ansible's find: register it and loop over result.files.")
            .param(Param.required("paths", ParamType.LIST, "the folders to look in"))
            .param(Param.optional("patterns", ParamType.LIST, null, "the names to take: globs ('*.conf'), or regular expressions with useRegex; a comma separates several in one text"))
            .param(Param.optional("excludes", ParamType.LIST, null, "the names to leave, as patterns"))
            .param(Param.optional("useRegex", ParamType.BOOL, false, "patterns and excludes are Java regular expressions matched from the name's start"))
            .param(Param.optional("contains", ParamType.REGEX, null, "regular files only, with a line starting with a match (anywhere in the file with readWholeFile)"))
            .param(Param.optional("readWholeFile", ParamType.BOOL, false, "contains is searched in the whole file, multiline"))
            .param(Param.choice("fileType", "file", List.of("file", "directory", "link", "any"), "the type of entry to take"))
            .param(Param.optional("recurse", ParamType.BOOL, false, "look into subfolders"))
            .param(Param.optional("depth", ParamType.INT, null, "with recurse, how many levels down (1: the folder's own entries)"))
            .param(Param.optional("hidden", ParamType.BOOL, false, "take names starting with a dot"))
            .param(Param.optional("follow", ParamType.BOOL, false, "follow symbolic links"))
            .param(Param.optional("age", ParamType.STRING, null, "at least this old (or at most, when negative): seconds, or a number and s, m, h, d or w"))
            .param(Param.choice("ageStamp", "mtime", List.of("mtime", "atime", "ctime"), "the time age is measured from"))
            .param(Param.optional("size", ParamType.STRING, null, "regular files at least this big (or at most, when negative): bytes, or a number and b, k, m, g or t"))
            .param(Param.optional("getChecksum", ParamType.BOOL, false, "give each regular file's sha1 checksum"))
            .primary("paths")
            .checkMode("reads in check mode as in a real run; a path an earlier task of the check run would create or"
                    + " change under the folders is taken as that task predicts it")
            .returns("files", "list", "success", "the entries found, each with stat's facts (path, mode, isdir, isreg,"
                    + " islnk, uid, gid, pw_name, gr_name, size, mtime, atime, ctime, inode, dev, nlink, rusr...xoth;"
                    + " checksum with getChecksum)", "[{path: '/etc/yum.repos.d/epel.repo', mode: '0644', size: 1050}]")
            .returns("matched", "int", "success", "how many entries were found", "14")
            .returns("examined", "int", "success", "how many entries were looked at", "34")
            .returns("skipped_paths", "map", "success", "the paths of paths that were not looked in, with why", "{'/nope': 'not a folder'}")
            .leavesOut("checksum_algorithm", "the checksum is sha1, as Ansible's default")
            .leavesOut("encoding", "content is read as its bytes are (UTF-8, other bytes kept)")
            .leavesOut("exact_mode", "mode is given as found, not compared")
            .leavesOut("mode", "entries are not chosen by their mode")
            .leavesOut("limit", "every entry found is given")
            .example("find 'repository files', paths: '/etc/yum.repos.d', patterns: '*.repo', register: 'repos'")
            .example("find 'old logs', paths: ['/var/log/app'], patterns: '*.log', age: '4w', recurse: true, register: 'old'");

    /** find's -printf fields, NUL-ended: a tag, then what {@link PathFacts#FORMAT} has, then the path. */
    private static final String PRINTF = "e\\0%y\\0%m\\0%U\\0%G\\0%u\\0%g\\0%s\\0%T@\\0%A@\\0%C@\\0%i\\0%D\\0%n\\0%p\\0";
    private static final int FIELDS = 14;

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        List<String> paths = new ArrayList<>();
        for (Object p : ctx.list("paths")) {
            paths.add(Operand.of(ctx, "paths", p));
        }
        int depth = ctx.bool("recurse") ? (ctx.has("depth") ? ctx.integer("depth") : Integer.MAX_VALUE) : 1;
        FindFilters filters = new FindFilters(ctx);
        String script = "date +%s; d=\"$1\"; L=\"$2\"; shift 2; for p in \"$@\"; do"
                + " if [ -d \"$p\" ]; then if [ \"$L\" = 1 ]; then find -L \"$p\" -mindepth 1 -maxdepth \"$d\" -printf '" + PRINTF + "';"
                + " else find \"$p\" -mindepth 1 -maxdepth \"$d\" -printf '" + PRINTF + "'; fi;"
                + " elif [ -e \"$p\" ]; then printf 's\\0%s\\0' \"$p\"; else printf 'm\\0%s\\0' \"$p\"; fi; done";
        ExecResult r = ctx.probe(Cmd.of("sh", "-c", script, "find", Math.min(depth, 1_000_000), ctx.bool("follow") ? "1" : "0").args(paths));
        String out = r.stdout();
        int nl = out.indexOf('\n');
        if (nl < 0) {
            ctx.fail("cannot look in " + paths + ": " + r.reason());
        }
        long now = Long.parseLong(out.substring(0, nl).strip());
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        Map<String, Object> skipped = new LinkedHashMap<>();
        String[] f = out.substring(nl + 1).split("\0", -1);
        for (int i = 0; i + 1 < f.length; ) {
            if (f[i].equals("e")) {
                String path = f[i + FIELDS];
                entries.put(path, entry(f, i + 1));
                i += FIELDS + 1;
            } else {
                skipped.put(f[i + 1], f[i].equals("s") ? "not a folder" : "does not exist");
                i += 2;
            }
        }
        Map<String, String> predictedText = predicted(ctx, paths, depth, entries);
        List<Map<String, Object>> candidates = new ArrayList<>();
        String stamp = ctx.str("ageStamp");
        for (Map<String, Object> e : entries.values()) {
            String path = (String) e.get("path");
            long stampAt = e.get(stamp) instanceof Long t ? t : now; // a predicted change happens now
            if (filters.passes(path.substring(path.lastIndexOf('/') + 1), e, now - stampAt)) {
                candidates.add(e);
            }
        }
        List<Map<String, Object>> files = content(ctx, filters, candidates, predictedText);
        ctx.set("files", files);
        ctx.set("matched", files.size());
        ctx.set("examined", entries.size());
        ctx.set("skipped_paths", skipped);
        ctx.msg(files.size() + " of " + entries.size() + " entries found");
    }

    /** One entry's facts from find's fields at {@code at} (type letter, octal mode, then as PathFacts reads them). */
    private static Map<String, Object> entry(String[] f, int at) {
        int type = switch (f[at]) {
            case "d" -> 0040000;
            case "l" -> 0120000;
            case "b" -> 0060000;
            case "c" -> 0020000;
            case "p" -> 0010000;
            case "s" -> 0140000;
            default -> 0100000;
        };
        int raw = type | Integer.parseInt(f[at + 1], 8);
        List<String> lines = new ArrayList<>(List.of(Integer.toHexString(raw)));
        for (int k = at + 2; k < at + 13; k++) {
            String v = f[k];
            lines.add(k >= at + 7 && k <= at + 9 ? v.substring(0, v.indexOf('.') < 0 ? v.length() : v.indexOf('.')) : v);
        }
        Map<String, Object> facts = PathFacts.of(f[at + 13], lines);
        facts.remove("exists");
        return facts;
    }

    /**
     * In check mode, the paths earlier tasks would change under the folders, put in place of (or beside) what
     * the host has; their predicted text, by path, for the content tests.
     */
    private static Map<String, String> predicted(ModuleContext ctx, List<String> folders, int depth,
                                                 Map<String, Map<String, Object>> entries) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String path : ctx.predictedPaths()) {
            for (String folder : folders) {
                String base = folder.endsWith("/") ? folder : folder + "/";
                if (!path.startsWith(base) || path.substring(base.length()).split("/").length > depth) {
                    continue;
                }
                RemoteFile p = ctx.stat(path);
                if (!p.exists()) {
                    entries.remove(path);
                } else {
                    Map<String, Object> facts = PathFacts.predicted(p, null);
                    facts.remove("exists");
                    entries.put(path, facts);
                    if (p.isFile() && p.content() != null) {
                        texts.put(path, p.content());
                    }
                }
            }
        }
        return texts;
    }

    /** The candidates whose content passes contains, with checksums when asked; file texts read in one command. */
    private static List<Map<String, Object>> content(ModuleContext ctx, FindFilters filters,
                                                     List<Map<String, Object>> candidates, Map<String, String> predicted) {
        boolean checksum = ctx.bool("getChecksum");
        if (!checksum && !filters.readsContent()) {
            return candidates;
        }
        List<String> toRead = candidates.stream().filter(e -> Boolean.TRUE.equals(e.get("isreg")))
                .map(e -> (String) e.get("path")).filter(p -> !predicted.containsKey(p)).toList();
        Map<String, String> texts = new LinkedHashMap<>(predicted);
        if (!toRead.isEmpty()) {
            String[] b64 = ctx.probe(Cmd.of("sh", "-c", "for f in \"$@\"; do base64 -w0 -- \"$f\" 2>/dev/null || printf '!'; echo; done",
                    "read").args(toRead)).stdout().split("\n", -1);
            for (int i = 0; i < toRead.size(); i++) {
                String line = i < b64.length ? b64[i] : "!";
                if (!line.endsWith("!")) { // a file this user cannot read has no text to test
                    texts.put(toRead.get(i), HostText.decode(Base64.getDecoder().decode(line)));
                }
            }
        }
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> e : candidates) {
            String text = texts.get((String) e.get("path"));
            if (filters.readsContent() && (text == null || !filters.contentMatches(text))) {
                continue;
            }
            if (checksum && text != null) {
                e.put("checksum", PathFacts.checksum(HostText.encode(text), "sha1"));
            }
            kept.add(e);
        }
        return kept;
    }
}
