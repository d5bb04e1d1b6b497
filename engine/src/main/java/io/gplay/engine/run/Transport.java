package io.gplay.engine.run;

import io.gplay.engine.inventory.ConnectionVars;
import io.gplay.engine.inventory.Host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values of {@code ansible_connection} gplay speaks, under Ansible's names and its collections' full names,
 * in one registry: a new transport is one constant here. SSH goes through sshj; the others run {@code sh -c} on
 * this machine behind the command that enters the host, as Ansible's plugins of the same name do:
 * {@code chroot DIR}, {@code nsenter --target=PID} into a process's namespaces (a systemd-nspawn container's
 * init, say), {@code docker exec -i} and {@code podman exec -i}.
 */
enum Transport {
    SSH("ssh", "smart", "paramiko", "ansible.builtin.ssh", "ansible.builtin.paramiko_ssh", "ansible.legacy.ssh"),
    LOCAL("local", "ansible.builtin.local", "ansible.legacy.local"),
    /** community.general.chroot: the host's address (ansible_host, or its name) is the chroot's folder. */
    CHROOT("chroot", "community.general.chroot"),
    /** community.docker.nsenter: the namespaces of the process ansible_nsenter_pid (default 1), as its plugin enters them. */
    NSENTER("nsenter", "community.docker.nsenter"),
    /** community.docker.docker: the host's address is the container; ansible_user the user inside it. */
    DOCKER("docker", "community.docker.docker"),
    /** containers.podman.podman: as docker, through podman. */
    PODMAN("podman", "containers.podman.podman");

    // what Docker and Podman accept as a container's name or ID: never read as an option
    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern USER = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_.:-]*");

    private final List<String> names;

    Transport(String... names) {
        this.names = List.of(names);
    }

    static Optional<Transport> named(String name) {
        return Arrays.stream(values()).filter(t -> t.names.contains(name)).findFirst();
    }

    /** Every name the inventory may give, for the message that refuses another. */
    static String known() {
        return String.join(", ", Arrays.stream(values()).map(t -> t.names.get(0)).toList());
    }

    static Transport of(Host host) {
        return named(host.varString("ansible_connection", "ssh")).orElseThrow();
    }

    /** What is wrong with the host's variables for this transport. */
    List<String> problems(Host host) {
        List<String> out = new ArrayList<>();
        String where = "inventory: host " + host.name() + ": ";
        switch (this) {
            case CHROOT -> {
                if (!address(host).startsWith("/")) {
                    out.add(where + "a chroot is named by its absolute folder (ansible_host or the host's name), got '"
                            + address(host) + "'");
                }
                String exe = host.varString("ansible_chroot_exe", "chroot");
                if (exe.startsWith("-")) {
                    out.add(where + "ansible_chroot_exe must be a program, got '" + exe + "'");
                }
            }
            case NSENTER -> {
                String pid = host.varString("ansible_nsenter_pid", "1");
                if (!pid.matches("[1-9]\\d{0,9}")) {
                    out.add(where + "ansible_nsenter_pid must be a process ID, got '" + pid + "'");
                }
            }
            case DOCKER, PODMAN -> {
                if (!CONTAINER.matcher(address(host)).matches()) {
                    out.add(where + "'" + address(host) + "' is not a container name or ID (ansible_host, or the host's name)");
                }
                String user = ConnectionVars.USER.of(host, null);
                if (user != null && !USER.matcher(user).matches()) {
                    out.add(where + ConnectionVars.USER.nameIn(host) + " '" + user + "' is not a user name or ID");
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** The command that enters the host, put before {@code sh -c LINE}; empty for this machine itself. */
    List<String> entry(Host host) {
        String user = ConnectionVars.USER.of(host, null);
        List<String> argv = new ArrayList<>();
        switch (this) {
            case CHROOT -> argv.addAll(List.of(host.varString("ansible_chroot_exe", "chroot"), address(host)));
            case NSENTER -> argv.addAll(List.of("nsenter", "--ipc", "--mount", "--net", "--pid", "--uts",
                    "--preserve-credentials", "--target=" + host.varString("ansible_nsenter_pid", "1"), "--"));
            case DOCKER, PODMAN -> {
                argv.addAll(List.of(this == DOCKER ? "docker" : "podman", "exec", "-i"));
                if (user != null) {
                    argv.addAll(List.of("-u", user));
                }
                argv.add(address(host));
            }
            default -> {
            }
        }
        return argv;
    }

    private static String address(Host host) {
        return ConnectionVars.HOST.of(host, host.name());
    }
}
