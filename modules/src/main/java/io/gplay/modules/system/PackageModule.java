package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.List;

/**
 * Installs, upgrades or removes packages with the host's package manager (apt, yum or dnf, from facts): Ansible's
 * package, apt (ansible-core 2.14, modules/apt.py), yum and dnf under one name, each parameter given to the
 * managers that know it. apt's work is {@link AptPackages}, yum's and dnf's {@link RpmPackages}.
 */
public final class PackageModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("package", "Installs, upgrades or removes packages with apt, yum or dnf (chosen from facts), as Ansible's package, apt, yum and dnf. In the DSL: `packages`.")
            .dslName("packages")
            .primary("name")
            .param(Param.optional("name", ParamType.LIST, null, "a package name or a list of them; apt takes a version as nginx=1.22* (a glob),"
                    + " yum and dnf as nginx-1.22.1"))
            .param(Param.choice("state", "present", List.of("present", "absent", "latest"),
                    "present: installed (the version named, when one is); absent: removed; latest: installed and upgraded when a newer version is there"))
            .param(Param.optional("manager", ParamType.STRING, null, "apt, yum or dnf; by default the one the host's facts name"))
            .param(Param.optional("updateCache", ParamType.BOOL, false, "apt: apt-get update first (alone too, with no name); yum and dnf: expire the"
                    + " metadata first, which is not a change (as in Ansible)"))
            .param(Param.optional("cacheValidTime", ParamType.INT, null, "apt: update only when the cache is older than this many seconds; sets updateCache"))
            .param(Param.optional("deb", ParamType.STRING, null, "apt: a .deb file on the host (absolute path) or a URL the host downloads it from,"
                    + " installed unless dpkg has its package at its version"))
            .param(Param.optional("installRecommends", ParamType.BOOL, null, "apt: install recommended packages too (true) or not (false); apt's setting when not given"))
            .param(Param.optional("allowDowngrade", ParamType.BOOL, null, "apt: a version named below the installed one is installed (--allow-downgrades)"))
            .param(Param.optional("enablerepo", ParamType.LIST, null, "yum, dnf: repositories enabled for this task (--enablerepo)"))
            .param(Param.optional("disablerepo", ParamType.LIST, null, "yum, dnf: repositories disabled for this task, before enablerepo (--disablerepo)"))
            .param(Param.optional("purge", ParamType.BOOL, null, "apt: state absent purges (apt-get remove --purge), a package dpkg keeps only the config files of too"))
            .param(Param.optional("defaultRelease", ParamType.STRING, null, "apt: installs and upgrades from this release (apt-get -t), as bookworm-backports"))
            .param(Param.optional("policyRcD", ParamType.INT, null, "apt: while apt-get runs, /usr/sbin/policy-rc.d exits with this code (101: services"
                    + " are not started); the host's own file is put back after"))
            .param(Param.optional("allowerasing", ParamType.BOOL, null, "dnf: installs and upgrades may remove packages in their way (--allowerasing)"))
            .param(Param.optional("exclude", ParamType.LIST, null, "yum, dnf: packages (globs) left out of installs and upgrades (--exclude)"))
            .oneOf("name", "deb", "updateCache", "cacheValidTime")
            .leavesOut("use", "say manager: apt, yum or dnf")
            .leavesOut("state: installed, removed, fixed, build-dep", "say present or absent; fix or build with command")
            .leavesOut("upgrade", "a whole-system upgrade (apt-get dist-upgrade, yum update) is a command task")
            .leavesOut("autoremove, autoclean", "clean up with command: apt-get autoremove --purge")
            .leavesOut("dpkg_options, force, force_apt_get, allow_unauthenticated, allow_change_held_packages, only_upgrade, fail_on_autoremove, lock_timeout, update_cache_retries, update_cache_retry_max_delay",
                    "apt's own defaults; set them in apt.conf.d")
            .leavesOut("list, security, bugfix, conf_file, disable_gpg_check, disable_plugin, enable_plugin, installroot, releasever, download_only, download_dir, validate_certs, sslverify, skip_broken, autoremove, cacheonly, install_weak_deps, nobest, lock_timeout",
                    "yum's and dnf's own defaults; set them in yum.conf or dnf.conf")
            .checkMode("apt: predicts an install or removal from dpkg's database and an upgrade from apt-cache policy's candidate (the cache as it is: an"
                    + " update it would make is not run); yum and dnf: from rpm and yum check-update. A .deb is read (and downloaded) in check mode too")
            .notes("An apt cache update is a change whenever it runs, as Ansible's usually reports it: give cacheValidTime for a run that converges."
                    + " A version named is compared as apt-get compares it: the installed version must match the glob.")
            .returns("installed", "list", "success", "the packages named that were installed before the task", "[glusterfs-server]")
            .returns("packages", "list", "success", "the packages the task installs, upgrades or removes (none: nothing to do)", "[ctdb]")
            .returns("cache_updated", "bool", "success", "whether the package cache was updated (apt)", "true")
            .returns("cache_update_time", "int", "when updateCache or cacheValidTime is given (apt)", "when apt's cache was last updated, in seconds since the epoch", "1700000000")
            .returns("stdout", "string", "when the package manager ran", "what it printed", "Setting up ctdb (4.17.12) ...")
            .returns("stderr", "string", "when the package manager ran", "its warnings", "")
            .example("packages 'glusterfs-server'")
            .example("packages 'nfs and ctdb', name: ['nfs-utils', 'ctdb']")
            .example("packages 'nginx', state: 'latest', updateCache: true, cacheValidTime: 3600")
            .example("packages updateCache: true, cacheValidTime: 3600")
            .example("packages 'epel tools', name: 'htop', enablerepo: 'epel'")
            .example("packages 'nginx from backports, not started yet', name: 'nginx', defaultRelease: 'bookworm-backports', policyRcD: 101")
            .example("packages 'no old config', name: 'apache2', state: 'absent', purge: true")
            .example("packages 'openssl, the kernel held back', name: 'openssl', state: 'latest', exclude: ['kernel*']")
            .example("packages 'curl in place of curl-minimal', name: 'curl', allowerasing: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String mgr = ctx.has("manager") ? ctx.str("manager") : ctx.fact("pkgMgr");
        if (!List.of("apt", "yum", "dnf").contains(mgr)) {
            ctx.fail("no supported package manager on " + ctx.host().name() + " (facts say '" + mgr + "'; set manager:)");
        }
        if (mgr.equals("apt")) {
            refuse(ctx, mgr, "yum or dnf", "enablerepo", "disablerepo", "exclude");
            refuse(ctx, mgr, "dnf", "allowerasing");
            new AptPackages(ctx).run();
        } else {
            refuse(ctx, mgr, "apt", "deb", "installRecommends", "cacheValidTime", "allowDowngrade", "purge", "defaultRelease", "policyRcD");
            if (mgr.equals("yum")) {
                refuse(ctx, mgr, "dnf", "allowerasing");
            }
            new RpmPackages(ctx, mgr).run();
        }
    }

    /** A parameter the host's manager has no use for is refused rather than ignored: the task would not do what it says. */
    private static void refuse(ModuleContext ctx, String mgr, String where, String... params) {
        for (String p : params) {
            if (ctx.has(p)) {
                ctx.fail(p + " is not for " + mgr + " (" + ctx.host().name() + "'s package manager): drop it, or set it only where "
                        + where + " runs");
            }
        }
    }
}
