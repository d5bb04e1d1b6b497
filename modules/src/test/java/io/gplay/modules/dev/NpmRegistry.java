package io.gplay.modules.dev;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An npm registry on loopback for the npm module's tests: each package's document (packument) and the tarballs
 * {@code npm pack} made of tiny packages the test writes, the newest version its latest tag.
 */
final class NpmRegistry implements AutoCloseable {
    private final HttpServer server;
    private final Path work;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> versions = new ConcurrentHashMap<>();

    NpmRegistry(Path work) throws IOException {
        this.work = work;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            byte[] out = body == null ? "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8) : body;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Writes NAME@VERSION (an index.js exporting "NAME VERSION"), packs it with npm pack, and publishes it. */
    Path publish(String name, String version) throws IOException {
        Path src = Files.createDirectories(work.resolve("src").resolve(name + "-" + version));
        Files.writeString(src.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"main\":\"index.js\"}\n");
        Files.writeString(src.resolve("index.js"), "module.exports = '" + name + " " + version + "';\n");
        Sh.run(src, Map.of("npm_config_cache", work.resolve("pack-cache").toString()), "npm", "pack", "--silent", "--pack-destination", work.toString());
        Path tgz = work.resolve(name + "-" + version + ".tgz");
        byte[] bytes = Files.readAllBytes(tgz);
        String tarball = "/" + name + "/-/" + name + "-" + version + ".tgz";
        files.put(tarball, bytes);
        versions.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(version, "{\"name\":\"" + name + "\",\"version\":\"" + version
                + "\",\"dist\":{\"tarball\":\"" + url() + tarball.substring(1) + "\",\"shasum\":\"" + digest("SHA-1", bytes, true)
                + "\",\"integrity\":\"sha512-" + digest("SHA-512", bytes, false) + "\"}}");
        StringBuilder doc = new StringBuilder("{\"name\":\"" + name + "\",\"dist-tags\":{\"latest\":\"" + version + "\"},\"versions\":{");
        doc.append(String.join(",", versions.get(name).entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).toList()));
        files.put("/" + name, doc.append("}}").toString().getBytes(StandardCharsets.UTF_8));
        return tgz;
    }

    private static String digest(String algorithm, byte[] bytes, boolean hex) {
        try {
            byte[] d = MessageDigest.getInstance(algorithm).digest(bytes);
            return hex ? HexFormat.of().formatHex(d) : Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
