package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.module.Result;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Rollout;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Step;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.report.Reporter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facts a module sets ({@code ModuleSpec.setsFacts}, its result's {@code ansible_facts}) are merged into the
 * host's facts, read after as {@code facts.NAME}, {@code ansible_facts.NAME} and the variable {@code NAME}, in
 * check mode too; and the plan knows the names, so a later task reading them is not refused.
 */
class ModuleFactsTest {
    private static final Source SRC = new Source("site.groovy", 3);

    /** Sets {@code packages}, or {@code getent_<database>}, each time with the value it is given. */
    static final class Sets implements Module {
        private final ModuleSpec spec;
        private final String fact;

        Sets(String name, String fact, String declared) {
            this.fact = fact;
            this.spec = new ModuleSpec(name, "sets a fact").param(Param.optional("database", ParamType.STRING, "passwd", "a database"))
                    .param(Param.optional("value", ParamType.ANY, null, "the fact's value")).setsFacts(declared);
        }

        @Override
        public ModuleSpec spec() {
            return spec;
        }

        @Override
        public void run(ModuleContext ctx) {
            String name = fact.replace("{database}", ctx.str("database"));
            ctx.set(Result.MODULE_FACTS, Map.of(name, ctx.get("value")));
        }
    }

    /** gplay's setup, as far as the run is concerned: the gathered facts, in place of those gathered before. */
    static final class Setup implements Module {
        @Override
        public ModuleSpec spec() {
            return new ModuleSpec("setup", "gathers");
        }

        @Override
        public void run(ModuleContext ctx) {
            ctx.set("facts", Map.of("osFamily", "Debian", "distribution", "debian", "serviceMgr", "systemd"));
        }
    }

    /** Records what a closure reads on the host. */
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

    private final Seen seen = new Seen();
    private final ModuleRegistry modules = new ModuleRegistry(List.of(new Setup(), seen,
            new Sets("packageFacts", "packages", "packages"), new Sets("getent", "getent_{database}", "getent_{database}")));
    private final Inventory inventory = new Inventory(Map.of("h1", new Host("h1", List.of("web"),
            Map.of("ansible_connection", "local"))), Map.of("web", List.of("h1")));

    private static Task task(String module, Map<String, Object> params) {
        return new Task(module, module, params, TaskOptions.none(), SRC);
    }

    /** A value read on the host that says, as the DSL does, which variables it needs. */
    private static Deferred reads(Set<String> needs, Function<HostScope, Object> read) {
        return new Deferred() {
            @Override
            public Object resolve(HostScope scope) {
                return read.apply(scope);
            }

            @Override
            public Set<String> variables() {
                return needs;
            }
        };
    }

    private Runner runner(boolean check) {
        return new Runner(inventory, modules, RunOptions.builder().output(check, false, 0).build(), new Reporter() { });
    }

    private static Playbook playbook(List<Step> tasks) {
        return new Playbook("p", "site.groovy", List.of(new Play("p", "web", Map.of(), Rollout.ALL, false, null, true,
                tasks, List.of(), SRC)), List.of());
    }

    @Test
    void aModulesFactsAreMergedAndReadUnderGplaysAndAnsiblesNames() {
        Deferred read = reads(Set.of("getent_passwd"), s -> List.of(s.getFacts().get("packages"),
                s.getAnsible_facts().get("packages"), s.get("getent_passwd"), s.getFacts().get("getent_passwd"),
                s.getAnsible_facts().get("os_family"), s.getAnsible_facts().get("distribution"),
                s.getAnsible_facts().get("service_mgr")));
        for (boolean check : new boolean[]{false, true}) {
            seen.values.clear();
            RunSummary summary = runner(check).run(playbook(List.of(
                    task("packageFacts", Map.of("value", Map.of("nginx", List.of(Map.of("version", "1.22"))))),
                    task("getent", Map.of("value", Map.of("root", List.of("x", "0")))),
                    task("seen", Map.of("value", read)),
                    task("setup", Map.of()),
                    task("packageFacts", Map.of("value", Map.of("curl", List.of()))),
                    task("seen", Map.of("value", reads(Set.of(), s -> s.getFacts()))))));
            assertEquals(0, summary.exitCode());
            Object nginx = Map.of("nginx", List.of(Map.of("version", "1.22")));
            assertEquals(List.of(nginx, nginx, Map.of("root", List.of("x", "0")), Map.of("root", List.of("x", "0")),
                    "Debian", "Debian", "systemd"), seen.values.get(0), "check: " + check);
            // a setup after keeps what modules set; a module's fact of the same name replaces that fact alone
            assertEquals(Map.of("osFamily", "Debian", "distribution", "debian", "serviceMgr", "systemd",
                    "packages", Map.of("curl", List.of()), "getent_passwd", Map.of("root", List.of("x", "0"))),
                    seen.values.get(1), "check: " + check);
        }
    }

    @Test
    void thePlanKnowsTheFactsAModuleDeclares() {
        Deferred getent = reads(Set.of("getent_passwd"), s -> s.get("getent_passwd"));
        Deferred group = reads(Set.of("getent_group"), s -> s.get("getent_group"));
        Deferred packages = reads(Set.of("packages"), s -> s.get("packages"));
        List<String> problems = runner(false).preflight(playbook(List.of(
                task("getent", Map.of("value", "x")),
                task("packageFacts", Map.of("value", "y")),
                task("seen", Map.of("value", getent)), task("seen", Map.of("value", packages)),
                task("seen", Map.of("value", group)))));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("site.groovy:3: 'getent_group' is not defined for host h1"), problems.get(0));
        assertTrue(runner(false).preflight(playbook(List.of(task("getent", Map.of("database", "group")),
                task("seen", Map.of("value", group))))).isEmpty());
    }

    @Test
    void aFactsNameNamingNoParameterIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ModuleSpec("getent", "x").setsFacts("getent_{database}"));
        assertEquals("getent: fact 'getent_{database}' names no parameter 'database'", e.getMessage());
    }
}
