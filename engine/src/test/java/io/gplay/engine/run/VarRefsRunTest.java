package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Rollout;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.report.Reporter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A variable whose value names another ("{{ vault_sudo }}", Ansible's indirection) is that variable's value in a
 * task's closures, as the run sees it: an extra var over the one it names counts.
 */
class VarRefsRunTest {
    static final class Seen implements Module {
        final List<Object> values = new ArrayList<>();

        @Override
        public ModuleSpec spec() {
            return new ModuleSpec("seen", "records a value").param(Param.required("value", ParamType.ANY, "the value"));
        }

        @Override
        public void run(ModuleContext ctx) {
            values.add(ctx.get("value"));
        }
    }

    private List<Object> seen(RunOptions opts) {
        Host h1 = new Host("h1", List.of("web"), Map.of("ansible_connection", "local",
                "sudo_password", "{{ vault_sudo }}", "vault_sudo", "from-the-inventory"));
        Inventory inventory = new Inventory(Map.of("h1", h1), Map.of("web", List.of("h1")));
        Deferred password = scope -> scope.getVars().get("sudo_password");
        Source src = new Source("site.groovy", 3);
        Play play = new Play("p", "web", Map.of(), Rollout.ALL, false, null, false,
                List.of(new Task("see", "seen", Map.of("value", password), TaskOptions.none(), src)), List.of(), src);
        Seen module = new Seen();
        RunSummary summary = new Runner(inventory, new ModuleRegistry(List.of(module)), opts, new Reporter() { })
                .run(new Playbook("p", "site.groovy", List.of(play), List.of()));
        assertEquals(0, summary.exitCode());
        return module.values;
    }

    @Test
    void aTaskSeesTheValueTheVariableNames() {
        assertEquals(List.of("from-the-inventory"), seen(RunOptions.defaults()));
    }

    @Test
    void anExtraVarOverTheVariableNamedCountsAsAnsibleEvaluatesLazily() {
        RunOptions opts = RunOptions.builder().hosts(5, null, Map.of("vault_sudo", "from-the-command-line"), false, null)
                .build();
        assertEquals(List.of("from-the-command-line"), seen(opts));
    }
}
