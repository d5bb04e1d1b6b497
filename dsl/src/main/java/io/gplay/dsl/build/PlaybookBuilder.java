package io.gplay.dsl.build;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Step;
import io.gplay.engine.vault.VaultYaml;
import org.yaml.snakeyaml.LoaderOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The body of {@code playbook('name') { }}: plays and the variables the playbook requires. */
public class PlaybookBuilder {
    private final BuildContext ctx;
    private final List<Play> plays = new ArrayList<>();
    private final List<Playbook.RequiredVar> required = new ArrayList<>();

    PlaybookBuilder(BuildContext ctx) {
        this.ctx = ctx;
    }

    public void play(Map<String, Object> options, String name,
                     @DelegatesTo(value = PlayBuilder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        Source at = ctx.here();
        PlayOptions.optionProblems(name, options, p -> ctx.problem(at, p));
        PlayBuilder pb = new PlayBuilder(ctx);
        int rolesBefore = ctx.roleUses();
        body.setDelegate(pb);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        ctx.playStarts();
        ctx.within(pb, body);
        Set<String> handlers = new LinkedHashSet<>();
        pb.handlerTasks().forEach(h -> {
            handlers.add(h.title());
            handlers.addAll(h.options().listen());
        });
        ctx.problems(Notifies.problems(name, ctx.playEnds(), handlers));
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = new LinkedHashMap<>(options.get("vars") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of());
        for (String f : PlayOptions.varsFiles(options.get("varsFiles"))) {
            PlayOptions.varsFile(ctx.fileOf(at), f, p -> ctx.problem(at, p)).ifPresent(file -> vars.putAll(varsOf(file, at)));
        }
        // a play's tags are each of its tasks' too, as in Ansible: -t firewall runs the firewall play
        List<String> playTags = strings(options.get("tags"));
        List<Step> tasks = pb.steps.stream().map(s -> s.mapTasks(t -> t.withTags(playTags))).toList();
        plays.add(new Play(name, String.valueOf(options.get("hosts")), vars,
                RolloutOptions.read(options, p -> ctx.problem(at, p)).withGates(pb.gates),
                !(options.get("become") instanceof Boolean b) ? false : b,
                options.get("becomeUser") == null ? null : options.get("becomeUser").toString(),
                !(options.get("gatherFacts") instanceof Boolean g) ? true : g, tasks, pb.handlerTasks(), at,
                ctx.roleUsesSince(rolesBefore)));
    }

    public void play(String name, Map<String, Object> options, Closure<?> body) {
        play(options, name, body);
    }

    public void play(Map<String, Object> options, Closure<?> body) {
        play(options, String.valueOf(options.getOrDefault("name", options.get("hosts"))), body);
    }

    /** {@code requires virtual_ip: 'the CTDB virtual address, e.g. 10.0.0.200/24', ...}. */
    public void requires(Map<String, Object> vars) {
        Source at = ctx.here();
        vars.forEach((k, doc) -> required.add(new Playbook.RequiredVar(k, String.valueOf(doc), at)));
    }

    /** {@code requires 'virtual_ip', 'engine_fqdn'}. */
    public void requires(String... names) {
        Source at = ctx.here();
        for (String n : names) {
            required.add(new Playbook.RequiredVar(n, "", at));
        }
    }

    private static List<String> strings(Object v) {
        return v == null ? List.of() : v instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(v));
    }

    /**
     * A play's {@code varsFiles}: YAML mappings (Ansible Vault files and {@code !vault} values too), relative to
     * the file the play is written in; a later file's values over an earlier's, all over the play's {@code vars}.
     */
    private Map<String, Object> varsOf(SourceFile file, Source at) {
        Object doc;
        try {
            doc = VaultYaml.load(file.text(), file.display(), new LoaderOptions(), ctx.vault());
        } catch (RuntimeException e) {
            ctx.problem(at, "varsFiles: " + e.getMessage());
            return Map.of();
        }
        if (doc != null && !(doc instanceof Map<?, ?>)) {
            ctx.problem(at, "varsFiles: " + file.display() + " is no mapping of names to values");
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (doc instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    Playbook build(String name) {
        return new Playbook(name, ctx.displayName(), plays, required);
    }
}
