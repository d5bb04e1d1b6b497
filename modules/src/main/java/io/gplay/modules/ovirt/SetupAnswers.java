package io.gplay.modules.ovirt;

import io.gplay.engine.module.ModuleContext;

import java.util.Map;

/**
 * Every question ovirt-hosted-engine-setup 1.1 can ask during a deploy, by its dialog name (as its plugins
 * pass it to otopi's queryString), and the parameter of hostedEngine that answers it. Names and valid answers
 * are those of the ovirt-hosted-engine-setup-1.1 branch: core/misc.py, core/shell.py, core/preview.py,
 * core/remote_answerfile.py, storage/storage.py, network/bridge.py, network/firewall_manager.py,
 * network/gateway.py, vm/configurevm.py, vm/boot_cdrom.py, vm/boot_disk.py, vdsmd/cpu.py, vm/cpu.py,
 * vm/image.py, vm/mac.py, vm/memory.py, vm/runvm.py, engine/add_host.py, engine/fqdn.py, engine/health.py,
 * ha/ha_notifications.py.
 */
final class SetupAnswers {
    /** What to do with a question: answer it, wait for a person's step first, or fail naming the parameter. */
    sealed interface Reply permits Answer, Step, Missing {
    }

    /** An answer line; an empty line takes setup's own default (shown in the question's prompt). */
    record Answer(String line, boolean secret) implements Reply {
    }

    /** One of the two stops for a person; the module waits for its observable end and then answers "1". */
    record Step(String name) implements Reply {
    }

    record Missing(String why) implements Reply {
    }

    static final String INSTALLING_OS = "OVEHOSTED_INSTALLING_OS";
    static final String ENGINE_UP = "OVEHOSTED_ENGINE_UP";

    /** Questions answered from a parameter: dialog name → parameter. */
    private static final Map<String, String> FROM_PARAM = Map.ofEntries(
            Map.entry("OVEHOSTED_STORAGE_DOMAIN_TYPE", "domainType"),
            Map.entry("OVEHOSTED_STORAGE_DOMAIN_CONNECTION", "storageConnection"),
            Map.entry("OVEHOSTED_STORAGE_DOMAIN_NAME", "storageDomainName"),
            Map.entry("OVEHOSTED_STORAGE_DATACENTER_NAME", "datacenterName"),
            Map.entry("ovehosted_bridge_if", "nic"),
            Map.entry("OVEHOSTED_GATEWAY", "gateway"),
            Map.entry("OVEHOSTED_VMENV_BOOT", "vmBoot"),
            Map.entry("OVEHOSTED_VMENV_CDROM", "vmCdrom"),
            Map.entry("OVEHOSTED_VMENV_OVF", "ovfArchive"),
            Map.entry("ovehosted_vmenv_cpu", "vmVCpus"),
            Map.entry("ovehosted_vmenv_mem", "vmMemSizeMB"),
            Map.entry("ovehosted_vmenv_mem:disk", "vmDiskSizeGB"),
            Map.entry("OVEHOSTED_VM_CONSOLE_TYPE", "consoleType"),
            Map.entry("OVEHOSTED_NETWORK_FQDN", "fqdn"),
            Map.entry("ENGINE_ADMIN_PASSWORD", "adminPassword"));

    /** Questions whose unset parameter takes setup's default, which depends on the host (an empty line). */
    private static final Map<String, String> DEFAULT_WHEN_UNSET = Map.of(
            "ovehosted_vmenv_cpu_type", "cpuType",
            "ovehosted_vmenv_mac", "vmMac",
            "APP_HOST_NAME", "appHostName");

    private final ModuleContext ctx;

    SetupAnswers(ModuleContext ctx) {
        this.ctx = ctx;
    }

    Reply reply(SetupDialog.Question q) {
        String name = q.name();
        switch (name) {
            case "DEPLOY_PROCEED", "SETTINGS_PROCEED":
                return new Answer("Yes", false);   // running the task is the decision; the settings are the parameters
            case "SCREEN_PROCEED":
                return new Answer("Yes", false);   // setup runs detached from the SSH session: a lost connection does not stop it
            case INSTALLING_OS, ENGINE_UP:
                return new Step(name);
            case "OVEHOSTED_ADDITIONAL_HOST":
                return yesNo(ctx.bool("additionalHost"));
            case "OVEHOSTED_HOST_ID":
                return ctx.bool("additionalHost") ? new Answer(String.valueOf(ctx.integer("hostId")), false)
                        : new Missing("setup asks for this host's id, which only an additional host is asked; set "
                        + "additionalHost: true and hostId");
            case "OVEHOSTED_RE_DEPLOY_HOST":
                return yesNo(ctx.bool("redeploy"));
            case "OHOSTED_NETWORK_FIREWALL_MANAGER":
                return ctx.has("configureFirewall") ? yesNo(ctx.bool("configureFirewall"))
                        : missing(q, "configureFirewall", "(false keeps the host's own firewall, as the procedure does)");
            case "CPU_PROCEED", "MEMORY_PROCEED", "DISK_PROCEED":
                // asked when a value is below setup's minimum, its default (vm/cpu.py:88-110, vm/image.py:101-123,
                // vm/memory.py:88-110 of the 1.1 branch)
                return new Missing("setup warns that the VM's " + name.substring(0, name.indexOf('_')).toLowerCase()
                        + " is below its minimum requirement ('" + q.prompt() + "'); raise it to at least setup's"
                        + " minimum: vmVCpus 2, vmDiskSizeGB 25, vmMemSizeMB 4096");
            case "OVEHOSTED_COREENV_TEMPDIR":
                // vm/boot_disk.py:438-481: asked only after setup found its temporary directory (TMPDIR, else /tmp)
                // short of the OVF archive's disk, with that directory as its default, so only another one will do
                return ctx.has("tempDir") ? new Answer(ctx.str("tempDir"), false)
                        : new Missing("setup has too little room in its temporary directory to unpack the OVF archive's"
                        + " disk ('" + q.prompt() + "'): set tempDir to a directory with that much free space");
            case "OVEHOSTED_CORE_FETCH_ANSWER", "OVEHOSTED_NET_FIRST_HOST_FQDN", "HOST_FIRST_HOST_ROOT_PASSWORD":
                return new Missing("setup offers to fetch the first host's answer file over scp, which it does only without "
                        + "--config-append; hostedEngine always passes its own answer file, so this setup is not 1.1's");
            default:
                break;
        }
        if (name.startsWith("DIALOGOVEHOSTED_NOTIF/")) {
            Object v = ctx.map("notifications").get(name.substring("DIALOGOVEHOSTED_NOTIF/".length()));
            return new Answer(v == null ? "" : v.toString(), false);
        }
        String param = DEFAULT_WHEN_UNSET.get(name);
        if (param != null) {
            return new Answer(ctx.has(param) ? ctx.get(param).toString() : "", false);
        }
        param = FROM_PARAM.get(q.key());
        if (param == null) {
            return new Missing("setup asks " + name + " ('" + q.prompt() + "'), which no parameter of hostedEngine answers; "
                    + "set its environment key in `extra` (see the setup 1.1 source for the key)");
        }
        if (!ctx.has(param)) {
            return missing(q, param, "");
        }
        return new Answer(ctx.get(param).toString(), param.equals("adminPassword"));
    }

    private static Answer yesNo(boolean yes) {
        return new Answer(yes ? "Yes" : "No", false);
    }

    private static Missing missing(SetupDialog.Question q, String param, String hint) {
        return new Missing("setup asks " + q.name() + " ('" + q.prompt() + "') and the parameter " + param
                + " that answers it is not set" + (hint.isEmpty() ? "" : " " + hint));
    }
}
