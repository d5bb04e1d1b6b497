package io.gplay.cli;

import picocli.CommandLine.Command;

/** {@code gplay audit}: check mode with diffs and a drift report; exit 3 when something drifted. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks hosts against a playbook without changing anything, and reports drift per host and task.",
                "Same as run --check --diff with audit reporting.",
                "Exit codes: 0 no drift, 3 drift found, 2 a task failed, 4 a host was unreachable, 1 bad input."})
final class AuditCommand extends RunCommand {
    @Override
    public Integer call() throws Exception {
        audit = true;
        return super.call();
    }
}
