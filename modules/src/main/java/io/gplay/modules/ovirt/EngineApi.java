package io.gplay.modules.ovirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The oVirt engine's REST API of 3.4 ({@code /api}, XML), called from the control machine as the procedure's
 * operator calls it from the Administration Portal: basic authentication, the engine's CA when given, every
 * request bounded in time. The password only ever goes into the Authorization header.
 */
final class EngineApi {
    /** A failed call: its method, path and the engine's status and fault text, never the credentials. */
    static final class ApiError extends RuntimeException {
        ApiError(String msg) {
            super(msg);
        }
    }

    private final HttpClient http;
    private final String base;
    private final String auth;
    private final Duration timeout;

    EngineApi(String url, String user, String password, Path caFile, Duration timeout) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
        if (caFile != null) {
            b.sslContext(trusting(caFile));
        }
        this.http = b.build();
        this.base = url.replaceAll("/+$", "") + "/api";
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            ks.setCertificateEntry("engine-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static String search(String field, String value) {
        return "?search=" + URLEncoder.encode(field + "=" + value, StandardCharsets.UTF_8);
    }

    Document get(String path) throws Exception {
        return call("GET", path, null);
    }

    Document post(String path, String xml) throws Exception {
        return call("POST", path, xml);
    }

    private Document call(String method, String path, String xml) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", auth).header("Accept", "application/xml");
        if (xml != null) {
            r.header("Content-Type", "application/xml").method(method, HttpRequest.BodyPublishers.ofString(xml));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> res = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        Document doc = res.body().length == 0 ? null : parse(res.body());
        if (res.statusCode() >= 300) {
            String fault = doc == null ? "" : text(doc.getDocumentElement(), "reason") + " " + text(doc.getDocumentElement(), "detail");
            throw new ApiError(method + " /api" + path + ": HTTP " + res.statusCode() + (fault.isBlank() ? "" : " " + fault.strip()));
        }
        return doc;
    }

    private static Document parse(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    /** The direct children of an element with this tag. */
    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nl = parent.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            Node n = nl.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The text of the first direct child with this tag, or "" (a nested path as "storage/address"). */
    static String text(Element parent, String path) {
        Element e = parent;
        for (String tag : path.split("/")) {
            List<Element> c = children(e, tag);
            if (c.isEmpty()) {
                return "";
            }
            e = c.get(0);
        }
        return e.getTextContent().strip();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
