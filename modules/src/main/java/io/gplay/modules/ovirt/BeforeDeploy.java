package io.gplay.modules.ovirt;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.firewall.IptablesRules;

/** What {@link HostedEngineModule} reads on the host before it runs setup: whether it must, and whether setup will take its image. */
final class BeforeDeploy {
    private BeforeDeploy() {
    }

    /**
     * Whether setup deployed this host already, from the configuration it leaves ({@link SetupConfiguration}),
     * as its own hosted-engine command decides; a configuration of another host id is refused.
     */
    static boolean deployed(ModuleContext ctx, int hostId) {
        RemoteFile file = ctx.stat(SetupConfiguration.PATH, true);
        if (!file.isFile()) {
            return false;
        }
        SetupConfiguration conf = SetupConfiguration.parse(file.content());
        if (conf.hostId() != hostId) {
            ctx.fail(SetupConfiguration.PATH + " says this host was deployed as host id " + conf.hostId() + ", not "
                    + hostId + "; refusing to deploy again (is hostId right?)");
        }
        if (conf.vmConf().isEmpty() || !ctx.stat(conf.vmConf()).isFile()) {
            ctx.fail(SetupConfiguration.PATH + " names the VM configuration '" + conf.vmConf() + "', which is not"
                    + " there: an earlier hosted-engine --deploy stopped half-way; see /var/log/ovirt-hosted-engine-setup");
        }
        ctx.set("deployed", true);
        ctx.set("found", "deployed as host id " + hostId + " (" + SetupConfiguration.PATH + ")");
        ctx.set("vm_status", ctx.probe(Cmd.of("hosted-engine", "--vm-status")).stdout().strip());
        ctx.msg("the hosted engine is already deployed on this host (host id " + hostId + ", " + SetupConfiguration.PATH + ")");
        return true;
    }

    /**
     * The install image as setup 1.1 checks it before it takes it (vm/boot_cdrom.py:52-95): readable by
     * {@code sudo -u vdsm -g kvm test -r}, which an image under /root is not. Checked only once vdsm, which setup
     * installs with itself, is there.
     */
    static void checkInstallImage(ModuleContext ctx) {
        if (ctx.bool("additionalHost") || !ctx.str("vmBoot").equals("cdrom") || !ctx.probe(Cmd.of("id", "-u", "vdsm")).ok()) {
            return;
        }
        String iso = ctx.str("vmCdrom");
        if (!ctx.probe(Cmd.of("sudo", "-n", "-u", "vdsm", "-g", "kvm", "test", "-r", iso)).ok()) {
            ctx.fail("vmCdrom " + iso + " cannot be read by the vdsm user and kvm group, and setup checks that (sudo -u vdsm"
                    + " -g kvm test -r) before it takes it: put the image where they can read it (not under /root),"
                    + " e.g. /var/tmp, with mode 0644");
        }
    }

    /**
     * In check mode, that the deploy will have the engine replace the host's firewall rules: setup 1.1 adds the
     * host with override_iptables=True (engine/add_host.py:432), and host-deploy writes the engine's rules (otopi-1.2
     * src/plugins/otopi/network/iptables.py:87-118), so a later task putting the procedure's rules back predicts
     * its change as the real run makes it.
     */
    static void predictFirewallOverride(ModuleContext ctx) {
        String path = IptablesRules.defaultPath(ctx.fact("osFamily"));
        ctx.predict(new RemoteFile(path, "file", "root", "root", "600", null, "# the engine's rules, written by host-deploy\n"));
    }
}
