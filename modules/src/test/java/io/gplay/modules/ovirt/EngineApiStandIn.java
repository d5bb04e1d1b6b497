package io.gplay.modules.ovirt;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A STAND-IN FOR TESTS of the oVirt 3.4 engine's REST API, as far as storage domains go (oVirt cannot run
 * here). It answers as the engine does and refuses what the engine refuses: basic authentication, XML bodies
 * whose elements and their order are checked against the 3.4 schema (api.xsd as ovirt-engine-sdk-java 3.x
 * embeds it: BaseResource's name, description, comment, then StorageDomain's data_center, type, status,
 * master, storage, host, ...; Storage's address, type, path, mount_options, vfs_type, ...), the values of the
 * 3.4 enums (StorageDomainType data|iso|export|image; StorageType iscsi|fcp|nfs|localfs|posixfs|glusterfs),
 * and what creating a domain needs (a host, storage type, address and path; vfs_type for posixfs).
 */
final class EngineApiStandIn implements AutoCloseable {
    private static final List<String> STORAGE_DOMAIN = List.of("name", "description", "comment", "data_center", "type",
            "status", "master", "storage", "host", "format", "destroy", "available", "used", "committed",
            "storage_format", "import");
    private static final List<String> STORAGE = List.of("name", "description", "comment", "address", "type", "path",
            "mount_options", "vfs_type", "nfs_version", "nfs_timeo", "nfs_retrans", "logical_unit", "volume_group",
            "override_luns", "port", "target", "username", "password", "portal", "host");
    private static final List<String> DOMAIN_TYPES = List.of("data", "iso", "export", "image");
    private static final List<String> STORAGE_TYPES = List.of("iscsi", "fcp", "nfs", "localfs", "posixfs", "glusterfs");

    record Domain(String id, String name, String type, String storageType, String address, String path) {
    }

    final String password;
    final String dcId = UUID.randomUUID().toString();
    final List<String> hosts = List.of("hosted_engine_1", "hosted_engine_2");
    final Map<String, Domain> domains = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Attached domain id → its state in the data center. */
    final Map<String, String> attached = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;

    EngineApiStandIn(String password) throws IOException {
        this.password = password;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery();
        requests.add(method + " " + path + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
        try {
            String expected = "Basic " + Base64.getEncoder().encodeToString(("admin@internal:" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                reply(x, 401, fault("Unauthorized", "wrong user or password"));
                return;
            }
            byte[] body = x.getRequestBody().readAllBytes();
            if (method.equals("POST") && !"application/xml".equals(x.getRequestHeaders().getFirst("Content-Type"))) {
                reply(x, 415, fault("Unsupported Media Type", "Content-Type must be application/xml"));
                return;
            }
            String dcDomains = "/api/datacenters/" + dcId + "/storagedomains";
            if (method.equals("GET") && path.equals("/api/storagedomains")) {
                String name = searched(query);
                StringBuilder b = new StringBuilder("<storage_domains>");
                domains.values().stream().filter(d -> name == null || d.name().equals(name)).forEach(d -> b.append(xml(d, null)));
                reply(x, 200, b.append("</storage_domains>").toString());
            } else if (method.equals("POST") && path.equals("/api/storagedomains")) {
                Domain d = create(root(body, "storage_domain"));
                domains.put(d.id(), d);
                reply(x, 201, xml(d, null));
            } else if (method.equals("GET") && path.equals("/api/datacenters")) {
                String name = searched(query);
                reply(x, 200, "<data_centers>" + (name == null || name.equals("Default")
                        ? "<data_center id=\"" + dcId + "\" href=\"/api/datacenters/" + dcId + "\"><name>Default</name></data_center>" : "")
                        + "</data_centers>");
            } else if (method.equals("GET") && path.equals(dcDomains)) {
                StringBuilder b = new StringBuilder("<storage_domains>");
                attached.forEach((id, state) -> b.append(xml(domains.get(id), state)));
                reply(x, 200, b.append("</storage_domains>").toString());
            } else if (method.equals("POST") && path.equals(dcDomains)) {
                Element sd = root(body, "storage_domain");
                String id = sd.getAttribute("id");
                if (!domains.containsKey(id)) {
                    throw new Bad("storage domain " + id + " does not exist");
                }
                attached.put(id, "active");
                reply(x, 201, xml(domains.get(id), "active"));
            } else if (method.equals("POST") && path.startsWith(dcDomains + "/") && path.endsWith("/activate")) {
                root(body, "action");
                String id = path.substring(dcDomains.length() + 1, path.length() - "/activate".length());
                if (!attached.containsKey(id)) {
                    throw new Bad("storage domain " + id + " is not attached");
                }
                attached.put(id, "active");
                reply(x, 200, "<action><status><state>complete</state></status></action>");
            } else {
                reply(x, 404, fault("Not Found", method + " " + path));
            }
        } catch (Bad e) {
            reply(x, 400, fault("Operation Failed", e.getMessage()));
        }
    }

    private static final class Bad extends RuntimeException {
        Bad(String msg) {
            super(msg);
        }
    }

    private static String searched(String rawQuery) {
        if (rawQuery == null || !rawQuery.startsWith("search=")) {
            return null;
        }
        String s = URLDecoder.decode(rawQuery.substring(7), StandardCharsets.UTF_8);
        if (!s.startsWith("name=")) {
            throw new Bad("unsupported search " + s);
        }
        return s.substring(5);
    }

    private Domain create(Element sd) {
        order(sd, STORAGE_DOMAIN);
        Element storage = only(sd, "storage");
        Element host = only(sd, "host");
        if (storage == null || host == null) {
            throw new Bad("Request syntactically incorrect. storage_domain.host.id|name, storage_domain.type, "
                    + "storage_domain.storage.type, storage.address and storage.path are required");
        }
        order(storage, STORAGE);
        String name = text(sd, "name");
        String type = text(sd, "type");
        String storageType = text(storage, "type");
        if (name.isEmpty() || !DOMAIN_TYPES.contains(type) || !STORAGE_TYPES.contains(storageType)) {
            throw new Bad("invalid name '" + name + "', type '" + type + "' or storage type '" + storageType + "'");
        }
        if (text(storage, "address").isEmpty() || text(storage, "path").isEmpty()
                || (storageType.equals("posixfs") && text(storage, "vfs_type").isEmpty())) {
            throw new Bad("storage.address and storage.path are required (and storage.vfs_type for posixfs)");
        }
        if (!hosts.contains(text(host, "name"))) {
            throw new Bad("Entity not found: host " + text(host, "name"));
        }
        if (domains.values().stream().anyMatch(d -> d.name().equals(name))) {
            throw new Bad("Cannot add Storage. The Storage Domain name is already in use.");
        }
        return new Domain(UUID.randomUUID().toString(), name, type, storageType, text(storage, "address"), text(storage, "path"));
    }

    private static Element root(byte[] body, String tag) {
        try {
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body));
            if (!d.getDocumentElement().getTagName().equals(tag)) {
                throw new Bad("expected <" + tag + ">, got <" + d.getDocumentElement().getTagName() + ">");
            }
            return d.getDocumentElement();
        } catch (Bad e) {
            throw e;
        } catch (Exception e) {
            throw new Bad("Request syntactically incorrect: " + e.getMessage());
        }
    }

    /** Every child element known to the schema's sequence, each at most once and in the sequence's order. */
    private static void order(Element e, List<String> sequence) {
        int last = -1;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                int at = sequence.indexOf(c.getTagName());
                if (at < 0) {
                    throw new Bad("<" + c.getTagName() + "> is not an element of <" + e.getTagName() + "> in the 3.4 schema");
                }
                if (at <= last) {
                    throw new Bad("<" + c.getTagName() + "> is out of the 3.4 schema's order in <" + e.getTagName() + ">");
                }
                last = at;
            }
        }
    }

    private static Element only(Element parent, String tag) {
        List<Element> c = EngineApi.children(parent, tag);
        return c.isEmpty() ? null : c.get(0);
    }

    private static String text(Element parent, String tag) {
        return EngineApi.text(parent, tag);
    }

    private String xml(Domain d, String state) {
        return "<storage_domain id=\"" + d.id() + "\" href=\"/api/storagedomains/" + d.id() + "\"><name>" + d.name()
                + "</name>" + (state == null ? "" : "<data_center id=\"" + dcId + "\"/>") + "<type>" + d.type() + "</type>"
                + "<status><state>" + (state == null ? "unattached" : state) + "</state></status><master>false</master>"
                + "<storage><address>" + d.address() + "</address><type>" + d.storageType() + "</type><path>" + d.path()
                + "</path></storage></storage_domain>";
    }

    private static String fault(String reason, String detail) {
        return "<fault><reason>" + reason + "</reason><detail>" + detail + "</detail></fault>";
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/xml");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }
}
