package io.gplay.dsl.compile;

import io.gplay.dsl.DslException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of playbook code: on disk, or bundled with gplay (resources under {@code gplay/playbooks/}). Files in
 * it are named in messages by {@code display}: relative to the current folder for a file on disk (so that
 * {@code FILE:LINE} opens in an editor), with "(bundled)" after it for a bundled one.
 *
 * <p>A folder on disk belongs to a tree, {@code root}: the playbook's folder, or a folder of the roles path. No
 * file outside its tree is read through it, by an absolute path, by {@code ../} or through a link, so that a
 * tree (an untrusted change under {@code --syntax-check} among them) cannot have gplay read, compile and quote
 * any other file of the machine.
 */
public record CodeFolder(String display, Path dir, String resource, Path root) {
    static final String BUNDLED = "gplay/playbooks/";

    /** A folder on disk, the root of its own tree. */
    public static CodeFolder disk(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return disk(abs, abs);
    }

    private static CodeFolder disk(Path abs, Path root) {
        Path cwd = Path.of("").toAbsolutePath();
        String display = abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
        return new CodeFolder(display, abs, null, root);
    }

    /** A folder of the bundled code: "" is the bundled playbooks' own. */
    public static CodeFolder bundled(String rel) {
        return new CodeFolder(rel, null, BUNDLED + (rel.isEmpty() ? "" : rel + "/"), null);
    }

    public boolean isBundled() {
        return dir == null;
    }

    public CodeFolder folder(String rel) {
        if (isBundled()) {
            return bundled(join(display, rel));
        }
        return disk(dir.resolve(rel).normalize(), root);
    }

    /**
     * Whether {@code rel} names something outside this folder's tree: an absolute path, a {@code ../} that
     * climbs out of it, or a link that leads out of it.
     */
    public boolean escapes(String rel) {
        if (isBundled()) {
            return Path.of(rel).isAbsolute() || Path.of(rel).normalize().startsWith("..");
        }
        Path p = dir.resolve(rel).normalize();
        if (!p.startsWith(root)) {
            return true;
        }
        try {
            return Files.exists(p) && !p.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The path of a regular file of this folder, inside its tree: on disk, or for a bundled folder in gplay's own
     * jar (a path of the jar's file system, which {@link Files} reads as any other).
     */
    public Optional<Path> regularFile(String rel) {
        if (escapes(rel)) {
            return Optional.empty();
        }
        Path p;
        if (isBundled()) {
            URL url = getClass().getClassLoader().getResource(resource + Path.of(rel).normalize());
            if (url == null) {
                return Optional.empty();
            }
            p = pathOf(url);
        } else {
            p = dir.resolve(rel).normalize();
        }
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** What is said of a path of this folder that {@link #escapes}, with the fix. */
    public String outside(String rel) {
        return "'" + rel + "' is outside the playbook's folder" + (isBundled() ? "" : " (" + root + ")")
                + "; gplay reads no file outside it: copy the file into it, or make it a role on the roles path";
    }

    /** The file, if it is there; one outside the folder's tree is refused (see {@link #escapes}). */
    public Optional<SourceFile> file(String rel) {
        if (escapes(rel)) {
            throw new DslException(List.of(outside(join(display, rel))));
        }
        String name = join(display, rel);
        if (isBundled()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(BUNDLED + name)) {
                return in == null ? Optional.empty() : Optional.of(new SourceFile(name + " (bundled)",
                        bundled(parentOf(name)), fileName(name), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path p = dir.resolve(rel).normalize();
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            CodeFolder parent = disk(p.getParent(), root);
            return Optional.of(new SourceFile(parent.displayOf(p), parent, p.getFileName().toString(),
                    Files.readString(p, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new DslException(List.of(p + ": cannot read: " + e.getMessage()));
        }
    }

    private String displayOf(Path p) {
        return display.isEmpty() ? p.getFileName().toString() : Path.of(display, p.getFileName().toString()).toString();
    }

    /** The names of the entries (files and folders) in the folder that end in {@code suffix}, sorted. */
    public List<String> names(String suffix) {
        if (!isBundled()) {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> s = Files.list(dir)) {
                return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        URL url = getClass().getClassLoader().getResource(resource);
        if (url == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(pathOf(url))) {
            return s.map(p -> p.getFileName().toString().replace("/", "")).filter(n -> n.endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the bundled " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The path of a bundled resource: in the jar's file system (opened once, kept open), or on disk in a build. */
    private static Path pathOf(URL url) {
        try {
            URI uri = url.toURI();
            if (!uri.getScheme().equals("jar")) {
                return Path.of(uri);
            }
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                // opened before: Path.of finds it
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the bundled " + url + ": " + e.getMessage(), e);
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "/" + b;
    }

    private static String parentOf(String name) {
        int i = name.lastIndexOf('/');
        return i < 0 ? "" : name.substring(0, i);
    }

    private static String fileName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
