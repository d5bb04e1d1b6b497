package io.gplay.modules.ovirt;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Deploys oVirt's self-hosted engine on a host, or adds a host to it, by running {@code hosted-engine --deploy}
 * of ovirt-hosted-engine-setup 1.1 (oVirt 3.4) and answering its dialog as it asks, through otopi's machine
 * dialog: {@link SetupAnswers} knows every question of setup 1.1 and the parameter that answers it,
 * {@link DeployDialog} drives the dialog, {@link OperatorSteps} waits on the two steps setup leaves to a person,
 * {@link DeployProcess} keeps setup running on the host apart from gplay's connection, so a later run resumes it.
 * The answer file given with {@code --config-append} holds only the keys setup never asks (and {@code extra}).
 */
public final class HostedEngineModule implements Module {
    private static final String DEFAULT_ANSWERS = "/etc/ovirt-hosted-engine/gplay-answers.conf";
    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]*/[A-Za-z0-9_.]+");
    private static final Pattern TYPED = Pattern.compile("(str|int|bool|none):.*", Pattern.DOTALL);
    /** A path otopi's blank-splitting of --config-append leaves whole. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/-]+");

    private static final ModuleSpec SPEC = new ModuleSpec("hostedEngine",
            "Deploys oVirt's self-hosted engine (hosted-engine --deploy of setup 1.1), answering its dialog, or adds this host to it.")
            .param(Param.required("storageConnection", ParamType.STRING,
                    "NFS export for the engine VM's storage domain, HOST:/PATH (e.g. the CTDB virtual IP: '10.0.0.200:/engine')"))
            .param(Param.choice("domainType", "nfs3", List.of("nfs3", "nfs4"), "NFS version of the storage domain"))
            .param(Param.required("fqdn", ParamType.STRING, "host name of the engine VM"))
            .param(Param.required("adminPassword", ParamType.STRING,
                    "password of admin@internal; sent on setup's standard input, never shown"))
            .param(Param.optional("bridge", ParamType.STRING, "ovirtmgmt", "management bridge to create"))
            .param(Param.required("nic", ParamType.STRING, "NIC the management bridge is built on"))
            .param(Param.optional("gateway", ParamType.STRING, null, "a pingable gateway address; setup 1.1 asks it on every host"))
            .param(Param.optional("configureFirewall", ParamType.BOOL, null,
                    "answer to 'iptables was detected on your computer, do you wish setup to configure it?' (asked on the "
                            + "first host when the iptables service exists); false keeps the host's own rules, as the procedure says"))
            .param(Param.optional("vmMemSizeMB", ParamType.INT, 4096, "engine VM memory in MB (vmBoot: disk takes the OVF archive's)"))
            .param(Param.optional("vmVCpus", ParamType.INT, 2, "engine VM virtual CPUs (vmBoot: disk takes the OVF archive's)"))
            .param(Param.optional("vmDiskSizeGB", ParamType.INT, 25, "engine VM disk in GB (vmBoot: disk takes the OVF archive's)"))
            .param(Param.choice("vmBoot", "cdrom", List.of("cdrom", "disk", "pxe"), "engine VM boot device (first host only)"))
            .param(Param.optional("vmCdrom", ParamType.STRING, null, "ISO image to install the engine VM from (needed for vmBoot: cdrom)"))
            .param(Param.optional("ovfArchive", ParamType.STRING, null, "OVF archive of an engine appliance (needed for vmBoot: disk)"))
            .param(Param.optional("vmMac", ParamType.STRING, null, "the VM's MAC address (unset: setup's random 00:16:3e one)"))
            .param(Param.optional("cpuType", ParamType.STRING, null, "the VM's CPU model, e.g. model_Nehalem (unset: the best setup offers)"))
            .param(Param.choice("consoleType", "vnc", List.of("vnc", "spice"), "the VM's console"))
            .param(Param.optional("tempDir", ParamType.STRING, null,
                    "vmBoot: disk: a directory with room for the OVF archive's disk, given when setup finds its own "
                            + "temporary directory (TMPDIR, else /tmp) too small and asks for another"))
            .param(Param.optional("storageDomainName", ParamType.STRING, "hosted_storage", "name of the engine's storage domain"))
            .param(Param.optional("datacenterName", ParamType.STRING, "hosted_datacenter", "name of the engine's data center"))
            .param(Param.optional("appHostName", ParamType.STRING, null,
                    "name of this host in the Administrator Portal (unset: setup's hosted_engine_ID)"))
            .param(Param.optional("notifications", ParamType.MAP, null,
                    "the HA broker's mail: smtpServer, smtpPort, sourceEmail, destEmail (unset: broker.conf's values)"))
            .param(Param.optional("additionalHost", ParamType.BOOL, false, "this host joins a hosted engine deployed on another host"))
            .param(Param.optional("firstHostAnswers", ParamType.STRING, null,
                    "an additional host: the first host's /etc/ovirt-hosted-engine/answers.conf (its VM's and storage's ids, "
                            + "the CPU type), which setup 1.1 needs; written here with mode 0600 and given before gplay's own file"))
            .param(Param.optional("hostId", ParamType.INT, 1, "hosted-engine host id: 1 on the first host, unique and above 1 on the others"))
            .param(Param.optional("redeploy", ParamType.BOOL, false, "answer yes when setup finds this host id already in use"))
            .param(Param.optional("unattended", ParamType.BOOL, false,
                    "vmCdrom is a kickstart image that installs the OS, powers the VM off, and runs engine-setup with its "
                            + "answer file at first boot: the run waits without asking the operator anything"))
            .param(Param.optional("installTimeout", ParamType.INT, 10800,
                    "seconds to wait for the VM's OS install (setup's temporary console password lasts 3 hours)"))
            .param(Param.optional("engineTimeout", ParamType.INT, 10800, "seconds to wait for the engine's health page"))
            .param(Param.optional("questionTimeout", ParamType.INT, 1800, "seconds setup may work without a word before the task fails"))
            .param(Param.optional("progressInterval", ParamType.INT, 60, "seconds between two progress lines of a wait"))
            .param(Param.optional("answerFile", ParamType.STRING, DEFAULT_ANSWERS, "where the answer file is written (mode 0600)"))
            .param(Param.optional("workDir", ParamType.STRING, "/var/lib/gplay/hosted-engine",
                    "where setup's dialog lives on the host while it runs (mode 0700)"))
            .param(Param.optional("extra", ParamType.MAP, null,
                    "answer-file keys, for what setup never asks, e.g. ['OVEHOSTED_VDSM/spicePkiSubject': 'C=EN, O=Test']; "
                            + "values are typed for otopi (String → str:, int → int:, boolean → bool:, null → none:) unless already "
                            + "written as 'str:…'"))
            .requiredIf(Map.of("vmBoot", "cdrom", "additionalHost", false), "vmCdrom")
            .requiredIf(Map.of("vmBoot", "disk", "additionalHost", false), "ovfArchive")
            .checkMode("reads setup's configuration (read-only); when not deployed, reports the answer file's diff "
                    + "and that it would run hosted-engine --deploy and answer its dialog, and runs nothing")
            .notes("Idempotent through what setup 1.1 leaves on a deployed host, as its own hosted-engine command decides: "
                    + "/etc/ovirt-hosted-engine/hosted-engine.conf with this host's id and the VM configuration it names; "
                    + "then nothing is done (hosted-engine --vm-status exits 0 on a host never deployed, so its status says nothing). "
                    + "Otherwise `hosted-engine --deploy` runs on the host, detached from gplay's connection, in otopi's machine "
                    + "dialog, and every question is answered as setup 1.1 asks it (names from the ovirt-hosted-engine-setup-1.1 "
                    + "branch; each progress line shows the question and the answer, the password as ********). A question "
                    + "no parameter answers fails the task at once, naming the question and the parameter, and stops setup "
                    + "(it changes nothing before its questions end). Setup stops twice for a person on the first host: "
                    + "OVEHOSTED_INSTALLING_OS (install the OS in the VM, then shut it down) and OVEHOSTED_ENGINE_UP (install "
                    + "and set up the engine in the VM); the run shows what to do and the console command setup printed (its "
                    + "temporary password stays in workDir/out on the host), waits for the VM to power off (vdsClient) and for "
                    + "http://FQDN/ovirt-engine/services/health to say DB Up, with a progress line and a timeout, and answers "
                    + "for the operator. On a timeout or Ctrl-C setup keeps waiting on the host and the next run resumes its "
                    + "dialog. Additional hosts answer OVEHOSTED_ADDITIONAL_HOST and OVEHOSTED_HOST_ID and are given the first "
                    + "host's answers (firstHostAnswers) before their own file, so setup neither fetches them by scp nor "
                    + "makes the host a VM of its own. Setup 1.1 logs what it receives in machine mode "
                    + "in its own log (/var/log/ovirt-hosted-engine-setup), the password too. "
                    + "oVirt cannot run on the machines gplay is tested on: the module is tested against "
                    + "lab/stand-ins/hosted-engine, a stand-in built from setup 1.1's and otopi 1.2's source that asks the same "
                    + "questions in the same order through the same dialog, waits as setup does, and deploys nothing "
                    + "(docs/stand-ins.md lists what it replicates, each with its upstream file:line).")
            .returns("answer_file", "string", "success", "the answer file written for setup", "/etc/ovirt-hosted-engine/gplay-answers.conf")
            .returns("host_id", "int", "success", "this host's hosted-engine host id", "1")
            .returns("found", "string", "success", "what the task found, in words: deployed (with the host id and file that say so), a deploy running that it resumed, or not deployed and why",
                    "not deployed: no /etc/ovirt-hosted-engine/hosted-engine.conf")
            .returns("deployed", "bool", "success", "whether the hosted engine is deployed on this host after the task (in check mode: already was)", "true")
            .returns("vm_status", "string", "when it was already deployed", "what hosted-engine --vm-status printed", "--== Host 1 status ==-- ... Engine status : {\"health\": \"good\", \"vm\": \"up\"}")
            .example("hostedEngine 'deploy the self-hosted engine', storageConnection: '10.0.0.200:/engine',\n"
                    + "        fqdn: 'engine.example.com', adminPassword: { vars.engine_admin_password }, nic: 'eth0',\n"
                    + "        gateway: '10.0.0.1', configureFirewall: false, vmCdrom: '/tmp/CentOS-6.5-x86_64-minimal.iso'")
            .example("hostedEngine 'add this host to the hosted engine', storageConnection: '10.0.0.200:/engine',\n"
                    + "        fqdn: 'engine.example.com', adminPassword: { vars.engine_admin_password }, nic: 'eth0',\n"
                    + "        gateway: '10.0.0.1', additionalHost: true, hostId: { groups.ovirt.indexOf(host) + 1 }");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("answerFile");
        int hostId = ctx.integer("hostId");
        String content = AnswerFile.render(answers(ctx));

        ctx.requireProgram("hosted-engine",
                "install ovirt-hosted-engine-setup from the oVirt 3.4 repository (ovirt-release) first");
        ctx.set("answer_file", path);
        ctx.set("host_id", hostId);

        DeployProcess setup = new DeployProcess(ctx, ctx.str("workDir"));
        boolean resume = setup.running();
        if (!resume && BeforeDeploy.deployed(ctx, hostId)) {
            return;
        }
        ctx.set("found", resume ? "hosted-engine --deploy running in " + setup.dir() + ": its dialog is resumed"
                : "not deployed: no " + SetupConfiguration.PATH);
        ctx.set("deployed", false);
        String append = path;
        if (!resume) {
            BeforeDeploy.checkInstallImage(ctx);
            String first = ctx.bool("additionalHost") ? FirstHostAnswers.write(ctx, path) : null;
            append = first == null ? path : first + ":" + path;
            AnswerFile.write(ctx, path, content, AnswerFile::mask, null);
        }
        String files = append;
        String what = resume ? "resume the dialog of hosted-engine --deploy running in " + setup.dir()
                : "run hosted-engine --deploy --config-append=" + files + " and answer its dialog";
        ctx.converge(what, () -> {
            int answered = resume ? setup.answered() : 0;
            if (!resume) {
                setup.start(files);
            }
            try {
                new DeployDialog(ctx, setup, answered).run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.fail("interrupted; hosted-engine --deploy goes on on the host: run the task again to resume it");
            }
            ctx.set("deployed", true);
        });
        BeforeDeploy.predictFirewallOverride(ctx);
        ctx.msg(ctx.checkMode() ? "would " + what
                : (ctx.bool("additionalHost") ? "added this host to the hosted engine" : "deployed the hosted engine")
                        + " (host id " + hostId + ")");
    }

    /**
     * The answer file's keys and typed values: only what setup never asks (the bridge's name) and {@code extra};
     * every other value goes through the dialog. Checks the parameters setup will certainly need first.
     */
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
        if (!PLAIN_PATH.matcher(ctx.str("answerFile")).matches()) {
            ctx.fail("answerFile must be an absolute path of letters, digits and . _ / - (setup splits its option on blanks)");
        }
        if (!ctx.has("gateway")) {
            ctx.fail("set gateway: setup 1.1 asks for a pingable gateway (OVEHOSTED_GATEWAY) on every host");
        }
        if (ctx.str("adminPassword").isEmpty()) {
            ctx.fail("adminPassword is empty");
        }
        if (ctx.has("vmCdrom") && !ctx.str("vmCdrom").startsWith("/")) {
            ctx.fail("vmCdrom must be an absolute path, got '" + ctx.str("vmCdrom") + "'");
        }
        if (ctx.has("tempDir") && !ctx.str("tempDir").startsWith("/")) {
            ctx.fail("tempDir must be an absolute path, got '" + ctx.str("tempDir") + "'");
        }
        for (String p : List.of("vmMemSizeMB", "vmVCpus", "vmDiskSizeGB", "installTimeout", "engineTimeout",
                "questionTimeout", "progressInterval")) {
            positive(ctx, p);
        }
        for (String p : List.of("fqdn", "nic", "gateway", "vmCdrom", "ovfArchive", "vmMac", "cpuType", "appHostName",
                "storageDomainName", "datacenterName", "adminPassword", "tempDir")) {
            if (ctx.has(p)) {
                oneLine(ctx, p, ctx.str(p));
            }
        }
        Map<String, String> a = new LinkedHashMap<>();
        if (!ctx.str("bridge").equals("ovirtmgmt")) {
            a.put("OVEHOSTED_NETWORK/bridgeName", str(ctx, "bridge"));
        }
        if (additional) {
            a.put("OVEHOSTED_NETWORK/bridgeIf", str(ctx, "nic")); // this host's, over the first host's answer
        }
        for (Map.Entry<String, Object> e : ctx.map("extra").entrySet()) {
            if (!KEY.matcher(e.getKey()).matches()) {
                ctx.fail("extra: '" + e.getKey() + "' is not an answer-file key like OVEHOSTED_VDSM/spicePkiSubject");
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
}
