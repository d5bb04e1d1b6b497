package io.gplay.modules.files;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Downloads a URL to a file on the host with the host's curl (Ansible's get_url): only when the file is missing,
 * its checksum differs from the one given, or with force when what the URL serves differs.
 */
public final class GetUrlModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("getUrl",
            "Downloads a URL to a file on the host, with the host's curl, as Ansible's get_url: an existing file is kept unless its checksum differs from checksum, or force is set and the URL serves other bytes.")
            .param(Param.required("url", ParamType.STRING, "http, https or ftp URL"))
            .param(Param.required("dest", ParamType.PATH, "the file on the host; a folder takes the URL's last name"))
            .param(Param.optional("checksum", ParamType.STRING, null, "ALGORITHM:HEX (sha256:9f86d08...): the download must have it, and an existing file that has it is kept"))
            .param(Param.optional("force", ParamType.BOOL, false, "download even when the file exists, and replace it when the bytes differ"))
            .param(Param.optional("headers", ParamType.MAP, null, "request headers, name: value"))
            .param(Param.optional("urlUsername", ParamType.STRING, null, "user for HTTP basic authentication"))
            .param(Param.optional("urlPassword", ParamType.STRING, null, "its password: fed to curl on its standard input, never on a command line"))
            .param(Param.optional("timeout", ParamType.INT, 10, "seconds to wait for the connection"))
            .param(Param.optional("validateCerts", ParamType.BOOL, true, "check the server's TLS certificate"))
            .param(FileContent.BACKUP)
            .params(Attributes.PARAMS)
            .primary("url")
            .checkMode("predicts the download from the file as found and the checksum given; with force it reads what the URL"
                    + " serves (a GET, nothing written) to compare; a later task of the check run sees the file as downloaded")
            .returns("dest", "string", "success", "the file downloaded to", "/usr/local/bin/composer")
            .returns("url", "string", "success", "the URL", "https://getcomposer.org/installer")
            .returns("checksum_dest", "string", "when the file existed", "the sha1 of the file as it was", "2a1e...")
            .returns("checksum_src", "string", "when downloaded", "the sha1 of what was downloaded", "2a1e...")
            .returns("size", "int", "when downloaded", "bytes downloaded", "2048")
            .returns("status_code", "int", "when downloaded", "the HTTP status of the download", "200")
            .returns("backup_file", "string", "changed and backup: true", "the copy of the file kept before the change", "/usr/local/bin/composer.20261207-101010~")
            .leavesOut("force_basic_auth", "credentials are sent as curl sends them: basic authentication at the first request")
            .leavesOut("tmp_dest", "the download goes to a temporary file beside dest, renamed over it")
            .leavesOut("use_proxy", "curl takes the host's proxy variables as they are")
            .leavesOut("client_cert", "client certificates are not sent")
            .leavesOut("client_key", "client certificates are not sent")
            .leavesOut("http_agent", "give a User-Agent in headers")
            .leavesOut("use_netrc", "curl reads no .netrc")
            .leavesOut("decompress", "the bytes are kept as served")
            .leavesOut("unredirected_headers", "redirects are followed with the same headers")
            .leavesOut("ciphers", "curl's defaults")
            .leavesOut("use_gssapi", "no Kerberos")
            .leavesOut("others", "Ansible's file parameters are mode, owner and group here")
            .example("getUrl 'https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz',"
                    + " dest: '/tmp/node_exporter.tar.gz', checksum: 'sha256:6809dd0b3ec45fd6e992c19071d6b5253aed3ead7bf0686885a51d85c6643c66'")
            .example("getUrl 'https://getcomposer.org/installer', dest: '/tmp/composer-installer.php', mode: '0755'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        ctx.requireProgram("curl", "install curl to download with getUrl");
        CurlConfig request = CurlConfig.of(ctx, true).flag("fail");
        String url = ctx.str("url");
        String dest = ctx.str("dest");
        RemoteFile found = ctx.stat(dest, false);
        if (found.type().equals("directory")) {
            String name = URI.create(url.replace(" ", "%20")).getPath();
            name = name == null ? "" : name.substring(name.lastIndexOf('/') + 1);
            if (name.isEmpty()) {
                ctx.fail("dest " + dest + " is a folder and the URL " + url + " names no file: give dest a file name");
            }
            dest = dest.replaceAll("/+$", "") + "/" + name;
            found = ctx.stat(dest, false);
        }
        String[] wanted = checksum(ctx);
        if (found.exists() && !found.isFile()) {
            ctx.fail(dest + " is a " + found.type() + ", not a file");
        }
        String destSha1 = found.isFile() ? Digests.of(ctx, dest, "sha1") : null;
        boolean download = !found.exists()
                || wanted != null && !wanted[1].equals(Digests.of(ctx, dest, wanted[0]))
                || wanted == null && ctx.bool("force") && !served(ctx, request).equals(destSha1);
        ctx.set("dest", dest);
        ctx.set("url", url);
        if (destSha1 != null) {
            ctx.set("checksum_dest", destSha1);
        }
        if (download) {
            String path = dest;
            boolean existed = found.exists();
            ctx.converge((existed ? "download again " : "download ") + url + " to " + dest, () -> {
                if (ctx.bool("backup") && existed) {
                    ctx.set("backup_file", ctx.backup(path));
                }
                fetch(ctx, request, path, wanted);
            });
            String mode = Attributes.mode(ctx);
            ctx.predict(new RemoteFile(dest, "file", found.owner(), found.group(),
                    mode != null ? mode : existed ? found.mode() : "644", null, null));
        }
        Attributes.ensure(ctx, found, dest);
    }

    /** The checksum asked for, as {algorithm, lower-case hex}; null when none is. */
    private static String[] checksum(ModuleContext ctx) {
        if (!ctx.has("checksum")) {
            return null;
        }
        String[] parts = ctx.str("checksum").split(":", 2);
        String alg = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length != 2 || !PathFacts.CHECKSUMS.contains(alg) || !parts[1].matches("[0-9a-fA-F]+")) {
            ctx.fail("checksum '" + ctx.str("checksum") + "' is not ALGORITHM:HEX with an algorithm of " + PathFacts.CHECKSUMS
                    + " (a checksum file's URL is not read: give the sum itself)");
        }
        return new String[]{alg, parts[1].toLowerCase(Locale.ROOT)};
    }

    /** The sha1 of what the URL serves now, read without writing anything. */
    private static String served(ModuleContext ctx, CurlConfig request) {
        ExecResult r = ctx.probe(Cmd.of("sh", "-c", "curl -K - -o - | sha1sum"), request.bytes());
        if (r.stderr().contains("curl:")) {
            ctx.fail("cannot download " + ctx.str("url") + ": " + r.stderr().strip());
        }
        return r.stdout().split(" ")[0];
    }

    /**
     * Downloads to a temporary file beside dest, checks the checksum asked for, gives it the mode (or the old
     * file's owner and mode) and renames it over dest; a failed or refused download leaves dest as it was.
     */
    private static void fetch(ModuleContext ctx, CurlConfig request, String dest, String[] wanted) {
        String script = "set -e; f=\"$1\"; m=\"$2\"; case $f in */*) d=${f%/*} ;; *) d=. ;; esac;"
                + " t=$(mktemp \"$d/.gplay.XXXXXX\"); trap 'rm -f \"$t\"' EXIT; trap 'exit 1' HUP INT TERM PIPE;"
                + " code=$(curl -K - -o \"$t\" -w '%{http_code}');"
                + " if [ -n \"$3\" ]; then got=$(\"$3sum\" < \"$t\" | cut -d' ' -f1);"
                + " [ \"$got\" = \"$4\" ] || { echo \"the download's $3 is $got, not $4: nothing written\" >&2; exit 1; }; fi;"
                + " if [ -e \"$f\" ]; then chown --reference=\"$f\" \"$t\" 2>/dev/null || true;"
                + " chmod \"${m:---reference=$f}\" \"$t\"; else chmod \"${m:-644}\" \"$t\"; fi;"
                + " echo \"$code\"; wc -c < \"$t\"; sha1sum < \"$t\" | cut -d' ' -f1; mv -f \"$t\" \"$f\"; trap - EXIT";
        String mode = Attributes.mode(ctx);
        ExecResult r = ctx.attempt(Cmd.of("sh", "-c", script, "getUrl", dest, mode == null ? "" : mode,
                wanted == null ? "" : wanted[0], wanted == null ? "" : wanted[1]), request.bytes());
        if (!r.ok()) {
            ctx.fail("cannot download " + ctx.str("url") + " to " + dest + ": " + r.reason());
        }
        List<String> out = r.stdout().lines().toList();
        ctx.set("status_code", Integer.parseInt(out.get(0).strip()));
        ctx.set("size", Long.parseLong(out.get(1).strip()));
        ctx.set("checksum_src", out.get(2).strip());
        ctx.msg("OK (" + out.get(1).strip() + " bytes)");
    }
}
