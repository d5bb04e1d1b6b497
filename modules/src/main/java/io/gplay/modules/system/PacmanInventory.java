package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What pacman knows, read once a task, as community.general's pacman reads it: installed packages (--query, "NAME
 * VERSION"), the sync databases' groups (--sync --groups --groups, "GROUP NAME") and packages (--sync --list,
 * "REPO NAME VERSION"), and the upgrades (--query --upgrades, "NAME OLD -> NEW", exit 1 with none).
 */
final class PacmanInventory {
    private final ModuleContext ctx;
    private final String exe;
    private Map<String, String> installed;
    private Map<String, String[]> upgradable;

    PacmanInventory(ModuleContext ctx, String exe) {
        this.ctx = ctx;
        this.exe = exe;
    }

    /** Installed package → its version. */
    Map<String, String> installed() {
        if (installed == null) {
            installed = new LinkedHashMap<>();
            ExecResult r = ctx.probe(PacmanModule.pacman(exe, "--query"));
            if (!r.ok() && !(r.rc() == 1 && r.stdout().isBlank())) { // 1 and nothing listed: no package at all
                ctx.fail("pacman --query: " + r.reason());
            }
            for (String[] f : lines(r.stdout())) {
                if (f.length >= 2) {
                    installed.put(f[0], f[1]);
                }
            }
        }
        return installed;
    }

    /** Installed package with a newer version in the sync databases → {installed, newer}; none ignored. */
    Map<String, String[]> upgradable() {
        if (upgradable == null) {
            upgradable = new LinkedHashMap<>();
            ExecResult r = ctx.probe(PacmanModule.pacman(exe, "--query", "--upgrades"));
            if (r.rc() != 0 && !r.stdout().isBlank() || r.rc() > 1) {
                ctx.fail("pacman --query --upgrades: " + r.reason());
            }
            for (String[] f : lines(r.stdout())) {
                if (f.length == 4 && f[2].equals("->")) {
                    upgradable.put(f[0], new String[]{f[1], f[3]});
                }
            }
        }
        return upgradable;
    }

    /** The names with each group of the sync databases replaced by its packages. */
    List<String> expand(List<String> names) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (names.stream().allMatch(this::isFile)) {
            return names;
        }
        for (String[] f : lines(ctx.read(PacmanModule.pacman(exe, "--sync", "--groups", "--groups")))) {
            if (f.length == 2) {
                groups.computeIfAbsent(f[0], g -> new ArrayList<>()).add(f[1]);
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (groups.containsKey(n) && !installed().containsKey(n)) {
                out.addAll(groups.get(n));
            } else {
                out.add(n);
            }
        }
        return out;
    }

    /** A package file on the host or its URL, which pacman --upgrade installs. */
    boolean isFile(String pkg) {
        return pkg.contains("://") || pkg.startsWith("/") || pkg.matches(".*\\.pkg\\.tar(\\.\\w+)?");
    }

    /** A package's name: NAME of REPO/NAME. */
    String name(String pkg) {
        return !isFile(pkg) && pkg.contains("/") ? pkg.substring(pkg.indexOf('/') + 1) : pkg;
    }

    private static List<String[]> lines(String out) {
        List<String[]> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank() && !l.contains("[ignored]")) {
                lines.add(l.strip().split("\\s+"));
            }
        }
        return lines;
    }
}
