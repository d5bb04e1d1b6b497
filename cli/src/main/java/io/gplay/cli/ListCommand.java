package io.gplay.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code gplay list}: the bundled playbooks. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the bundled playbooks (run them by name: gplay run NAME -i INV).")
final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        for (String name : Playbooks.names()) {
            System.out.printf("%-28s %s%n", name, Playbooks.summary(Playbooks.bundled(name)));
        }
        return 0;
    }
}
