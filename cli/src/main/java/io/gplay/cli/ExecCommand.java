package io.gplay.cli;

import io.gplay.dsl.DslException;
import io.gplay.dsl.build.TaskCollector;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.inventory.InventoryException;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.RunLog;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.run.RunSummary;
import io.gplay.engine.vault.SecretMask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gplay exec PATTERN -m MODULE -a 'k=v ...'}: one module on many hosts, like the ansible ad-hoc command. */
@Command(name = "exec", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one module on the hosts matching a pattern, like the `ansible` ad-hoc command.",
                "  gplay exec web -i hosts.yml -m service -a 'name=glusterd state=started'",
                "  gplay exec all -i hosts.yml -a 'uptime'      (the default module is command)",
                "Exit codes as gplay run."})
final class ExecCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATTERN", description = "hosts: a group, host or pattern")
    String pattern;

    @Mixin
    TargetOptions target;

    @Option(names = {"-m", "--module"}, defaultValue = "command", description = "the module (default ${DEFAULT-VALUE})")
    String module;

    @Option(names = {"-a", "--args"}, description = "the module's parameters as k=v words, or a free-form value for its main parameter")
    String args = "";

    @Option(names = {"-C", "--check"}, description = "predict, change nothing")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "show diffs")
    boolean diff;

    @Mixin
    RunLogOption log;

    @Override
    public Integer call() throws Exception {
        ModuleRegistry modules;
        Task task;
        try {
            modules = target.modules(Path.of(""));
            task = TaskCollector.standalone(modules, "gplay exec").task(module, null, parse(args, module, modules));
        } catch (DslException e) {
            e.problems().forEach(p -> System.err.println(SecretMask.global().mask(p)));
            return 1;
        }
        RunOptions opts = target.runOptions().output(check, diff, 0).build();
        boolean tty = Tty.colour();
        RunLog runLog = null;
        try {
            Inventory inventory = target.loadInventory(false);
            runLog = log.open(target);
            try (Session s = new Session(inventory, modules, opts, pattern,
                    RunLogOption.with(new CompactReporter(System.out, tty, diff), runLog))) {
                if (s.targets().isEmpty()) {
                    System.err.println("gplay exec: no hosts match '" + pattern + "'");
                    return 1;
                }
                s.become = target.become();
                Interrupts.onInterrupt(s::interrupt);
                RunSummary summary = s.run(List.of(task), "exec " + module);
                return summary.exitCode();
            }
        } catch (InventoryException e) {
            System.err.println("gplay: " + e.getMessage());
            return 1;
        } finally {
            RunLogOption.close(runLog);
        }
    }

    /**
     * {@code k=v k2='v 2'}, a free-form value for the module's main parameter (as {@code -a 'uptime'}), or a JSON
     * or YAML mapping ({@code -a '{"name": "data", "options": {"network.ping-timeout": 20}}'}).
     */
    static Map<String, Object> parse(String args, String module, ModuleRegistry modules) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (args.strip().startsWith("{")) {
            // the parameters as JSON or YAML, as Ansible's -a takes them: maps and lists can be given this way
            return KeyValues.mapping(args, "-a " + args);
        }
        ModuleSpec spec = modules.find(module).map(m -> m.spec()).orElse(null);
        if (!KeyValues.arePairs(args)) {
            if (spec != null && !args.isBlank()) {
                // as a playbook's title fills it: the same value in the DSL is the same task
                out.put(spec.primary().orElseThrow(() -> new IllegalArgumentException("-a " + args + ": " + module
                        + " has no main parameter to take a free-form value; give its parameters as k=v words")), args);
            }
            return out;
        }
        for (var kv : KeyValues.pairs(args, "-a " + args).entrySet()) {
            String key = kv.getKey();
            String value = kv.getValue();
            boolean list = spec != null && spec.param(key).map(p -> p.type() == ParamType.LIST).orElse(false);
            out.put(key, list ? List.of(value.split(",")) : value);
        }
        return out;
    }
}
