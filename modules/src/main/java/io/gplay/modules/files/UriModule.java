package io.gplay.modules.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP request from the host with its curl (Ansible's uri): a GET or HEAD is a read, sent in check mode too;
 * any other method is sent in a real run only. Registered as Ansible's uri registers: status, content, json.
 */
public final class UriModule implements Module {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "\n--gplay-uri ";

    private static final ModuleSpec SPEC = new ModuleSpec("uri",
            "Sends an HTTP request from the host with its curl, as Ansible's uri: fails unless the status is one of statusCode; register it for status, content and json.")
            .param(Param.required("url", ParamType.STRING, "http or https URL"))
            .param(Param.optional("method", ParamType.STRING, "GET", "the HTTP method"))
            .param(Param.optional("body", ParamType.ANY, null, "the request's body: a text, or a map or list for json and form-urlencoded"))
            .param(Param.choice("bodyFormat", "raw", List.of("raw", "json", "form-urlencoded"), "how body is sent; json and form-urlencoded set the Content-Type"))
            .param(Param.optional("headers", ParamType.MAP, null, "request headers, name: value"))
            .param(Param.optional("statusCode", ParamType.LIST, List.of(200), "the statuses that are success"))
            .param(Param.optional("returnContent", ParamType.BOOL, false, "register the body as content (json is registered for a JSON answer either way)"))
            .param(Param.optional("urlUsername", ParamType.STRING, null, "user for HTTP basic authentication"))
            .param(Param.optional("urlPassword", ParamType.STRING, null, "its password: fed to curl on its standard input, never on a command line"))
            .param(Param.choice("followRedirects", "safe", List.of("safe", "all", "none"), "follow redirects: safe for GET and HEAD only, all, or none"))
            .param(Param.optional("timeout", ParamType.INT, 30, "seconds to wait for the connection"))
            .param(Param.optional("validateCerts", ParamType.BOOL, true, "check the server's TLS certificate"))
            .primary("url")
            .checkMode("a GET or HEAD is sent in check mode as in a real run (it reads); another method is not sent, and the task is skipped")
            .returns("status", "int", "success", "the HTTP status", "200")
            .returns("url", "string", "success", "the URL answered, after redirects", "http://127.0.0.1:3000/api/health")
            .returns("redirected", "bool", "success", "whether a redirect was followed", "false")
            .returns("elapsed", "int", "success", "seconds the request took", "0")
            .returns("content", "string", "when returnContent", "the body", "{\"database\": \"ok\"}")
            .returns("json", "any", "when the answer's Content-Type is JSON", "the body read as JSON", "{database: 'ok'}")
            .returns("content_type", "string", "when the answer has one", "the answer's Content-Type", "application/json")
            .leavesOut("dest", "the body is not written to a file: use getUrl")
            .leavesOut("creates", "use when with a stat")
            .leavesOut("removes", "use when with a stat")
            .leavesOut("force_basic_auth", "credentials are sent as curl sends them: basic authentication at the first request")
            .leavesOut("src", "give the body as body")
            .leavesOut("client_cert", "client certificates are not sent")
            .leavesOut("client_key", "client certificates are not sent")
            .leavesOut("unix_socket", "requests go over TCP only")
            .leavesOut("http_agent", "give a User-Agent in headers")
            .leavesOut("use_proxy", "curl takes the host's proxy variables as they are")
            .example("uri 'http://localhost:3000/api/health', returnContent: true, register: 'health'")
            .example("uri 'add the datasource', url: 'http://localhost:3000/api/datasources', method: 'POST', bodyFormat: 'json',"
                    + " body: [name: 'prometheus', type: 'prometheus', url: 'http://localhost:9090'], statusCode: [200, 409],"
                    + " urlUsername: 'admin', urlPassword: 'admin'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        ctx.requireProgram("curl", "install curl to send requests with uri");
        String method = ctx.str("method").toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            ctx.fail("method '" + ctx.str("method") + "' is no HTTP method");
        }
        boolean reads = method.equals("GET") || method.equals("HEAD");
        String follow = ctx.str("followRedirects");
        CurlConfig request = CurlConfig.of(ctx, follow.equals("all") || follow.equals("safe") && reads)
                .flag("include").option("write-out", "\\n" + MARK.strip() + " %{http_code} %{num_redirects} %{url_effective}\\n");
        if (method.equals("HEAD")) {
            request.flag("head");
        } else {
            request.option("request", method);
        }
        body(ctx, request);
        Cmd curl = Cmd.of("curl", "-K", "-");
        long t0 = System.nanoTime();
        ExecResult r;
        if (reads) {
            r = ctx.probe(curl, request.bytes());
        } else if (ctx.checkMode()) {
            ctx.skip("a " + method + " request is not sent in check mode");
            return;
        } else {
            r = ctx.attempt(curl, request.bytes());
        }
        if (!r.ok()) {
            ctx.fail("cannot reach " + ctx.str("url") + ": " + r.reason());
        }
        answer(ctx, r.stdout(), (System.nanoTime() - t0) / 1_000_000_000L);
    }

    private static void body(ModuleContext ctx, CurlConfig request) throws Exception {
        Object body = ctx.get("body");
        if (body == null) {
            return;
        }
        String text = switch (ctx.str("bodyFormat")) {
            case "json" -> {
                request.option("header", "Content-Type: application/json");
                yield body instanceof CharSequence s ? s.toString() : JSON.writeValueAsString(body);
            }
            case "form-urlencoded" -> {
                request.option("header", "Content-Type: application/x-www-form-urlencoded");
                yield body instanceof Map<?, ?> m ? m.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")) : body.toString();
            }
            default -> body.toString();
        };
        request.text("data-raw", text);
    }

    private static String encode(Object v) {
        return URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8);
    }

    /** Reads curl's output: the answers' header blocks (one a redirect), the body, then the write-out line. */
    private static void answer(ModuleContext ctx, String out, long seconds) throws Exception {
        int mark = out.lastIndexOf(MARK);
        if (mark < 0) {
            ctx.fail("curl gave no answer from " + ctx.str("url"));
        }
        String[] w = out.substring(mark + MARK.length()).strip().split(" ", 3);
        String rest = out.substring(0, Math.max(mark, 0));
        String contentType = null;
        while (rest.startsWith("HTTP/")) {
            int end = rest.indexOf("\r\n\r\n");
            String head = end < 0 ? rest : rest.substring(0, end);
            rest = end < 0 ? "" : rest.substring(end + 4);
            contentType = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).strip();
                }
            }
        }
        String content = rest;
        int status = Integer.parseInt(w[0]);
        ctx.set("status", status);
        ctx.set("url", w.length > 2 ? w[2] : ctx.str("url"));
        ctx.set("redirected", !w[1].equals("0"));
        ctx.set("elapsed", seconds);
        if (contentType != null) {
            ctx.set("content_type", contentType);
        }
        if (ctx.bool("returnContent")) {
            ctx.set("content", content);
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).matches("application/([\\w.+-]+\\+)?json.*") && !content.isBlank()) {
            ctx.set("json", JSON.readValue(content, Object.class));
        }
        List<Integer> wanted = ctx.list("statusCode").stream().map(o -> Integer.parseInt(o.toString())).toList();
        if (!wanted.contains(status)) {
            ctx.fail("Status code was " + status + " and not " + wanted + ": " + content.lines().findFirst().orElse(""));
        }
        ctx.msg("OK (" + status + ")");
    }
}
