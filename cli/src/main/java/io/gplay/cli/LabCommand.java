package io.gplay.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gplay lab ...}: local lab hosts (systemd containers) to rehearse playbooks on; runs lab/gplay-lab. */
@Command(name = "lab", description = {"Brings up lab hosts on this machine to try playbooks on (root, Debian: debootstrap, systemd-container).",
        "  gplay lab up [-n N] | down | status | stop HOST | start HOST | reset [HOST...] | hash HOST | inventory | ssh HOST [CMD]"})
final class LabCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path script = Path.of(System.getProperty("gplay.home", "."), "lab", "gplay-lab");
        if (!Files.isExecutable(script)) {
            System.err.println("gplay lab: " + script + " not found (run gplay from its checkout or distribution)");
            return 1;
        }
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
