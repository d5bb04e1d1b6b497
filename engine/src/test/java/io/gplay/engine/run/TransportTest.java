package io.gplay.engine.run;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.openssh.OpenSshConfig;
import io.gplay.engine.inventory.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ansible_connection's other transports, through the real programs: a command runs inside a chroot made here,
 * and inside the namespaces of a process unshare started, as Ansible's chroot and nsenter plugins run them.
 */
class TransportTest {
    @TempDir
    Path dir;

    private final Connections connections = new Connections(false, Path.of("/nonexistent"), null, OpenSshConfig.none());

    private static Host host(String name, Map<String, Object> vars) {
        return new Host(name, List.of(), vars);
    }

    @Test
    void aChrootHostRunsItsCommandsInsideTheFolderItNames() throws Exception {
        Path root = dir.resolve("root");
        copyWithLibraries("/bin/sh", root);
        copyWithLibraries("/bin/cat", root);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/marker"), "inside the chroot\n");
        Host h = host(root.toString(), Map.of("ansible_connection", "community.general.chroot"));
        try (Connection c = connections.open(h)) {
            ExecResult r = c.exec(Command.change("cat /etc/marker; printf written > /out"));
            assertEquals(0, r.rc(), r.stderr());
            assertEquals("inside the chroot\n", r.stdout());
        }
        assertEquals("written", Files.readString(root.resolve("out")), "the chroot's /out is the folder's");
    }

    @Test
    void anNsenterHostRunsItsCommandsInTheNamespacesOfItsProcess() throws Exception {
        Process p = new ProcessBuilder("unshare", "--uts", "--net", "--mount", "sh", "-c",
                "hostname gplay-ns-host && echo ready && exec sleep 30").start();
        try {
            String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("ready", ready);
            Host h = host("box", Map.of("ansible_connection", "nsenter", "ansible_nsenter_pid", String.valueOf(p.pid())));
            try (Connection c = connections.open(h)) {
                ExecResult r = c.exec(Command.change("hostname; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"));
                assertEquals(0, r.rc(), r.stderr());
                assertEquals("gplay-ns-host\nlo\n", r.stdout(), "its host name, and a network namespace of its own");
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void containerTransportsEnterTheContainerTheHostNamesAsTheUserItNames() {
        Host docker = host("web1", Map.of("ansible_connection", "community.docker.docker", "ansible_user", "app"));
        assertEquals(List.of("docker", "exec", "-i", "-u", "app", "web1"), Transport.of(docker).entry(docker));
        Host podman = host("db", Map.of("ansible_connection", "podman", "ansible_host", "pg-16"));
        assertEquals(List.of("podman", "exec", "-i", "pg-16"), Transport.of(podman).entry(podman));
    }

    @Test
    void valuesATransportWouldReadAsOptionsOrCommandsAreRefusedBeforeAnyHost() {
        assertEquals(List.of("inventory: host -rm: '-rm' is not a container name or ID (ansible_host, or the host's name)"),
                Connections.problems(host("-rm", Map.of("ansible_connection", "docker"))));
        assertEquals(List.of("inventory: host c: ansible_user '--privileged' is not a user name or ID"),
                Connections.problems(host("c", Map.of("ansible_connection", "podman", "ansible_user", "--privileged"))));
        assertEquals(List.of("inventory: host n: ansible_nsenter_pid must be a process ID, got '1; reboot'"),
                Connections.problems(host("n", Map.of("ansible_connection", "nsenter", "ansible_nsenter_pid", "1; reboot"))));
        assertEquals(List.of("inventory: host jail: a chroot is named by its absolute folder (ansible_host or the "
                + "host's name), got 'jail'"), Connections.problems(host("jail", Map.of("ansible_connection", "chroot"))));
        assertEquals(List.of("inventory: host w: ansible_connection 'winrm' is not one gplay speaks (ssh, local, chroot, "
                + "nsenter, docker, podman)"), Connections.problems(host("w", Map.of("ansible_connection", "winrm"))));
    }

    /** Copies a program and the shared libraries ldd lists into the same paths under {@code root}. */
    private static void copyWithLibraries(String program, Path root) throws Exception {
        Process ldd = new ProcessBuilder("ldd", program).start();
        String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ldd.waitFor(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("(/\\S+)").matcher(out);
        copy(Path.of(program), root);
        while (m.find()) {
            copy(Path.of(m.group(1)), root);
        }
    }

    private static void copy(Path file, Path root) throws Exception {
        Path to = root.resolve(file.toString().substring(1));
        Files.createDirectories(to.getParent());
        Files.copy(file.toRealPath(), to, StandardCopyOption.REPLACE_EXISTING);
        to.toFile().setExecutable(true);
    }
}
