package io.gplay.modules;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loop devices over sparse image files, for tests that need real block devices (root only); detached on close. */
public final class LoopDevices implements AutoCloseable {
    private final List<String> devices = new ArrayList<>();
    private final LocalConnection local = new LocalConnection();

    public static LoopDevices require() {
        Needs.require("0".equals(sh("id -u").strip()), "needs root for loop devices");
        return new LoopDevices();
    }

    /** A new loop device over a sparse file of the given size (e.g. 300M, xfs's minimum). */
    public String attach(Path image, String size) {
        String dev = sh("truncate -s " + size + " " + image + " && losetup -f --show " + image).strip();
        devices.add(dev);
        return dev;
    }

    public List<String> devices() {
        return List.copyOf(devices);
    }

    /** Whether a command succeeds here. */
    public static boolean ok(String line) {
        return new LocalConnection().exec(Command.change(line)).ok();
    }

    public static String sh(String line) {
        ExecResult r = new LocalConnection().exec(Command.change(line));
        if (!r.ok()) {
            throw new AssertionError(line + ": " + r.reason());
        }
        return r.stdout();
    }

    /** Runs a clean-up command, whatever it returns. */
    public void quietly(String line) {
        local.exec(Command.change(line));
    }

    @Override
    public void close() {
        for (String dev : devices) {
            quietly("losetup -d " + dev);
        }
    }
}
