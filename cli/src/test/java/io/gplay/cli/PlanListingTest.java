package io.gplay.cli;

import io.gplay.dsl.PlaybookLoader;
import io.gplay.engine.inventory.InventoryLoader;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.run.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --list-tasks}: a block's tasks, rescue and always nested under it, as --tags leaves them. */
class PlanListingTest {
    @TempDir
    Path dir;

    private List<String> tasks(RunOptions opts) throws Exception {
        return tasks("""
                playbook('p') {
                    play('web', hosts: 'web', gatherFacts: false) {
                        debug 'first', msg: 'x'
                        block('deploy', tags: ['deploy']) {
                            debug 'copy', msg: 'x'
                            block {
                                debug 'inner', msg: 'x'
                            }
                        } rescue {
                            debug 'roll back', msg: 'x'
                        } always {
                            debug 'report', msg: 'x'
                        }
                    }
                }
                """, opts);
    }

    private List<String> tasks(String text, RunOptions opts) throws Exception {
        Path f = dir.resolve("p.groovy");
        Files.writeString(f, text);
        Files.writeString(dir.resolve("hosts"), "h1 ansible_connection=local\n[web]\nh1\n");
        Playbook plan = new PlaybookLoader(ModuleRegistry.load(), dir.resolve("cache")).load(f);
        Runner runner = new Runner(InventoryLoader.load(dir.resolve("hosts").toString()), ModuleRegistry.load(), opts,
                new Reporter() { });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PlanListing(plan, runner, new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(true);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.subList(lines.indexOf("    tasks:") + 1, lines.size()).stream()
                .map(l -> l.replace("  (" + f + ":", " (:").replace("  (" + dir + "/", " (")).toList();
    }

    @Test
    void blocksAreListedNestedWithTheirRescueAndAlways() throws Exception {
        assertEquals(List.of(
                "      first  [debug] (:3)",
                "      block: deploy (:4)",
                "        copy  [debug] TAGS: [deploy] (:5)",
                "        block (:6)",
                "          inner  [debug] TAGS: [deploy] (:7)",
                "        rescue:",
                "          roll back  [debug] TAGS: [deploy] (:10)",
                "        always:",
                "          report  [debug] TAGS: [deploy] (:12)"), tasks(RunOptions.defaults()));
    }

    @Test
    void aBlockWithNoTaskLeftByTheTagsIsLeftOut() throws Exception {
        assertEquals(List.of("      first  [debug] (:3)"),
                tasks(RunOptions.builder().tasks(List.of(), List.of("deploy"), null, false).build()));
    }

    @Test
    void anIncludeIsListedWithItsTasksUnderIt() throws Exception {
        Files.createDirectories(dir.resolve("tasks"));
        Files.writeString(dir.resolve("tasks/t.groovy"), "debug 'inside', msg: 'x'\n");
        assertEquals(List.of(
                "      includeTasks tasks/t.groovy  (per host when reached) (:3)",
                "        inside  [debug] (tasks/t.groovy:1)"), tasks("""
                playbook('p') {
                    play('web', hosts: 'web', gatherFacts: false) {
                        includeTasks 'tasks/t.groovy', when: { true }
                    }
                }
                """, RunOptions.defaults()));
    }

    @Test
    void anIncludeWhoseFileIsChosenPerHostListsEachFileItMayPick() throws Exception {
        Files.createDirectories(dir.resolve("tasks"));
        Files.writeString(dir.resolve("tasks/main.groovy"), "includeTasks { \"${osFamily}.groovy\" }\n");
        Files.writeString(dir.resolve("tasks/Debian.groovy"), "debug 'apt', msg: 'x'\n");
        Files.writeString(dir.resolve("tasks/RedHat.groovy"), "debug 'yum', msg: 'x'\n");
        assertEquals(List.of(
                "      includeTasks (a file per host)  (per host when reached) (tasks/main.groovy:1)",
                "        Debian.groovy:",
                "          apt  [debug] (tasks/Debian.groovy:1)",
                "        RedHat.groovy:",
                "          yum  [debug] (tasks/RedHat.groovy:1)"), tasks("""
                playbook('p') {
                    play('web', hosts: 'web', gatherFacts: false) {
                        importTasks 'tasks/main.groovy'
                    }
                }
                """, RunOptions.defaults()));
    }
}
