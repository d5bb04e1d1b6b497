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

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An apt source in deb822 form, /etc/apt/sources.list.d/SLUG.sources, decided as Ansible's deb822_repository
 * (ansible-core 2.15, modules/deb822_repository.py; 2.14 has none): the stanza from the parameters given, its
 * signed_by key a host file, inline text, or a URL downloaded to /etc/apt/keyrings/SLUG.asc (or .gpg).
 */
public final class Deb822RepositoryModule implements Module {
    /** The fields after X-Repolib-Name, in the order they are written: gplay's name, then Ansible's. */
    private static final String[][] FIELDS = {
            {"types", "types"}, {"uris", "uris"}, {"suites", "suites"}, {"components", "components"}, {"architectures", "architectures"},
            {"signedBy", "signed_by"}, {"enabled", "enabled"}, {"trusted", "trusted"}, {"allowDowngradeToInsecure", "allow_downgrade_to_insecure"},
            {"allowInsecure", "allow_insecure"}, {"allowWeak", "allow_weak"}, {"byHash", "by_hash"}, {"checkDate", "check_date"},
            {"checkValidUntil", "check_valid_until"}, {"dateMaxFuture", "date_max_future"}, {"inreleasePath", "inrelease_path"},
            {"languages", "languages"}, {"pdiffs", "pdiffs"}, {"targets", "targets"}};
    private static final List<String> LISTS = List.of("types", "uris", "suites", "components", "architectures", "languages", "targets");
    private static final String KEYRINGS = "/etc/apt/keyrings";
    /** The key at the URL ($1 its destination without extension): prints its extension and sha256; with $2 = install, installs it. */
    private static final String KEY = "t=$(mktemp) || exit 1; trap 'rm -f \"$t\"' EXIT; curl -K - -o \"$t\" || exit 1;"
            + " if grep -q -e '-----BEGIN PGP PUBLIC KEY BLOCK-----' \"$t\"; then e=asc; else e=gpg; fi;"
            + " if [ \"$2\" = install ]; then mkdir -p -m 0755 " + KEYRINGS + " && install -m 0644 \"$t\" \"$1.$e\"; else"
            + " echo \"$e\"; [ -s \"$t\" ] && sha256sum < \"$t\" | cut -d' ' -f1;"
            + " sha256sum < \"$1.$e\" 2>/dev/null | cut -d' ' -f1; stat -c %a \"$1.$e\" 2>/dev/null; fi; true";

    private static final ModuleSpec SPEC = buildSpec();

    private static ModuleSpec buildSpec() {
        ModuleSpec s = new ModuleSpec("deb822Repository", "Adds or removes an apt source in deb822 form (sources.list.d/NAME.sources).")
                .primary("name")
                .param(Param.required("name", ParamType.STRING, "the source's name (X-Repolib-Name); the file is named from it: 'Docker CE' is docker-ce.sources"))
                .param(Param.choice("state", "present", List.of("present", "absent"), "absent removes the file and its downloaded key"))
                .param(Param.optional("mode", ParamType.MODE, "0644", "the file's mode"));
        for (String[] f : FIELDS) {
            String doc = "the " + field(f[1]) + " field";
            if (f[0].equals("types")) {
                s.param(Param.optional("types", ParamType.LIST, List.of("deb"), doc + ": deb, deb-src or both"));
            } else if (f[0].equals("signedBy")) {
                s.param(Param.optional("signedBy", ParamType.STRING, null, doc + ": a key file of the host, the key's armored text, or a URL"
                        + " the host downloads it from to " + KEYRINGS + "/SLUG.asc (.gpg for a binary key)"));
            } else if (LISTS.contains(f[0])) {
                s.param(Param.optional(f[0], ParamType.LIST, null, doc + " (a list, written blank-separated)"));
            } else if (f[0].equals("dateMaxFuture")) {
                s.param(Param.optional(f[0], ParamType.INT, null, doc));
            } else if (f[0].equals("inreleasePath")) {
                s.param(Param.optional(f[0], ParamType.STRING, null, doc));
            } else {
                s.param(Param.optional(f[0], ParamType.BOOL, null, doc + " (yes or no)"));
            }
        }
        return s.checkMode("predicts the file, its diff and the key's download; later tasks of the check run see the file")
                .notes("The fields are written X-Repolib-Name first, then in the order of the parameters above; Ansible writes them in the"
                        + " order the task gives them, its defaulted Types last. A file holding the same fields in another order is left"
                        + " as it is (a file Ansible wrote converges unchanged); the file written is Ansible's for a task giving name,"
                        + " types, uris, suites, components, architectures, signed_by in that order.")
                .returns("repo", "str", "success", "the file's text (none for state: absent)", "X-Repolib-Name: debian\\nTypes: deb\\n...")
                .returns("dest", "str", "success", "the sources file", "/etc/apt/sources.list.d/debian.sources")
                .returns("key_filename", "str", "success", "the key file: signed_by's own, or the one a URL's key was downloaded to; none for inline text", "/etc/apt/keyrings/debian.asc")
                .example("deb822Repository 'docker', types: ['deb'], uris: ['https://download.docker.com/linux/debian'], suites: ['bookworm'],"
                        + " components: ['stable'], signedBy: 'https://download.docker.com/linux/debian/gpg'")
                .example("deb822Repository 'docker', state: 'absent'");
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** Ansible's format_field_name. */
    private static String field(String ansibleName) {
        if (ansibleName.equals("uris")) {
            return "URIs";
        }
        StringBuilder b = new StringBuilder();
        for (String w : ansibleName.split("_")) {
            b.append(b.length() > 0 ? "-" : "").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        String slug = name.toLowerCase().replaceAll("[_\\s]+", "-").replaceAll("[^a-z0-9-]+", "");
        if (slug.isEmpty()) {
            ctx.fail("name '" + name + "' gives no file name: the file is named from its letters, digits and -");
        }
        String dest = AptSources.PARTS + "/" + slug + ".sources";
        String keyBase = KEYRINGS + "/" + slug;
        ctx.set("dest", dest);
        RemoteFile found = ctx.stat(dest, true);
        if (ctx.str("state").equals("absent")) {
            ctx.set("repo", null);
            ctx.set("key_filename", keyBase + ".gpg");
            for (String path : List.of(dest, keyBase + ".asc", keyBase + ".gpg")) {
                RemoteFile f = path.equals(dest) ? found : ctx.stat(path);
                if (f.exists()) {
                    if (path.equals(dest) && f.isFile()) {
                        ctx.converge("remove " + path, new Diff(path, f.content(), ""), () -> ctx.change(Cmd.of("rm", "-f", "--", path)));
                    } else {
                        ctx.converge("remove " + path, () -> ctx.change(Cmd.of("rm", "-f", "--", path)));
                    }
                    ctx.predict(RemoteFile.absent(path));
                }
            }
            return;
        }
        if (!ctx.list("types").stream().allMatch(t -> t.equals("deb") || t.equals("deb-src"))) {
            ctx.fail("types must be deb or deb-src, got " + ctx.list("types"));
        }
        Deb822Source source = new Deb822Source();
        source.put("X-Repolib-Name", name);
        String keyFile = null;
        for (String[] f : FIELDS) {
            if (!ctx.has(f[0])) {
                continue;
            }
            Object v = ctx.get(f[0]);
            String value;
            if (v instanceof Boolean b) {
                value = b ? "yes" : "no";
            } else if (v instanceof List<?> l) {
                value = String.join(" ", l.stream().map(String::valueOf).toList());
            } else if (f[0].equals("signedBy")) {
                value = String.valueOf(v);
                if (!value.contains("\n") && value.startsWith("/") && ctx.stat(value).isFile()) {
                    keyFile = value;
                } else if (!value.contains("\n") && value.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                    keyFile = downloadKey(ctx, value, keyBase);
                    value = keyFile == null ? value : keyFile;
                }
            } else {
                value = String.valueOf(v);
            }
            if (f[0].equals("types") || f[0].equals("uris") || f[0].equals("suites") || f[0].equals("components")) {
                value = oneLine(ctx, f[0], value);
            }
            source.put(field(f[1]), value);
        }
        ctx.set("key_filename", keyFile);
        String text = source.render();
        ctx.set("repo", text);
        String mode = ctx.str("mode");
        String before = found.isFile() ? found.content() : "";
        if (!text.equals(before) && !source.fields().equals(Deb822Source.parse(before))) {
            ctx.converge((found.exists() ? "update " : "create ") + dest, new Diff(dest, before, text), () -> ctx.writeFile(dest, text, mode));
            ctx.predict(new RemoteFile(dest, "file", "root", "root", mode, null, text));
        } else if (Integer.parseInt(found.mode(), 8) != Integer.parseInt(mode, 8)) {
            ctx.converge("set mode of " + dest + " from " + found.mode() + " to " + mode, () -> ctx.change(Cmd.of("chmod", "--", mode, dest)));
        }
    }

    private static String oneLine(ModuleContext ctx, String param, String value) {
        if (value.contains("\n")) {
            ctx.fail(param + " must be one line: a list of words");
        }
        return value;
    }

    /** The key at the URL in KEYRINGS/SLUG.asc (or .gpg), when it differs; its file, or null when the URL gave nothing. */
    private static String downloadKey(ModuleContext ctx, String url, String keyBase) throws Exception {
        byte[] request = curlConfig(url);
        ExecResult r = ctx.probe(Cmd.of("sh", "-c", KEY, "deb822Repository", keyBase, "read"), request);
        String[] out = r.stdout().split("\n");
        if (!r.ok() || out.length < 1 || out[0].isBlank()) {
            ctx.fail("Could not fetch signed_by key: " + r.reason());
        }
        if (out.length < 2) {
            return null; // nothing downloaded: the URL itself goes in the field, as in Ansible
        }
        String file = keyBase + "." + out[0];
        String predicted = ctx.predictedState("deb822Key:" + file);
        boolean same = predicted != null ? predicted.equals(out[1]) : out.length > 2 && out[1].equals(out[2]);
        if (!same) {
            ctx.converge("download the key " + url + " to " + file, () -> {
                ExecResult done = ctx.attempt(Cmd.of("sh", "-c", KEY, "deb822Repository", keyBase, "install"), request);
                if (!done.ok()) {
                    ctx.fail("Could not fetch signed_by key: " + done.reason());
                }
            });
            ctx.predictState("deb822Key:" + file, out[1]);
        } else if (out.length > 3 && !out[3].equals("644")) {
            ctx.converge("set mode of " + file + " from " + out[3] + " to 0644", () -> ctx.change(Cmd.of("chmod", "0644", "--", file)));
        }
        return file;
    }

    private static byte[] curlConfig(String url) {
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new io.gplay.engine.module.ModuleFailure("the signed_by URL has a control character");
        }
        return ("silent\nshow-error\nfail\nlocation\nurl = \"" + url.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
