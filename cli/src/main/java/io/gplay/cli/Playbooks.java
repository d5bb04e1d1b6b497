package io.gplay.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The bundled playbooks, shipped in the jar under {@code gplay/playbooks/}. */
final class Playbooks {
    static final String ROOT = "gplay/playbooks/";

    private Playbooks() {
    }

    /** The text of a bundled playbook, or null. */
    static String bundled(String name) throws IOException {
        try (InputStream in = Playbooks.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Names of the bundled playbooks. */
    static List<String> names() throws IOException {
        URL url = Playbooks.class.getClassLoader().getResource(ROOT);
        List<String> out = new ArrayList<>();
        if (url == null) {
            return out;
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of()); Stream<Path> s = Files.list(fs.getPath(ROOT))) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy")).sorted().forEach(out::add);
                }
            } else {
                try (Stream<Path> s = Files.list(Path.of(uri))) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy")).sorted().forEach(out::add);
                }
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return out;
    }

    /** The first comment line of a playbook, as its one-line description. */
    static String summary(String text) {
        return text.lines().map(String::strip).filter(l -> l.startsWith("//")).findFirst()
                .map(l -> l.substring(2).strip()).orElse("");
    }
}
