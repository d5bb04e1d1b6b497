package io.gplay.modules.files;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on loopback for getUrl's and uri's tests: serves what a test puts at a path, answers 404
 * elsewhere, and keeps every request's method, path, headers and body.
 */
final class LoopbackHttp implements AutoCloseable {
    record Request(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    LoopbackHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = bodies.get(path);
            int status = body == null ? 404 : statuses.getOrDefault(path, 200);
            byte[] out = body == null ? "not here".getBytes(StandardCharsets.UTF_8) : body;
            exchange.getResponseHeaders().add("Content-Type", path.endsWith(".json") ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    void serve(String path, String body) {
        bodies.put(path, body.getBytes(StandardCharsets.UTF_8));
    }

    void serve(String path, int status, String body) {
        statuses.put(path, status);
        serve(path, body);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
