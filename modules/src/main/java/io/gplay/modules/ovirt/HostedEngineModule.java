package io.gplay.modules.ovirt;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploys oVirt's self-hosted engine on a host, or joins a host to an existing one, by writing an otopi answer
 * file and running {@code hosted-engine --deploy --config-append=FILE} non-interactively.
 *
 * <p>Answer-file keys are those of ovirt-hosted-engine-setup 1.1 (oVirt 3.4), checked against its source
 * (github.com/oVirt/ovirt-hosted-engine-setup): {@code src/ovirt_hosted_engine_setup/constants.py} (CoreEnv,
 * NetworkEnv, EngineEnv, StorageEnv, VMEnv) and the plugins that read them without asking when they are set:
 * {@code src/plugins/ovirt-hosted-engine-setup/core/misc.py} (deployProceed), {@code core/preview.py}
 * (confirmSettings), {@code storage/storage.py} (domainType nfs3|nfs4, storageDomainConnection,
 * storageDomainName, storageDatacenterName, isAdditionalHost, hostID), {@code network/bridge.py} (bridgeName,
 * bridgeIf), {@code network/gateway.py}, {@code network/firewall_manager.py}, {@code vm/memory.py} and
 * {@code vm/cpu.py} (parsed with int()), {@code vm/configurevm.py} (vmBoot; forced to disk on additional hosts),
 * {@code engine/add_host.py} (adminPassword, appHostName); {@code core/remote_answerfile.py} skips fetching the
 * first host's answers when {@code --config-append} is given.
 */
public final class HostedEngineModule implements Module {
    static final String MASK = "********";
    private static final String DEFAULT_ANSWERS = "/etc/ovirt-hosted-engine/gplay-answers.conf";
    /** Keys whose values are secrets: masked in every diff and never put in a result. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|pwd).*");
    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]*/[A-Za-z0-9_.]+");
    private static final Pattern TYPED = Pattern.compile("(str|int|bool|none):.*", Pattern.DOTALL);
    /** Real setup prints this and exits 1 when the host has no hosted-engine configuration. */
    private static final String NOT_DEPLOYED = "You must run deploy first";

    private static final ModuleSpec SPEC = new ModuleSpec("hostedEngine",
            "Deploys oVirt's self-hosted engine (hosted-engine --deploy) from an answer file, or adds this host to it.")
            .param(Param.required("storageConnection", ParamType.STRING,
                    "NFS export for the engine VM's storage domain, HOST:/PATH (e.g. the CTDB virtual IP: '10.0.0.200:/engine')"))
            .param(Param.choice("domainType", "nfs3", List.of("nfs3", "nfs4"), "NFS version of the storage domain"))
            .param(Param.required("fqdn", ParamType.STRING, "host name of the engine VM"))
            .param(Param.required("adminPassword", ParamType.STRING,
                    "password of admin@internal; never shown (masked as ******** in diffs)"))
            .param(Param.optional("bridge", ParamType.STRING, "ovirtmgmt", "management bridge to create"))
            .param(Param.required("nic", ParamType.STRING, "NIC the management bridge is built on"))
            .param(Param.optional("gateway", ParamType.STRING, null, "a pingable gateway address (setup asks when not given)"))
            .param(Param.optional("vmMemSizeMB", ParamType.INT, 4096, "engine VM memory in MB"))
            .param(Param.optional("vmVCpus", ParamType.INT, 2, "engine VM virtual CPUs"))
            .param(Param.choice("vmBoot", "cdrom", List.of("cdrom", "disk", "pxe"), "engine VM boot device (first host only)"))
            .param(Param.optional("vmCdrom", ParamType.STRING, null, "ISO image to install the engine VM from (needed for vmBoot: cdrom)"))
            .param(Param.optional("ovfArchive", ParamType.STRING, null, "OVF archive of an engine appliance (needed for vmBoot: disk)"))
            .param(Param.optional("storageDomainName", ParamType.STRING, "hosted_storage", "name of the engine's storage domain"))
            .param(Param.optional("datacenterName", ParamType.STRING, "hosted_datacenter", "name of the engine's data center"))
            .param(Param.optional("appHostName", ParamType.STRING, null,
                    "name of this host in the Administrator Portal (setup asks when not given)"))
            .param(Param.choice("firewallManager", null, List.of("iptables", "firewalld"),
                    "let setup configure this firewall (setup asks when not given and one is installed)"))
            .param(Param.optional("additionalHost", ParamType.BOOL, false, "this host joins a hosted engine deployed on another host"))
            .param(Param.optional("hostId", ParamType.INT, 1, "hosted-engine host id: 1 on the first host, unique and above 1 on the others"))
            .param(Param.optional("answerFile", ParamType.STRING, DEFAULT_ANSWERS, "where the answer file is written (mode 0600; removed after the deploy)"))
            .param(Param.optional("extra", ParamType.MAP, null,
                    "further answer-file keys, e.g. ['OVEHOSTED_VM/vmMACAddr': '00:16:3e:12:34:56', 'OVEHOSTED_VDSM/cpu': 'model_Nehalem']; "
                            + "values are typed for otopi (String → str:, int → int:, boolean → bool:, null → none:) unless already "
                            + "written as 'str:…'; they override the module's own keys"))
            .checkMode("probes hosted-engine --vm-status (read-only); when not deployed, reports the answer file's diff "
                    + "(password masked) and that it would run hosted-engine --deploy, and runs nothing")
            .notes("Idempotent through `hosted-engine --vm-status`: when it answers and lists this host's id, nothing is done. "
                    + "Otherwise the answer file is written atomically with mode 0600, `hosted-engine --deploy "
                    + "--config-append=FILE` runs, and the file is removed (it holds the admin password); it prompts for nothing the answer file answers. "
                    + "Keys written, verified against ovirt-hosted-engine-setup 1.1 (oVirt 3.4) source, "
                    + "src/ovirt_hosted_engine_setup/constants.py and its plugins: OVEHOSTED_CORE/deployProceed, "
                    + "OVEHOSTED_CORE/confirmSettings, OVEHOSTED_CORE/isAdditionalHost, OVEHOSTED_STORAGE/hostID, "
                    + "OVEHOSTED_STORAGE/domainType, OVEHOSTED_STORAGE/storageDomainConnection, "
                    + "OVEHOSTED_STORAGE/storageDomainName, OVEHOSTED_STORAGE/storageDatacenterName, "
                    + "OVEHOSTED_NETWORK/bridgeName, OVEHOSTED_NETWORK/bridgeIf, OVEHOSTED_NETWORK/fqdn, "
                    + "OVEHOSTED_NETWORK/gateway, OVEHOSTED_NETWORK/firewallManager, OVEHOSTED_ENGINE/adminPassword, "
                    + "OVEHOSTED_ENGINE/appHostName, OVEHOSTED_VM/vmMemSizeMB, OVEHOSTED_VM/vmVCpus, OVEHOSTED_VM/vmBoot, "
                    + "OVEHOSTED_VM/vmCDRom, OVEHOSTED_VM/ovfArchive. Setup may still ask for the CPU type "
                    + "(OVEHOSTED_VDSM/cpu), the VM's MAC (OVEHOSTED_VM/vmMACAddr) or the console type "
                    + "(OVEHOSTED_VDSM/consoleType): give them in `extra`. On an additional host, setup reads the storage "
                    + "domain and pool from the shared storage; pass any other value of the first host's answers "
                    + "(/etc/ovirt-hosted-engine/answers.conf there) in `extra`. "
                    + "oVirt cannot run on the machines gplay is tested on: the module is tested against a scripted "
                    + "stand-in, lab/stand-ins/hosted-engine, which checks the answer file's keys, otopi types and values, "
                    + "records the call and answers --vm-status; it deploys nothing.")
            .example("hostedEngine 'deploy the self-hosted engine', storageConnection: '10.0.0.200:/engine',\n"
                    + "        fqdn: 'engine.example.com', adminPassword: { vars.engine_admin_password }, nic: 'eth0',\n"
                    + "        vmCdrom: '/tmp/CentOS-6.5-x86_64-minimal.iso', gateway: '10.0.0.1'")
            .example("hostedEngine 'add this host to the hosted engine', storageConnection: '10.0.0.200:/engine',\n"
                    + "        fqdn: 'engine.example.com', adminPassword: { vars.engine_admin_password }, nic: 'eth0',\n"
                    + "        additionalHost: true, hostId: { groups.ovirt.indexOf(host) + 1 }");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String password = ctx.str("adminPassword");
        String path = ctx.str("answerFile");
        int hostId = ctx.integer("hostId");
        Map<String, String> answers = answers(ctx);
        String content = render(answers);

        ctx.requireProgram("hosted-engine",
                "install ovirt-hosted-engine-setup from the oVirt 3.4 repository (ovirt-release) first");
        ctx.set("answer_file", path);
        ctx.set("host_id", hostId);

        ExecResult status = ctx.probe(Cmd.of("hosted-engine", "--vm-status"));
        String out = status.stdout() + status.stderr();
        if (status.ok()) {
            if (!listsHost(status.stdout(), hostId)) {
                ctx.fail("the hosted engine is deployed on this host, but hosted-engine --vm-status does not list host id "
                        + hostId + "; refusing to deploy again (is hostId right?)");
            }
            ctx.set("deployed", true);
            ctx.set("vm_status", status.stdout().strip());
            ctx.msg("the hosted engine is already deployed on this host (host id " + hostId + ")");
            return;
        }
        if (!out.contains(NOT_DEPLOYED)) {
            ctx.fail("hosted-engine --vm-status failed (" + scrub(status.reason(), password)
                    + "); cannot tell whether the hosted engine is deployed here");
        }
        ctx.set("deployed", false);

        writeAnswers(ctx, path, content);
        String deploy = "hosted-engine --deploy --config-append=" + path;
        ctx.converge("run " + deploy, () -> {
            ExecResult r;
            try {
                r = ctx.attempt(Cmd.of("hosted-engine", "--deploy", "--config-append=" + path), null);
            } finally {
                // the admin password stays on the host only while setup reads it
                ctx.change(Cmd.of("rm", "-f", "--", path));
            }
            ctx.set("rc", r.rc());
            ctx.set("stdout_tail", scrub(tail(r.stdout(), 20), password));
            if (!r.ok()) {
                String why = r.stderr().isBlank() ? tail(r.stdout(), 10) : tail(r.stderr(), 10);
                ctx.fail("hosted-engine --deploy failed (rc=" + r.rc() + "): " + scrub(why, password));
            }
            ctx.set("deployed", true);
        });
        ctx.msg(ctx.checkMode()
                ? "would write " + path + ", then would run " + deploy
                : (ctx.bool("additionalHost") ? "added this host to the hosted engine" : "deployed the hosted engine")
                        + " (host id " + hostId + ")");
    }

    /** The answer file's keys and typed values, in the order they are written. */
    static Map<String, String> answers(ModuleContext ctx) {
        boolean additional = ctx.bool("additionalHost");
        int hostId = ctx.integer("hostId");
        if (additional && hostId < 2) {
            ctx.fail("an additional host needs a hostId above 1 (1 is the first host's), got " + hostId);
        }
        if (!additional && hostId != 1) {
            ctx.fail("the first host has hostId 1; set additionalHost: true to add host " + hostId);
        }
        String connection = ctx.str("storageConnection");
        if (!connection.matches("[A-Za-z0-9._-]+:/\\S*")) {
            ctx.fail("storageConnection must be HOST:/PATH, got '" + connection + "'");
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("OVEHOSTED_CORE/deployProceed", "bool:True");
        a.put("OVEHOSTED_CORE/confirmSettings", "bool:True");
        a.put("OVEHOSTED_CORE/isAdditionalHost", additional ? "bool:True" : "bool:False");
        a.put("OVEHOSTED_STORAGE/hostID", "int:" + hostId);
        a.put("OVEHOSTED_STORAGE/domainType", str(ctx, "domainType"));
        a.put("OVEHOSTED_STORAGE/storageDomainConnection", "str:" + connection);
        a.put("OVEHOSTED_STORAGE/storageDomainName", str(ctx, "storageDomainName"));
        a.put("OVEHOSTED_STORAGE/storageDatacenterName", str(ctx, "datacenterName"));
        a.put("OVEHOSTED_NETWORK/bridgeName", str(ctx, "bridge"));
        a.put("OVEHOSTED_NETWORK/bridgeIf", str(ctx, "nic"));
        a.put("OVEHOSTED_NETWORK/fqdn", str(ctx, "fqdn"));
        if (ctx.has("gateway")) {
            a.put("OVEHOSTED_NETWORK/gateway", str(ctx, "gateway"));
        }
        if (ctx.has("firewallManager")) {
            a.put("OVEHOSTED_NETWORK/firewallManager", str(ctx, "firewallManager"));
        }
        if (ctx.str("adminPassword").isEmpty()) {
            ctx.fail("adminPassword is empty");
        }
        a.put("OVEHOSTED_ENGINE/adminPassword", str(ctx, "adminPassword"));
        if (ctx.has("appHostName")) {
            a.put("OVEHOSTED_ENGINE/appHostName", str(ctx, "appHostName"));
        }
        a.put("OVEHOSTED_VM/vmMemSizeMB", "int:" + positive(ctx, "vmMemSizeMB"));
        a.put("OVEHOSTED_VM/vmVCpus", "int:" + positive(ctx, "vmVCpus"));
        if (!additional) {
            // setup itself boots additional hosts' VM from disk and ignores these there
            String boot = ctx.str("vmBoot");
            a.put("OVEHOSTED_VM/vmBoot", "str:" + boot);
            if (boot.equals("cdrom") && !ctx.has("vmCdrom")) {
                ctx.fail("vmBoot 'cdrom' needs vmCdrom: the ISO image to install the engine VM from");
            }
            if (boot.equals("disk") && !ctx.has("ovfArchive")) {
                ctx.fail("vmBoot 'disk' needs ovfArchive: the engine appliance's OVF archive");
            }
            if (ctx.has("vmCdrom")) {
                a.put("OVEHOSTED_VM/vmCDRom", str(ctx, "vmCdrom"));
            }
            if (ctx.has("ovfArchive")) {
                a.put("OVEHOSTED_VM/ovfArchive", str(ctx, "ovfArchive"));
            }
        }
        for (Map.Entry<String, Object> e : ctx.map("extra").entrySet()) {
            if (!KEY.matcher(e.getKey()).matches()) {
                ctx.fail("extra: '" + e.getKey() + "' is not an answer-file key like OVEHOSTED_VM/vmMACAddr");
            }
            a.put(e.getKey(), typed(ctx, e.getKey(), e.getValue()));
        }
        return a;
    }

    private static String str(ModuleContext ctx, String param) {
        return "str:" + oneLine(ctx, param, ctx.str(param));
    }

    private static int positive(ModuleContext ctx, String param) {
        int n = ctx.integer(param);
        if (n < 1) {
            ctx.fail(param + " must be at least 1, got " + n);
        }
        return n;
    }

    /** A value in otopi's TYPE:VALUE form. */
    static String typed(ModuleContext ctx, String key, Object v) {
        if (v == null) {
            return "none:None";
        }
        if (v instanceof Boolean b) {
            return b ? "bool:True" : "bool:False";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return "int:" + v;
        }
        String s = oneLine(ctx, key, v.toString());
        return TYPED.matcher(s).matches() ? s : "str:" + s;
    }

    /** A line break in a value would smuggle further keys into the answer file. */
    private static String oneLine(ModuleContext ctx, String name, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            ctx.fail(name + " must be on one line");
        }
        return value;
    }

    static String render(Map<String, String> answers) {
        StringBuilder b = new StringBuilder("# written by gplay's hostedEngine module for hosted-engine --deploy --config-append\n");
        b.append("[environment:default]\n");
        answers.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** The answer file with every secret value replaced by ********, its otopi type kept. */
    static String mask(String content) {
        if (content == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String line : content.split("(?<=\n)")) {
            int eq = line.indexOf('=');
            if (eq > 0 && SECRET_KEY.matcher(line.substring(0, eq)).matches()) {
                String value = line.substring(eq + 1);
                int colon = value.indexOf(':');
                String type = colon > 0 && value.substring(0, colon).matches("[a-z]+") ? value.substring(0, colon + 1) : "";
                b.append(line, 0, eq + 1).append(type).append(MASK).append(line.endsWith("\n") ? "\n" : "");
            } else {
                b.append(line);
            }
        }
        return b.toString();
    }

    private static void writeAnswers(ModuleContext ctx, String path, String content) throws Exception {
        RemoteFile cur = ctx.stat(path);
        if (cur.exists() && !cur.isFile()) {
            ctx.fail(path + " is a " + cur.type() + ", not a file");
        }
        String before = cur.isFile() ? cur.content() : "";
        if (!cur.exists() || !before.equals(content)) {
            String what = (cur.exists() ? "update " : "write ") + path + " (mode 0600)";
            if (cur.exists() && mask(before).equals(mask(content))) {
                what += ": the admin password differs";
            }
            ctx.converge(what, new Diff(path, mask(before), mask(content)), () -> {
                String dir = path.contains("/") ? path.substring(0, Math.max(1, path.lastIndexOf('/'))) : ".";
                ctx.change(Cmd.of("mkdir", "-p", "--", dir));
                ctx.writeFile(path, content, "600");
            });
            ctx.predict(new RemoteFile(path, "file", cur.owner(), cur.group(), "600", null, content));
        } else if (Integer.parseInt(cur.mode(), 8) != 0600) {
            ctx.converge("set mode of " + path + " from " + cur.mode() + " to 0600",
                    () -> ctx.change(Cmd.of("chmod", "--", "600", path)));
        }
    }

    /** Whether vm-status output has a host block with this id ("Host ID : 2"). */
    static boolean listsHost(String vmStatus, int hostId) {
        Matcher m = Pattern.compile("(?m)^\\s*Host ID\\s*:\\s*(\\d+)\\s*$").matcher(vmStatus);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == hostId) {
                return true;
            }
        }
        return false;
    }

    private static String tail(String text, int lines) {
        List<String> all = Arrays.asList(text.strip().split("\n"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String scrub(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, MASK);
    }
}
