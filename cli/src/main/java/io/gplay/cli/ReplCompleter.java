package io.gplay.cli;

import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tab completion from the same specs that validate playbooks: commands, module names (and {@code role},
 * {@code block}), a module's parameter names, the choices of a parameter, role names after {@code role} and a
 * role's parameters, and host and group names after {@code :hosts}.
 */
final class ReplCompleter implements Completer {
    static final List<String> COMMANDS = List.of(":hosts", ":check", ":diff", ":become", ":facts", ":doc",
            ":modules", ":load", ":play", ":task", ":help", ":quit");
    private static final Pattern VALUE = Pattern.compile("(\\w+):\\s*['\"]?(\\w*)$");

    private static final Pattern ROLE = Pattern.compile("^\\s*role\\s*\\(?\\s*['\"]([\\w.-]+)['\"]\\s*,");

    private final ModuleRegistry modules;
    private final Supplier<List<String>> hostsAndGroups;
    private final Roles roles;

    /** The roles the console can use, by name. */
    interface Roles {
        List<String> names();

        Optional<ModuleSpec> spec(String name);
    }

    ReplCompleter(ModuleRegistry modules, Supplier<List<String>> hostsAndGroups, Roles roles) {
        this.modules = modules;
        this.hostsAndGroups = hostsAndGroups;
        this.roles = roles;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
        String before = line.line().substring(0, line.cursor());
        List<String> words = line.words();
        String first = words.isEmpty() ? "" : words.get(0);
        if (line.wordIndex() == 0) {
            COMMANDS.forEach(c -> out.add(new Candidate(c)));
            modules.byDslName().keySet().forEach(m -> out.add(new Candidate(m)));
            out.add(new Candidate("role"));
            out.add(new Candidate("block"));
            return;
        }
        Matcher role = ROLE.matcher(before);
        if (first.equals("role")) {
            if (role.find()) {
                roles.spec(role.group(1)).ifPresent(spec -> arguments(spec, before, out));
            } else {
                roles.names().forEach(r -> out.add(new Candidate("'" + r + "'", r, null, null, null, null, false)));
            }
            return;
        }
        switch (first) {
            case ":hosts", ":facts" -> hostsAndGroups.get().forEach(h -> out.add(new Candidate(h)));
            case ":doc" -> modules.all().keySet().forEach(m -> out.add(new Candidate(m)));
            case ":check", ":diff", ":become" -> List.of("on", "off").forEach(v -> out.add(new Candidate(v)));
            default -> moduleArguments(first, before, out);
        }
    }

    private void moduleArguments(String moduleWord, String before, List<Candidate> out) {
        modules.find(moduleWord).ifPresent(m -> arguments(m.spec(), before, out));
    }

    private static void arguments(ModuleSpec spec, String before, List<Candidate> out) {
        Matcher v = VALUE.matcher(before);
        if (v.find()) {
            Param p = spec.param(v.group(1)).orElse(null);
            if (p != null && !p.choices().isEmpty()) {
                // inside a quote the user opened, a choice closes it; else the choice comes with its quotes
                boolean quoted = before.matches("(?s).*\\w+:\\s*['\"]\\w*$");
                p.choices().forEach(c -> out.add(new Candidate(quoted ? c : "'" + c + "'", c, null, null, null, null, quoted)));
                return;
            }
        }
        List<String> names = new ArrayList<>();
        spec.params().forEach(p -> names.add(p.name() + ":"));
        names.forEach(n -> out.add(new Candidate(n, n, null, null, null, null, false)));
    }
}
