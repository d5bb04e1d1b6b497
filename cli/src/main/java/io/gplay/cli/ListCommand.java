package io.gplay.cli;

import io.gplay.dsl.PlaybookLoader;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code gplay list}: the bundled playbooks, each with the first comment line of its file as its description. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the bundled playbooks (run them by name: gplay run NAME -i INV).")
final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (String name : PlaybookLoader.bundledNames()) {
            String summary = PlaybookLoader.bundledText(name).orElse("").lines().map(String::strip)
                    .filter(l -> l.startsWith("//")).findFirst().map(l -> l.substring(2).strip()).orElse("");
            System.out.printf("%-28s %s%n", name, summary);
        }
        return 0;
    }
}
