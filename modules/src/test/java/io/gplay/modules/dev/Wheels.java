package io.gplay.modules.dev;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Tiny Python distributions for pip to install offline: wheels written by hand, an sdist with a setup.py. */
final class Wheels {
    private Wheels() {
    }

    /** NAME-VERSION-py3-none-any.whl: a module NAME whose VERSION is its version, needing each of requires. */
    static void wheel(Path dir, String name, String version, String... requires) throws IOException {
        String info = name + "-" + version + ".dist-info/";
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        for (String r : requires) {
            metadata.append("Requires-Dist: ").append(r).append('\n');
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(name + "/__init__.py", "VERSION = '" + version + "'\n");
        files.put(info + "METADATA", metadata.toString());
        files.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        files.put(info + "RECORD", String.join("", files.keySet().stream().map(f -> f + ",,\n").toList()) + info + "RECORD,,\n");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve(name + "-" + version + "-py3-none-any.whl")))) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    /**
     * NAME-VERSION.tar.gz: a source distribution with its own build backend in the tree (PEP 517 backend-path),
     * so pip builds it offline with no setuptools or wheel to fetch.
     */
    static void sdist(Path dir, String name, String version) throws IOException {
        String base = name + "-" + version;
        Path src = Files.createDirectories(dir.resolve("src").resolve(base));
        Files.writeString(src.resolve("pyproject.toml"), "[build-system]\nrequires = []\nbuild-backend = \"backend\"\nbackend-path = [\".\"]\n");
        Files.writeString(src.resolve("PKG-INFO"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        Files.writeString(src.resolve(name + ".py"), "VERSION = '" + version + "'\n");
        Files.writeString(src.resolve("backend.py"), String.join("\n",
                "import zipfile",
                "NAME, VERSION = '" + name + "', '" + version + "'",
                "def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):",
                "    info = '%s-%s.dist-info/' % (NAME, VERSION)",
                "    files = {NAME + '.py': open(NAME + '.py').read(), info + 'METADATA': open('PKG-INFO').read(),",
                "             info + 'WHEEL': 'Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n'}",
                "    files[info + 'RECORD'] = ''.join(f + ',,\\n' for f in list(files) + [info + 'RECORD'])",
                "    wheel = '%s-%s-py3-none-any.whl' % (NAME, VERSION)",
                "    with zipfile.ZipFile(wheel_directory + '/' + wheel, 'w') as z:",
                "        for f, text in files.items():",
                "            z.writestr(f, text)",
                "    return wheel",
                ""));
        Sh.run(dir.resolve("src"), "tar", "-czf", dir.resolve(base + ".tar.gz").toString(), base);
    }

    static void write(Path file, List<String> lines) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
