package io.gplay.modules.files;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request for the host's curl, written as a curl config file fed on its standard input ({@code curl -K -}):
 * the URL, headers and credentials never reach a command line, where ps would show them to every user of the
 * host, and no value can be read as an option.
 */
final class CurlConfig {
    private final StringBuilder text = new StringBuilder("silent\nshow-error\n");

    private CurlConfig(boolean follow) {
        if (follow) {
            text.append("location\n");
        }
    }

    /** The request getUrl and uri share: url, headers, credentials, timeout, certificates; redirects followed or not. */
    static CurlConfig of(ModuleContext ctx, boolean follow) {
        CurlConfig c = new CurlConfig(follow);
        String url = ctx.str("url");
        if (!url.matches("(?i)(https?|ftp)://.+")) {
            throw new ModuleFailure("url '" + url + "' is no http, https or ftp URL");
        }
        c.option("url", url);
        for (Map.Entry<String, Object> h : ctx.map("headers").entrySet()) {
            c.option("header", h.getKey() + ": " + h.getValue());
        }
        if (ctx.has("urlUsername")) {
            c.option("user", ctx.str("urlUsername") + ":" + (ctx.has("urlPassword") ? ctx.str("urlPassword") : ""));
        }
        c.option("connect-timeout", ctx.integer("timeout").toString());
        if (!ctx.bool("validateCerts")) {
            c.flag("insecure");
        }
        return c;
    }

    CurlConfig flag(String name) {
        text.append(name).append('\n');
        return this;
    }

    /** An option with a value, quoted as curl's config reads it; a control character in a value is refused. */
    CurlConfig option(String name, String value) {
        if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new ModuleFailure("the " + name + " has a control character (a newline?), which no request may carry");
        }
        text.append(name).append(" = \"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        return this;
    }

    /** A text option that may span lines (a request's body): newlines, tabs and returns are escaped for curl. */
    CurlConfig text(String name, String value) {
        if (value.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' || ch == 0x7f)) {
            throw new ModuleFailure("the " + name + " has a control character curl cannot be given");
        }
        text.append(name).append(" = \"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")).append("\"\n");
        return this;
    }

    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
