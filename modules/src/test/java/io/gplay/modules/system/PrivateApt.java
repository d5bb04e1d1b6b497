package io.gplay.modules.system;

import io.gplay.engine.connection.Connection;
import io.gplay.modules.Needs;
import io.gplay.modules.PathFirstConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real apt-get, apt-cache and dpkg on a world of their own in a temporary folder: a local repository
 * ({@code file:}, its Packages index made by apt-ftparchive) holding versions 1.0 and 2.0 of a made-up package
 * built with dpkg-deb, apt's lists and cache there (APT_CONFIG), and dpkg's database and root there (apt runs
 * dpkg with --root, dpkg-query reads DPKG_ADMINDIR), so this machine's own packages are never touched.
 */
final class PrivateApt {
    static final String PKG = "gplay-demo";
    /** The repository's release (its Release file's Suite), for apt-get -t. */
    static final String SUITE = "gplay-stable";

    final Path dir;
    final Path root;
    final Path repo;
    final Path lists;
    final Connection conn;

    PrivateApt(Path dir) throws Exception {
        for (String tool : List.of("dpkg-deb", "apt-ftparchive", "apt-get")) {
            Needs.require(on(tool), tool + " is needed (apt-get install apt-utils dpkg)");
        }
        this.dir = dir;
        root = dir.resolve("root");
        repo = Files.createDirectories(dir.resolve("repo"));
        lists = dir.resolve("state/lists");
        Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
        for (String d : List.of("info", "updates")) {
            Files.createDirectories(admin.resolve(d));
        }
        Files.writeString(admin.resolve("status"), "");
        Files.writeString(admin.resolve("available"), "");
        for (String d : List.of("state/lists/partial", "cache/archives/partial", "etc/apt/preferences.d", "etc/apt/apt.conf.d",
                "etc/apt/sources.list.d", "etc/apt/trusted.gpg.d", "bin")) {
            Files.createDirectories(dir.resolve(d));
        }
        for (String v : List.of("1.0", "2.0")) {
            Files.copy(deb(v), repo.resolve(PKG + "_" + v + "_all.deb"));
        }
        sh("cd " + repo + " && apt-ftparchive packages . > Packages");
        Files.writeString(dir.resolve("etc/apt/sources.list"), "deb [trusted=yes] file:" + repo + " ./\n");
        Path conf = dir.resolve("apt.conf");
        Files.writeString(conf, "Dir::Etc \"" + dir.resolve("etc/apt") + "\";\nDir::State \"" + dir.resolve("state") + "\";\n"
                + "Dir::State::status \"" + admin.resolve("status") + "\";\nDir::Cache \"" + dir.resolve("cache") + "\";\n"
                + "APT::Sandbox::User \"root\";\nDPkg::Options { \"--root=" + root + "\"; \"--force-not-root\"; };\n");
        conn = new PathFirstConnection(dir.resolve("bin"), Map.of("APT_CONFIG", conf.toString(), "DPKG_ADMINDIR", admin.toString()));
    }

    /**
     * A .deb of the made-up package at this version, in a folder of its own (it installs /usr/share/gplay-demo/version,
     * and the conffile /etc/gplay-demo.conf, which a removal leaves behind and a purge removes).
     */
    Path deb(String version) throws Exception {
        Path src = dir.resolve("src-" + version);
        Files.createDirectories(src.resolve("DEBIAN"));
        Files.createDirectories(src.resolve("usr/share/" + PKG));
        Files.writeString(src.resolve("usr/share/" + PKG + "/version"), version + "\n");
        Files.createDirectories(src.resolve("etc"));
        Files.writeString(src.resolve("etc/" + PKG + ".conf"), "setting = 1\n");
        Files.writeString(src.resolve("DEBIAN/conffiles"), "/etc/" + PKG + ".conf\n");
        Files.writeString(src.resolve("DEBIAN/control"), "Package: " + PKG + "\nVersion: " + version
                + "\nArchitecture: all\nMaintainer: gplay <gplay@example.org>\nDescription: a package of gplay's tests\n");
        Path out = Files.createDirectories(dir.resolve("debs-" + version)).resolve(PKG + "_" + version + "_all.deb");
        sh("dpkg-deb --build " + src + " " + out + " >/dev/null");
        return out;
    }

    /** Gives the repository a Release file naming its suite {@link #SUITE} (without one, apt-get -t knows no release). */
    void release() throws Exception {
        sh("cd " + repo + " && apt-ftparchive -o APT::FTPArchive::Release::Suite=" + SUITE + " release . > ../Release && mv ../Release Release");
    }

    /** The installed version, as the files in the private root say: none when not there. */
    String installed() throws IOException {
        Path f = root.resolve("usr/share/" + PKG + "/version");
        return Files.exists(f) ? Files.readString(f).strip() : "none";
    }

    /** What the private dpkg database says of the package. */
    String dpkgSays() throws Exception {
        return sh("DPKG_ADMINDIR=" + root.resolve("var/lib/dpkg") + " dpkg-query -W -f='${Status} ${Version}' " + PKG + " 2>&1 || true");
    }

    static boolean on(String tool) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static String sh(String line) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(line + ": " + out);
        }
        return out;
    }
}
