package io.gplay.modules;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The scripted stand-ins of src/test/resources/stand-ins installed under the names of the tools they play, in
 * a directory that a {@link Connection} puts first on PATH for every command; their calls and state are kept
 * in another directory.
 */
public final class StandIns implements Connection {
    public static final List<String> LVM_TOOLS = List.of("pvs", "vgs", "lvs", "pvcreate", "vgcreate", "vgextend", "lvcreate",
            "blkid", "mkfs.xfs", "mkfs.ext4");

    private final Path bin;
    private final Path state;
    private final Connection inner;

    /** The LVM stand-ins, and ssm too when {@code withSsm}. */
    public StandIns(Path dir, boolean withSsm) throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        state = Files.createDirectories(dir.resolve("state"));
        Path lvm = install("lvm");
        for (String tool : LVM_TOOLS) {
            Files.createSymbolicLink(bin.resolve(tool), lvm);
        }
        if (withSsm) {
            install("ssm");
        }
        inner = new PathFirstConnection(bin, Map.of("STANDIN_STATE", state));
    }

    private Path install(String name) throws IOException {
        Path to = bin.resolve(name);
        try (InputStream in = StandIns.class.getResourceAsStream("/stand-ins/" + name)) {
            Files.copy(in, to);
        }
        to.toFile().setExecutable(true);
        return to;
    }

    @Override
    public ExecResult exec(Command command) {
        return inner.exec(command);
    }

    @Override
    public void close() {
        inner.close();
    }

    /** The stand-in calls made so far, one command line each. */
    public List<String> calls() throws IOException {
        Path log = state.resolve("calls");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The calls that would change something (everything but the reports and probes). */
    public List<String> changes() throws IOException {
        return calls().stream().filter(c -> !c.matches("(pvs|vgs|lvs|blkid|ssm list)( .*)?")).toList();
    }

    /** The stand-ins' state file, as DEV|POOL or POOL|NAME|BYTES|FSTYPE|UUID lines. */
    public List<String> state(String file) throws IOException {
        Path f = state.resolve(file);
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }
}
