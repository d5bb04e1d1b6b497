package io.gplay.modules.ovirt;

import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step 42 of the procedure, the data domain at the virtual IP, against a stand-in of the engine's 3.4 API. */
class StorageDomainModuleTest {
    private static final String PASSWORD = "Adm1n-pw";
    private EngineApiStandIn engine;

    @BeforeEach
    void start() throws Exception {
        engine = new EngineApiStandIn(PASSWORD);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Map<String, Object> params() {
        Map<String, Object> p = new HashMap<>();
        p.put("url", engine.url());
        p.put("password", PASSWORD);
        p.put("name", "data");
        p.put("address", "10.0.0.200");
        p.put("path", "data");
        p.put("host", "hosted_engine_1");
        return p;
    }

    private Result run(Map<String, Object> p, boolean check) {
        return Harness.run(new StorageDomainModule(), p, check, new LocalConnection(), Map.of());
    }

    private static void noPassword(Result r) {
        assertFalse((r.msg() + r.data() + r.changes()).contains(PASSWORD), String.valueOf(r.msg()));
    }

    @Test
    void createsTheDataDomainAttachesItAndThenChangesNothing() {
        Result first = run(params(), false);
        assertEquals(Status.CHANGED, first.status(), first.msg());
        assertEquals(List.of("create storage domain data (data, glusterfs 10.0.0.200:data)",
                "attach storage domain data to data center Default"), first.descriptions());
        EngineApiStandIn.Domain d = engine.domains.values().iterator().next();
        assertEquals(new EngineApiStandIn.Domain(d.id(), "data", "data", "glusterfs", "10.0.0.200", "data"), d);
        assertEquals("active", engine.attached.get(d.id()));
        assertEquals(d.id(), first.data().get("id"), "the id the engine gave the new domain");
        assertEquals("absent", first.data().get("found"));
        noPassword(first);

        engine.requests.clear();
        Result second = run(params(), false);
        assertEquals(Status.OK, second.status(), second.msg());
        assertTrue(engine.requests.stream().allMatch(r -> r.startsWith("GET ")), engine.requests.toString());
    }

    @Test
    void checkModeOnlyReadsAndPredictsTheChanges() {
        Result check = run(params(), true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(2, check.changes().size());
        assertTrue(engine.requests.stream().allMatch(r -> r.startsWith("GET ")), engine.requests.toString());
        assertTrue(engine.domains.isEmpty());
    }

    @Test
    void aDomainInMaintenanceIsActivated() {
        run(params(), false);
        String id = engine.domains.keySet().iterator().next();
        engine.attached.put(id, "maintenance");
        Result r = run(params(), false);
        assertEquals(List.of("activate storage domain data (maintenance)"), r.descriptions());
        assertEquals("maintenance", r.data().get("found"));
        assertEquals(id, r.data().get("id"));
        assertEquals("active", engine.attached.get(id));
    }

    @Test
    void failuresNameTheCallAndTheEnginesReasonWithoutThePassword() {
        Map<String, Object> p = params();
        p.put("password", "wrong-" + PASSWORD);
        Result denied = run(p, false);
        assertEquals(Status.FAILED, denied.status());
        assertTrue(denied.msg().contains("GET /api/storagedomains?search=name%3Ddata: HTTP 401 Unauthorized"), denied.msg());
        noPassword(denied);

        p = params();
        p.put("host", "no_such_host");
        Result noHost = run(p, false);
        assertTrue(noHost.msg().contains("HTTP 400 Operation Failed Entity not found: host no_such_host"), noHost.msg());

        run(params(), false);
        p = params();
        p.put("path", "other");
        Result other = run(p, false);
        assertEquals(Status.FAILED, other.status());
        assertTrue(other.msg().contains("exists with storage 10.0.0.200:data, not 10.0.0.200:other"), other.msg());
    }

    @Test
    void theStandInRefusesWhatThe34SchemaRefuses() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin@internal:" + PASSWORD).getBytes());
        HttpClient http = HttpClient.newHttpClient();
        for (String body : List.of(
                "<storage_domain><type>data</type><name>x</name></storage_domain>",
                "<storage_domain><name>x</name><type>data</type><storage><type>glusterfs</type><address>a</address><path>p</path></storage><host><name>hosted_engine_1</name></host></storage_domain>",
                "<storage_domain><name>x</name><type>data</type><storage><address>a</address><type>posixfs</type><path>p</path></storage><host><name>hosted_engine_1</name></host></storage_domain>",
                "<storage_domain><name>x</name><type>bogus</type><storage><address>a</address><type>nfs</type><path>p</path></storage><host><name>hosted_engine_1</name></host></storage_domain>")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(engine.url() + "/api/storagedomains"))
                    .header("Authorization", auth).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), body + " → " + r.body());
        }
        assertTrue(engine.domains.isEmpty());
    }
}
