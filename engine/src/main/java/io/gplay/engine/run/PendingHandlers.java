package io.gplay.engine.run;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the handlers notified on a host and not run yet are kept on the control machine, for one playbook: a
 * YAML file per host ({@code FOLDER/NAME-HASH/HOST.yml}, the hash of the playbook's identity, its real path),
 * so runs of the same playbook on other hosts never write the same file. It holds play names and handler titles,
 * nothing else: no variable, no secret. Each file is written whole (a temporary file renamed over it), mode 0600
 * in folders of mode 0700, and removed when nothing is pending.
 */
public final class PendingHandlers {
    /** A handler of a play, by the play's name and the handler's title. */
    public record Entry(String play, String handler) {
    }

    private static final String HEADER = "# gplay: handlers notified on this host and not run yet. The next run of"
            + " the playbook on the host runs them first;\n# delete this file to drop them.\n";

    private final String playbook;
    private final Path folder;

    /** The store of a playbook, {@code playbook} its identity (its real path), under {@code root}. */
    public PendingHandlers(Path root, String playbook) {
        this.playbook = playbook;
        String name = Path.of(playbook).getFileName().toString().replaceFirst("\\.groovy$", "");
        this.folder = root.resolve(safe(name) + "-" + hash(playbook));
    }

    /** {@code $XDG_STATE_HOME/gplay/pending-handlers}, else {@code ~/.local/state/gplay/pending-handlers}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("gplay").resolve("pending-handlers");
    }

    /** The file of a host's pending handlers. */
    public Path file(String host) {
        return folder.resolve(safe(host) + ".yml");
    }

    /** The host's pending handlers, none when it has no file. */
    public List<Entry> read(String host) throws IOException {
        Path f = file(host);
        if (!Files.exists(f)) {
            return List.of();
        }
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(f));
        } catch (RuntimeException e) {
            throw new IOException("not YAML: " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        if (!(doc instanceof Map<?, ?> m) || !(m.get("pending") instanceof List<?> list)) {
            throw new IOException("no list 'pending' in it");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e) || !(e.get("play") instanceof String p)
                    || !(e.get("handler") instanceof String h)) {
                throw new IOException("an entry of 'pending' is not a play and a handler: " + o);
            }
            entries.add(new Entry(p, h));
        }
        return entries;
    }

    /** Keeps these as the host's pending handlers: written whole, or the file removed when there are none. */
    public void write(String host, List<Entry> entries) throws IOException {
        Path f = file(host);
        if (entries.isEmpty()) {
            Files.deleteIfExists(f);
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("playbook", playbook);
        doc.put("host", host);
        List<Map<String, String>> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("play", e.play());
            m.put("handler", e.handler());
            list.add(m);
        }
        doc.put("pending", list);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        String text = HEADER + new Yaml(options).dump(doc);
        for (Path dir : List.of(folder.getParent().getParent(), folder.getParent(), folder)) {
            privateFolder(dir); // gplay/, pending-handlers/ and the playbook's, when they are made here
        }
        Path tmp = Files.createTempFile(folder, ".pending.", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void privateFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another run
            }
        }
    }

    /** A name safe as a file name: letters, digits and {@code . _ - @ :} kept, any other byte as {@code %XX}. */
    private static String safe(String name) {
        StringBuilder b = new StringBuilder();
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            boolean keep = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "._-@:".indexOf(c) >= 0;
            b.append(keep && !(c == '.' && b.isEmpty()) ? String.valueOf((char) c) : String.format("%%%02X", c & 0xff));
        }
        return b.toString();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
