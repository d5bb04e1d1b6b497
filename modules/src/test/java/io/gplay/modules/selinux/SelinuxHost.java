package io.gplay.modules.selinux;

import io.gplay.engine.connection.Connection;
import io.gplay.modules.PathFirstConnection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A CentOS 7 host's SELinux tools played by the stand-in of src/test/resources/stand-ins/selinux (this machine's
 * kernel has no SELinux): the programs on PATH, the host's state in a folder (the stand-in's header lists its
 * files). It starts enforcing, with a few of the targeted policy's port types, ports and booleans.
 */
final class SelinuxHost {
    static final List<String> PROGRAMS = List.of("semanage", "getenforce", "setenforce", "selinuxenabled", "getsebool", "setsebool");

    final Path bin;
    final Path state;
    final Connection conn;

    SelinuxHost(Path dir) throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        state = Files.createDirectories(dir.resolve("selinux-state"));
        Path script = bin.resolve("selinux-standin");
        try (InputStream in = SelinuxHost.class.getResourceAsStream("/stand-ins/selinux")) {
            Files.copy(in, script);
        }
        script.toFile().setExecutable(true);
        for (String p : PROGRAMS) {
            Files.createSymbolicLink(bin.resolve(p), script);
        }
        put("mode", "Enforcing\n");
        put("port_types", "http_port_t\nhttp_cache_port_t\nssh_port_t\nunreserved_port_t\nzabbix_agent_port_t\n");
        put("ports.policy", "http_port_t tcp 80 80\nhttp_port_t tcp 443 443\nhttp_port_t tcp 8008 8008\n"
                + "http_cache_port_t tcp 8080 8080\nssh_port_t tcp 22 22\nunreserved_port_t tcp 61000 61999\n"
                + "unreserved_port_t udp 61000 61999\n");
        put("booleans", "httpd_can_network_connect 0 0\nvirt_use_nfs 1 1\n");
        conn = new PathFirstConnection(bin, Map.of("SELINUX_STANDIN_ROOT", state));
    }

    void put(String file, String text) throws IOException {
        Files.writeString(state.resolve(file), text);
    }

    String get(String file) throws IOException {
        Path f = state.resolve(file);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** The calls that changed something: everything but the reads. */
    List<String> changes() throws IOException {
        return get("calls").lines().filter(l -> !l.matches("(semanage port -l.*|getenforce|selinuxenabled|getsebool .*)")).toList();
    }
}
