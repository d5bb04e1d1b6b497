package io.gplay.cli;

import io.gplay.dsl.PlaybookLoader;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bundled role's own files (its {@code files/}) reach the modules that copy them, from gplay's jar as from a
 * build: the ctdb_shared_lock role copies its SysV init script on hosts booted by SysV init (CentOS 6).
 */
class BundledRoleFilesTest {
    @TempDir
    Path dir;

    @Test
    void theBundledPlaybooksCopyTasksNameFilesTheModuleCanRead() throws Exception {
        var plan = new PlaybookLoader(ModuleRegistry.load(), dir.resolve("cache")).loadBundled("glusterized-ovirt.groovy");
        List<Task> copies = plan.plays().stream().flatMap(p -> p.allTasks())
                .filter(t -> t.module().equals("copy") && t.params().get("src") instanceof CharSequence).toList();
        assertEquals(1, copies.size(), "copy tasks with a src: " + copies);
        String src = copies.get(0).params().get("src").toString();
        Path file = src.startsWith("jar:") ? Path.of(URI.create(src)) : Path.of(src);
        assertTrue(file.isAbsolute(), src);
        assertTrue(Files.readString(file).contains("# chkconfig: 345 91 01"), src);
    }
}
