package io.gplay.modules.repos;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A key in apt's keyring, decided as Ansible's apt_key (ansible-core 2.14, modules/apt_key.py) with the host's
 * apt-key: the key's id (given, or read by gpg from the key), compared with {@code apt-key adv --list-public-keys}
 * on its last 16 hex digits (8 when the id given has 8), added with {@code apt-key add}, fetched with
 * {@code apt-key adv --recv}, removed with {@code apt-key del}; {@code --keyring} for another keyring.
 */
public final class AptKeyModule implements Module {
    /** The key at the URL (on standard input, as curl's config) in a temporary file, then the rest of the line on it as "$t". */
    private static final String DOWNLOADED = "t=$(mktemp) || exit 1; trap 'rm -f \"$t\"' EXIT; curl -K - -o \"$t\" || exit 1; ";

    private static final ModuleSpec SPEC = new ModuleSpec("aptKey", "Adds or removes a key in apt's keyring (apt-key).")
            .param(Param.optional("id", ParamType.STRING, null, "the key's id: 8, 16 or more hex digits (0x allowed); required with keyserver"))
            .param(Param.optional("url", ParamType.STRING, null, "a URL the host downloads the key from"))
            .param(Param.optional("data", ParamType.STRING, null, "the key's armored text"))
            .param(Param.optional("file", ParamType.PATH, null, "a key file of the host"))
            .param(Param.optional("keyserver", ParamType.STRING, null, "a keyserver to fetch the key id from (apt-key adv --recv)"))
            .param(Param.optional("keyring", ParamType.PATH, null, "the keyring file instead of apt's (/etc/apt/trusted.gpg)"))
            .param(Param.optional("validateCerts", ParamType.BOOL, true, "check the TLS certificate of the URL"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the key should be in the keyring"))
            .exclusive("data", "file", "keyserver", "url")
            .checkMode("reads the key and the keyring as a real run does and predicts the keyring's keys after; later tasks of the check run see them")
            .notes("Changed means the key was added or removed, as in Ansible. apt-key is deprecated in Debian since bookworm (12), its"
                    + " last release to ship it: a key in /etc/apt/keyrings named by a source's signed-by is its successor (getUrl, deb822Repository).")
            .returns("before", "list", "success", "the keyring's key ids before the task", "[3B4FE6ACC0B21F32, D94AA3F0EFE21092]")
            .returns("after", "list", "changed", "the keyring's key ids after the task", "[D8576A8BA88D21E9, 3B4FE6ACC0B21F32]")
            .returns("id", "str", "success", "the key id given or read from the key", "36A1D7869245C8950F966E92D8576A8BA88D21E9")
            .returns("key_id", "str", "success", "the key id, upper case, without 0x", "36A1D7869245C8950F966E92D8576A8BA88D21E9")
            .returns("fp", "str", "success", "the id's last 16 hex digits, compared with the keyring's", "D8576A8BA88D21E9")
            .returns("short_id", "str", "success", "the id's last 8 hex digits", "A88D21E9")
            .example("aptKey url: 'https://download.docker.com/linux/debian/gpg', id: '9DC858229FC7DD38854AE2D88D81803C0EBFCD88'")
            .example("aptKey id: '0EBFCD88', keyserver: 'keyserver.ubuntu.com', keyring: '/etc/apt/trusted.gpg.d/docker.gpg'")
            .example("aptKey id: '0EBFCD88', state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        ctx.requireProgram("apt-key", "apt-key ships with apt up to Debian 12 and Ubuntu 24.04");
        String keyserver = ctx.str("keyserver");
        if (keyserver != null && (keyserver.startsWith("-") || !keyserver.matches("\\S+"))) {
            ctx.fail("keyserver '" + keyserver + "' is no keyserver: one word, not starting with '-'");
        }
        String given = ctx.str("id");
        if (given == null) {
            if (keyserver != null) {
                ctx.fail("Missing key_id, required with keyserver.");
            }
            given = keyIdOfSource(ctx);
        }
        ctx.set("id", given);
        String keyId = PublicKey.normalize(given);
        if (!keyId.matches("[0-9A-F]{8}|[0-9A-F]{16,}")) {
            ctx.fail("Invalid key_id " + given + ": 8, 16 or more hex digits");
        }
        String shortId = keyId.substring(keyId.length() - 8);
        String fp = keyId.length() > 16 ? keyId.substring(keyId.length() - 16) : keyId;
        boolean shortFormat = keyId.length() == 8;
        ctx.set("short_id", shortId);
        ctx.set("fp", fp);
        ctx.set("key_id", keyId);
        String wanted = shortFormat ? shortId : fp;
        List<String> before = keys(ctx, shortFormat);
        ctx.set("before", before);
        List<String> after = new ArrayList<>(before);
        String where = ctx.has("keyring") ? ctx.str("keyring") : "apt's keyring";
        if (ctx.str("state").equals("present")) {
            if (before.contains(wanted)) {
                ctx.msg("key " + keyId + " is in " + where);
                return;
            }
            ctx.converge("add key " + keyId + " to " + where + " from " + source(ctx), () -> add(ctx, keyId));
            after.add(wanted);
        } else {
            if (!before.contains(fp)) {
                ctx.msg("key " + keyId + " is not in " + where);
                return;
            }
            ctx.converge("remove key " + keyId + " from " + where + " (apt-key del " + shortId + ")",
                    () -> ctx.change(aptKey(ctx).raw("del").arg(shortId)));
            after.removeIf(k -> k.equals(fp));
        }
        ctx.predictState(stateKey(ctx, shortFormat), String.join(" ", after));
        if (!ctx.checkMode()) {
            after = keys(ctx, shortFormat);
            boolean present = ctx.str("state").equals("present");
            if (present != after.contains(present ? wanted : fp)) {
                ctx.fail("apt-key did not return an error, but " + (present ? "failed to add the key" : "the key was not removed")
                        + " (check that the id is correct and *not* a subkey)");
            }
        }
        ctx.set("after", after);
    }

    private static String source(ModuleContext ctx) {
        return ctx.has("file") ? ctx.str("file") : ctx.has("url") ? ctx.str("url")
                : ctx.has("keyserver") ? "keyserver " + ctx.str("keyserver") : "the key text";
    }

    /** apt-key, with --keyring when one is given. */
    private static Cmd aptKey(ModuleContext ctx) {
        return ctx.has("keyring") ? Cmd.of("apt-key", "--keyring", ctx.str("keyring")) : Cmd.of("apt-key");
    }

    /** The id of the key of file, data or url, read by gpg as Ansible reads it (its first pub or sub line). */
    private static String keyIdOfSource(ModuleContext ctx) {
        ExecResult r;
        if (ctx.has("file")) {
            r = ctx.probe(Cmd.of("gpg", "--with-colons", ctx.str("file")));
        } else if (ctx.has("data")) {
            r = ctx.probe(Cmd.of("gpg", "--with-colons", "-"), ctx.str("data").getBytes(StandardCharsets.UTF_8));
        } else if (ctx.has("url")) {
            r = ctx.probe(Cmd.of("sh", "-c", DOWNLOADED + "gpg --with-colons \"$t\""), curlConfig(ctx));
        } else {
            ctx.fail("give the key's id, or one of url, data, file");
            return null;
        }
        List<String> ids = listed(r.stdout(), false);
        if (!r.ok() || ids.isEmpty()) {
            ctx.fail("Unable to extract key from '" + (ctx.has("file") ? ctx.str("file") : ctx.has("url") ? ctx.str("url") : "inline data")
                    + "'" + (r.ok() ? "" : ": " + r.reason()));
        }
        return ids.get(0);
    }

    private static void add(ModuleContext ctx, String keyId) {
        ExecResult r;
        if (ctx.has("file")) {
            r = ctx.attempt(aptKey(ctx).raw("add").arg(ctx.str("file")), null);
        } else if (ctx.has("keyserver")) {
            Cmd recv = aptKey(ctx).raw("adv --no-tty --keyserver").arg(ctx.str("keyserver")).raw("--recv").arg(keyId);
            r = null;
            for (int retry = 0; retry < 5 && (r == null || !r.ok()); retry++) {
                r = ctx.attempt(recv, null);
            }
        } else if (ctx.has("data")) {
            r = ctx.attempt(aptKey(ctx).raw("add -"), ctx.str("data").getBytes(StandardCharsets.UTF_8));
        } else {
            r = ctx.attempt(Cmd.of("sh", "-c", DOWNLOADED + "apt-key ${1:+--keyring \"$1\"} add \"$t\"", "aptKey",
                    ctx.has("keyring") ? ctx.str("keyring") : ""), curlConfig(ctx));
        }
        if (!r.ok()) {
            ctx.fail(ctx.has("keyserver") ? "Error fetching key " + keyId + " from keyserver: " + ctx.str("keyserver") + ": " + r.reason()
                    : "Unable to add a key from " + source(ctx) + ": " + r.reason());
        }
    }

    private static byte[] curlConfig(ModuleContext ctx) {
        String url = ctx.str("url");
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            ctx.fail("the url has a control character (a newline?)");
        }
        return ("silent\nshow-error\nfail\nlocation\n" + (ctx.bool("validateCerts") ? "" : "insecure\n")
                + "url = \"" + url.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The keyring's key ids (Ansible's all_keys), or as this check run predicted them. */
    private static List<String> keys(ModuleContext ctx, boolean shortFormat) {
        String predicted = ctx.predictedState(stateKey(ctx, shortFormat));
        if (predicted != null) {
            return new ArrayList<>(predicted.isEmpty() ? List.of() : List.of(predicted.split(" ")));
        }
        ExecResult r = ctx.probe(aptKey(ctx).raw("adv --list-public-keys --keyid-format=long"));
        if (!r.ok()) {
            ctx.fail("Unable to list public keys: " + r.reason());
        }
        return listed(r.stdout(), shortFormat);
    }

    private static String stateKey(ModuleContext ctx, boolean shortFormat) {
        return "aptKey:" + (ctx.has("keyring") ? ctx.str("keyring") : "") + (shortFormat ? ":short" : "");
    }

    /** Ansible's parse_output_for_keys: the ids of the pub and sub lines not expired, in either listing format. */
    static List<String> listed(String output, boolean shortFormat) {
        List<String> found = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!(line.startsWith("pub") || line.startsWith("sub")) || line.contains("expired")) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            String code = null;
            if (tokens.length > 1 && tokens[1].split("/").length == 2) {
                code = tokens[1].split("/")[1];
            } else if (line.split(":").length > 4) {
                code = line.split(":")[4];
            }
            if (code != null) {
                found.add(shortFormat && code.length() > 8 ? code.substring(code.length() - 8) : code);
            }
        }
        return found;
    }
}
