package io.gplay.modules.system;

import io.gplay.engine.connection.Connection;
import io.gplay.modules.Needs;
import io.gplay.modules.PathFirstConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.gplay.modules.system.PrivateApt.sh;

/**
 * Arch's real pacman on a root of its own in a temporary folder: a {@code pacman} first on PATH runs the real one
 * with --root, --dbpath, --config, --cachedir and --logfile there, and the configuration's one repository is a
 * local folder ({@code file://}) whose database repo-add makes from packages built here (a .PKGINFO and the
 * files, in a tar): gplay-demo and gplay-tool, both of the group gplay-group.
 */
final class PrivatePacman {
    final Path dir;
    final Path root;
    final Path repo;
    final Connection conn;

    PrivatePacman(Path dir) throws Exception {
        for (String tool : List.of("pacman", "repo-add", "bsdtar")) {
            Needs.require(PrivateApt.on(tool), tool + " is needed (apt-get install pacman-package-manager libarchive-tools)");
        }
        this.dir = dir;
        root = dir.resolve("root");
        repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(root.resolve("var/lib/pacman"));
        Files.createDirectories(root.resolve("var/log"));
        Files.createDirectories(dir.resolve("cache"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("pacman.conf"), "[options]\nArchitecture = auto\nSigLevel = Never\nLocalFileSigLevel = Never\n\n"
                + "[gplaytest]\nServer = file://" + repo + "\n");
        Path wrapper = bin.resolve("pacman");
        Files.writeString(wrapper, "#!/bin/sh\nexec /usr/bin/pacman --root " + root + " --dbpath " + root.resolve("var/lib/pacman")
                + " --config " + dir.resolve("pacman.conf") + " --cachedir " + dir.resolve("cache")
                + " --logfile " + root.resolve("var/log/pacman.log") + " \"$@\"\n");
        if (!wrapper.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + wrapper + " executable");
        }
        publish("gplay-demo", "1.0-1");
        publish("gplay-tool", "1.0-1");
        conn = new PathFirstConnection(bin, Map.of());
    }

    /** Builds NAME-VERSION and puts it in the repository's database (a newer version replaces the older there). */
    Path publish(String name, String version) throws Exception {
        Path pkg = build(name, version);
        Path in = Files.copy(pkg, repo.resolve(pkg.getFileName()));
        sh("repo-add -q " + repo.resolve("gplaytest.db.tar.gz") + " " + in + " 2>&1");
        return pkg;
    }

    /** A package file: .PKGINFO and /usr/share/NAME/version, in a gzipped tar as pacman reads it. */
    Path build(String name, String version) throws Exception {
        Path src = dir.resolve("src-" + name + "-" + version);
        Files.createDirectories(src.resolve("usr/share/" + name));
        Files.writeString(src.resolve("usr/share/" + name + "/version"), version + "\n");
        Files.writeString(src.resolve(".PKGINFO"), "pkgname = " + name + "\npkgbase = " + name + "\npkgver = " + version
                + "\npkgdesc = a package of gplay's tests\nbuilddate = 1700000000\npackager = gplay\nsize = 4\narch = any\n"
                + "license = MIT\ngroup = gplay-group\n");
        Path out = Files.createDirectories(dir.resolve("built")).resolve(name + "-" + version + "-any.pkg.tar.gz");
        sh("cd " + src + " && tar -czf " + out + " .PKGINFO usr");
        return out;
    }

    /** The installed version as the root's files say: none when not there. */
    String installed(String name) throws IOException {
        Path f = root.resolve("usr/share/" + name + "/version");
        return Files.exists(f) ? Files.readString(f).strip() : "none";
    }

    /** pacman's database of the root, listed. */
    String query() throws Exception {
        return sh(dir.resolve("bin/pacman") + " --query 2>&1 || true");
    }
}
