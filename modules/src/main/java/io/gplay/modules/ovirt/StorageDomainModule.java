package io.gplay.modules.ovirt;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An oVirt storage domain through the engine's REST API of oVirt 3.4: created from a host's view of the storage
 * ({@code POST /api/storagedomains}), attached to its data center ({@code POST /api/datacenters/ID/storagedomains})
 * and activated when it is in maintenance. The procedure does this by hand in the Administration Portal: a Data /
 * GlusterFS domain at the virtual IP's {@code data} volume. Element names and their order are those of the 3.4
 * schema (api.xsd: StorageDomain after BaseResource's name; Storage's address, type, path, mount_options,
 * vfs_type). Requests go from the control machine.
 */
public final class StorageDomainModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("ovirtStorageDomain",
            "A storage domain of oVirt 3.4, created, attached to its data center and active, through the engine's REST API.")
            .param(Param.required("url", ParamType.STRING, "the engine, e.g. https://engine.example.com (the API is URL/api)"))
            .param(Param.optional("user", ParamType.STRING, "admin@internal", "the API user"))
            .param(Param.required("password", ParamType.STRING, "the API user's password; only in the Authorization header, never shown"))
            .param(Param.optional("caFile", ParamType.STRING, null,
                    "the engine's CA certificate on the control machine (http://ENGINE/ca.crt); unset: the JDK's trusted CAs"))
            .param(Param.required("name", ParamType.STRING, "the domain's name, e.g. data"))
            .param(Param.choice("type", "data", List.of("data", "iso", "export"), "what the domain holds"))
            .param(Param.choice("storageType", "glusterfs", List.of("glusterfs", "nfs", "posixfs"), "how hosts reach the storage"))
            .param(Param.required("address", ParamType.STRING, "the storage server, e.g. the CTDB virtual IP"))
            .param(Param.required("path", ParamType.STRING, "the export or volume, e.g. data for the Gluster volume data"))
            .param(Param.optional("vfsType", ParamType.STRING, null, "the file system type (posixfs: e.g. glusterfs)"))
            .param(Param.optional("mountOptions", ParamType.STRING, null, "mount options the hosts use"))
            .param(Param.required("host", ParamType.STRING, "the engine's name of the host that creates the domain (e.g. hosted_engine_1)"))
            .param(Param.optional("dataCenter", ParamType.STRING, "Default", "the data center it belongs to"))
            .param(Param.optional("timeout", ParamType.INT, 60, "seconds for each request"))
            .checkMode("reads the domain and the data center (GET only) and reports what it would create, attach or activate")
            .notes("Idempotent: a domain of that name with the same address and path is left as it is; one with another "
                    + "storage fails the task. Tested against a stand-in of the engine's API that checks each request's "
                    + "method, path, authentication and XML against the 3.4 schema (oVirt 3.4 cannot run here).")
            .returns("name", "string", "success", "the domain", "data")
            .returns("id", "string", "success", "its id in the engine; null in check mode for a domain still to create", "a1b2c3d4-0000-4000-8000-000000000001")
            .returns("data_center", "string", "success", "the data center it belongs to", "Default")
            .returns("found", "string", "success", "the domain as the task found it: absent, unattached (to the data center), or its state there (active, maintenance, inactive...)", "maintenance")
            .example("ovirtStorageDomain 'the data domain', url: { \"https://${vars.engine_fqdn}\" },\n"
                    + "        password: { vars.engine_admin_password }, caFile: 'engine-ca.pem', name: 'data',\n"
                    + "        address: '10.0.0.200', path: 'data', host: 'hosted_engine_1'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        String caFile = ctx.has("caFile") ? ctx.str("caFile") : null;
        EngineApi api = new EngineApi(ctx.str("url"), ctx.str("user"), ctx.str("password"),
                caFile == null ? null : ctx.localFile(caFile), Duration.ofSeconds(ctx.integer("timeout")));
        try {
            converge(ctx, api, name);
        } catch (EngineApi.ApiError e) {
            ctx.fail(e.getMessage());
        } catch (java.io.IOException e) {
            ctx.fail("cannot reach the engine at " + ctx.str("url") + ": " + e);
        }
    }

    private void converge(ModuleContext ctx, EngineApi api, String name) throws Exception {
        Element existing = first(api.get("/storagedomains" + EngineApi.search("name", name)), "storage_domain");
        String[] id = {existing == null ? null : existing.getAttribute("id")};
        if (existing != null) {
            String address = EngineApi.text(existing, "storage/address");
            String path = EngineApi.text(existing, "storage/path");
            if (!address.equals(ctx.str("address")) || !path.equals(ctx.str("path"))) {
                ctx.fail("storage domain " + name + " exists with storage " + address + ":" + path + ", not "
                        + ctx.str("address") + ":" + ctx.str("path"));
            }
        } else {
            ctx.converge("create storage domain " + name + " (" + ctx.str("type") + ", " + ctx.str("storageType") + " "
                    + ctx.str("address") + ":" + ctx.str("path") + ")", () ->
                    id[0] = api.post("/storagedomains", createXml(ctx)).getDocumentElement().getAttribute("id"));
        }
        String dcName = ctx.str("dataCenter");
        Element dc = first(api.get("/datacenters" + EngineApi.search("name", dcName)), "data_center");
        if (dc == null) {
            ctx.fail("no data center named " + dcName + " in the engine");
        }
        String dcPath = "/datacenters/" + dc.getAttribute("id") + "/storagedomains";
        Element attached = null;
        if (id[0] != null) {
            for (Element sd : EngineApi.children(api.get(dcPath).getDocumentElement(), "storage_domain")) {
                if (sd.getAttribute("id").equals(id[0])) {
                    attached = sd;
                }
            }
        }
        ctx.set("found", existing == null ? "absent" : attached == null ? "unattached" : EngineApi.text(attached, "status/state"));
        if (attached == null) {
            ctx.converge("attach storage domain " + name + " to data center " + dcName, () ->
                    api.post(dcPath, "<storage_domain id=\"" + EngineApi.escape(id[0]) + "\"/>"));
        } else if (!EngineApi.text(attached, "status/state").equals("active")) {
            ctx.converge("activate storage domain " + name + " (" + EngineApi.text(attached, "status/state") + ")", () ->
                    api.post(dcPath + "/" + id[0] + "/activate", "<action/>"));
        }
        ctx.set("name", name);
        ctx.set("id", id[0]);
        ctx.set("data_center", dcName);
        ctx.msg("storage domain " + name + (ctx.checkMode() && id[0] == null ? " would be created" : " is active")
                + " in data center " + dcName);
    }

    private static Element first(Document doc, String tag) {
        List<Element> all = doc == null ? List.of() : EngineApi.children(doc.getDocumentElement(), tag);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The request body in the 3.4 schema's order: name, type, storage (address, type, path, mount_options, vfs_type), host. */
    static String createXml(ModuleContext ctx) {
        StringBuilder b = new StringBuilder("<storage_domain>");
        b.append(el("name", ctx.str("name"))).append(el("type", ctx.str("type"))).append("<storage>")
                .append(el("address", ctx.str("address"))).append(el("type", ctx.str("storageType")))
                .append(el("path", ctx.str("path")));
        if (ctx.has("mountOptions")) {
            b.append(el("mount_options", ctx.str("mountOptions")));
        }
        if (ctx.has("vfsType")) {
            b.append(el("vfs_type", ctx.str("vfsType")));
        }
        return b.append("</storage><host>").append(el("name", ctx.str("host"))).append("</host></storage_domain>").toString();
    }

    private static String el(String tag, String value) {
        return "<" + tag + ">" + EngineApi.escape(value) + "</" + tag + ">";
    }
}
