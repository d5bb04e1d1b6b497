package io.gplay.engine.plan;

import io.gplay.engine.vault.ResolvingVars;

import java.util.List;
import java.util.Map;

/**
 * What a per-host value sees when it is computed: {@code host} (the host's name), {@code vars} (inventory,
 * play and extra variables, and registered results), {@code facts}, {@code groups} (group name to host names),
 * {@code hostvars} (every host's variables), {@code item} inside a loop, and {@code result} in
 * {@code changedWhen}, {@code failedWhen} and {@code until}, {@code playHosts} (the play's hosts after
 * {@code --limit}), {@code checkMode}, and {@code ansible_facts}, the facts under Ansible's names
 * ({@link AnsibleFacts}). Any other name is looked up in {@code vars}, so a
 * registered result {@code x} reads as {@code x.rc}. What a closure reads here is watched for secrets
 * ({@link SecretReads}).
 */
public final class HostScope {
    /** The names a per-host value reads as the scope's own, before any variable of the host's. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("host", "vars", "facts", "groups", "hostvars",
            "item", "result", "playHosts", "checkMode", "ansible_facts");

    private final String host;
    private final Map<String, Object> vars;
    private final Map<String, Object> facts;
    private final Map<String, List<String>> groups;
    private final Map<String, Map<String, Object>> hostvars;
    private final boolean checkMode;
    private Object item;
    private Map<String, Object> result;
    private List<String> playHosts = List.of();

    public HostScope(String host, Map<String, Object> vars, Map<String, Object> facts,
                     Map<String, List<String>> groups, Map<String, Map<String, Object>> hostvars, boolean checkMode) {
        this.host = host;
        // vault values are decrypted when a variable holding them is read
        this.vars = ResolvingVars.of(vars);
        this.facts = facts;
        this.groups = groups;
        this.hostvars = hostvars;
        this.checkMode = checkMode;
    }

    public HostScope withItem(Object item) {
        HostScope s = new HostScope(host, vars, facts, groups, hostvars, checkMode);
        s.item = item;
        s.playHosts = playHosts;
        return s;
    }

    /** The same scope, knowing the names of the hosts the current play runs on (after --limit). */
    public HostScope withPlayHosts(List<String> names) {
        HostScope s = withItem(item);
        s.playHosts = List.copyOf(names);
        return s;
    }

    public List<String> getPlayHosts() {
        return playHosts;
    }

    public HostScope withResult(Map<String, Object> result) {
        HostScope s = withItem(item);
        s.result = result;
        return s;
    }

    public String getHost() {
        return host;
    }

    public Map<String, Object> getVars() {
        return SecretReads.read(vars);
    }

    public Map<String, Object> getFacts() {
        return SecretReads.read(facts);
    }

    /** The facts as Ansible names them: {@code ansible_facts.os_family}, {@code ansible_facts.packages}. */
    public Map<String, Object> getAnsible_facts() {
        return SecretReads.read(AnsibleFacts.of(facts == null ? Map.of() : facts));
    }

    public Map<String, List<String>> getGroups() {
        return groups;
    }

    public Map<String, Map<String, Object>> getHostvars() {
        return SecretReads.read(hostvars);
    }

    /** The loop's item; outside a loop, a result registered as {@code item}, if any. */
    public Object getItem() {
        return SecretReads.read(item != null || !vars.containsKey("item") ? item : vars.get("item"));
    }

    /** The result an {@code until} reads; elsewhere, a result registered as {@code result}, if any. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> getResult() {
        return SecretReads.read(result != null || !(vars.get("result") instanceof Map<?, ?> m) ? result
                : (Map<String, Object>) m);
    }

    public boolean isCheckMode() {
        return checkMode;
    }

    /** Groovy's fallback for unknown properties: variables and registered results by name. */
    public Object get(String name) {
        if (!vars.containsKey(name)) {
            throw new UndefinedVariable(name, host);
        }
        return SecretReads.read(vars.get(name));
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = ResolvingVars.copyOf(vars);
        m.put("host", host);
        m.put("vars", vars);
        m.put("facts", facts);
        m.put("groups", groups);
        m.put("hostvars", hostvars);
        m.put("item", item);
        return m;
    }

    /** A name used in a per-host value that is neither a scope property nor a variable of the host. */
    public static final class UndefinedVariable extends RuntimeException {
        public UndefinedVariable(String name, String host) {
            this("'" + name + "' is not defined for host " + host);
        }

        private UndefinedVariable(String message) {
            super(message);
        }

        /**
         * A per-host text that took in a null where a value was expected ({@code "${vars.typo}"}, say), given as
         * a GString's parts: its literal strings and the values between them; shown with {@code <null>} there.
         */
        public static UndefinedVariable inText(String[] strings, Object[] values, String host) {
            StringBuilder shown = new StringBuilder();
            for (int i = 0; i < strings.length; i++) {
                shown.append(strings[i]);
                if (i < values.length) {
                    shown.append(values[i] == null ? "<null>" : String.valueOf(values[i]));
                }
            }
            return new UndefinedVariable("a null went into the text \"" + shown.toString().replace("\n", "\\n")
                    + "\" for host " + host + ": a variable that is not set? (vars.x ?: 'default' gives one a default)");
        }

        /** Whether a GString's values, as {@code getValues()} gives them, hold a null. */
        public static boolean holdsNull(Object[] values) {
            return java.util.Arrays.asList(values).contains(null);
        }
    }
}
