package io.gplay.dsl.build;

import io.gplay.dsl.build.DslWord.Doc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code gplay doc WORD} says of a task keyword ({@code when}, {@code loop}...), a call of the DSL
 * ({@code block}, {@code includeTasks}...) or {@code item}, from {@link TaskKeywordTable} and {@link CallTable}:
 * what it takes, what it does, Ansible's name for it, an example; a call's named values are listed under it.
 * Ansible's spelling ({@code ignore_errors}, {@code with_items}) finds gplay's word.
 */
public final class WordDocs {
    private static final Map<String, List<String>> ANSIBLE = new LinkedHashMap<>();
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        for (DslWord k : TaskKeywordTable.OFFERED) {
            keyword(k);
        }
        keyword(TaskKeywordTable.CHECK);
        add(TaskKeywordTable.ITEM.name(), TaskKeywordTable.ITEM.doc(), List.of());
        for (DslCall c : CallTable.ALL) {
            add(c.name(), c.doc(), c.named());
        }
    }

    private WordDocs() {
    }

    private static void keyword(DslWord k) {
        Doc d = k.doc();
        add(k.name(), new Doc(k.name() + ": " + d.takes() + " (a task keyword)", d.text(), d.ansible(), d.example()),
                List.of());
    }

    private static void add(String name, Doc d, List<DslWord> named) {
        StringBuilder page = new StringBuilder(name.toUpperCase()).append(" - ").append(d.takes()).append("\n\n")
                .append(d.text()).append("\n");
        if (!named.isEmpty()) {
            page.append("\nNAMED VALUES\n");
            named.forEach(w -> page.append("  ").append(w.name()).append(": ").append(w.line()).append("\n"));
        }
        if (!d.ansible().isEmpty()) {
            page.append("\nAnsible: ").append(String.join(", ", d.ansible())).append("\n");
        }
        page.append("\nEXAMPLE\n  ").append(d.example().replace("\n", "\n  ")).append("\n");
        ANSIBLE.put(name, d.ansible());
        PAGES.put(name, page.toString());
    }

    /** The words documented: task keywords, the DSL's calls and item. */
    public static Set<String> names() {
        return new TreeSet<>(PAGES.keySet());
    }

    /** What {@code gplay doc NAME} prints of a keyword or DSL word, Ansible's spelling of one found too. */
    public static Optional<String> of(String name) {
        if (PAGES.containsKey(name)) {
            return Optional.of(PAGES.get(name));
        }
        String gplay = ANSIBLE.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(a -> spells(a, name)))
                .map(Map.Entry::getKey).findFirst()
                .orElse(PAGES.containsKey(AnsibleHabits.camel(name)) ? AnsibleHabits.camel(name) : null);
        return gplay == null ? Optional.empty() : Optional.of("(Ansible's " + name + ": gplay's " + gplay + ")\n"
                + PAGES.get(gplay));
    }

    /** Whether Ansible's spelling {@code ansible} (with_* for each with_ loop) is {@code name}. */
    private static boolean spells(String ansible, String name) {
        return ansible.endsWith("*") ? name.startsWith(ansible.substring(0, ansible.length() - 1))
                && name.length() >= ansible.length() : ansible.equals(name);
    }
}
