package io.gplay.engine.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a module is and takes. {@code primary} names the parameter that a task's title fills when it is not
 * given (so {@code service 'glusterd', state: 'started'} manages the service glusterd).
 */
public final class ModuleSpec {
    /** A parameter's value in the name of a fact: {@code getent_{database}}. */
    private static final Pattern FACT_PARAM = Pattern.compile("\\{(\\w+)}");
    private final String name;
    private final String summary;
    private final List<Param> params = new ArrayList<>();
    private final List<ParamRule> rules = new ArrayList<>();
    private String primary;
    private String dslName;
    private String gathers;
    private String checkMode = "predicts its change from the host's current state, with the same code as a real run";
    private String notes = "";
    private final List<String> examples = new ArrayList<>();
    private final List<ReturnValue> returns = new ArrayList<>();
    private final Map<String, String> leftOut = new LinkedHashMap<>();
    private final List<String> facts = new ArrayList<>();

    public ModuleSpec(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    public ModuleSpec param(Param p) {
        params.add(p);
        return this;
    }

    /** Parameters several modules share (a file's owner, group and mode), in their order. */
    public ModuleSpec params(List<Param> shared) {
        shared.forEach(this::param);
        return this;
    }

    /** At least one of these parameters is given (Ansible's required_one_of). */
    public ModuleSpec oneOf(String... names) {
        return rule(ParamRule.Kind.ONE_OF, Map.of(), names, null);
    }

    /** At most one of these parameters is given (Ansible's mutually_exclusive). */
    public ModuleSpec exclusive(String... names) {
        return rule(ParamRule.Kind.EXCLUSIVE, Map.of(), names, null);
    }

    /** Each of {@code required} is given when {@code param} is {@code value}, given or by default (Ansible's required_if). */
    public ModuleSpec requiredIf(String param, Object value, String... required) {
        return requiredIf(Map.of(param, value), required);
    }

    /** Each of {@code required} is given when every parameter of {@code when} has its value there. */
    public ModuleSpec requiredIf(Map<String, Object> when, String... required) {
        return rule(ParamRule.Kind.ALL, when, required, null);
    }

    /** At least one of {@code names} is given when {@code param} is {@code value} (required_if with is_one_of). */
    public ModuleSpec oneOfIf(String param, Object value, String... names) {
        return rule(ParamRule.Kind.ONE_OF, Map.of(param, value), names, null);
    }

    /** {@code other} is {@code otherValue}, given or by default, when {@code param} is {@code value}. */
    public ModuleSpec goesWith(String param, Object value, String other, Object otherValue) {
        return rule(ParamRule.Kind.VALUE, Map.of(param, value), new String[]{other}, otherValue);
    }

    private ModuleSpec rule(ParamRule.Kind kind, Map<String, Object> when, String[] names, Object value) {
        for (String n : names) {
            param(n).orElseThrow(() -> new IllegalArgumentException(name + ": a rule names '" + n + "', no parameter"));
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Param p : params) {
            if (when.containsKey(p.name())) {
                ordered.put(p.name(), when.get(p.name()));
            }
        }
        if (ordered.size() != when.size()) {
            throw new IllegalArgumentException(name + ": a rule's condition names no parameter: " + when.keySet());
        }
        rules.add(new ParamRule(kind, ordered, List.of(names), value));
        return this;
    }

    public ModuleSpec primary(String param) {
        this.primary = param;
        return this;
    }

    /** The name a playbook calls the module by, where its own name is a Groovy keyword ({@code package}, {@code assert}). */
    public ModuleSpec dslName(String name) {
        this.dslName = name;
        return this;
    }

    /**
     * The map parameter that a task's named values which are neither parameters nor keywords go into:
     * {@code setFact 'ports', http: 80} sets {@code facts: [http: 80]}.
     */
    public ModuleSpec gathers(String param) {
        this.gathers = param;
        return this;
    }

    public Optional<String> gathered() {
        return Optional.ofNullable(gathers);
    }

    public ModuleSpec checkMode(String text) {
        this.checkMode = text;
        return this;
    }

    public ModuleSpec notes(String text) {
        this.notes = text;
        return this;
    }

    /**
     * A value {@code register} gives: {@code returned} is {@code always}, {@code success}, {@code changed} or a
     * condition in words, as in Ansible's RETURN documentation.
     */
    public ModuleSpec returns(String key, String type, String returned, String description, String sample) {
        returns.add(new ReturnValue(key, type, returned, description, sample));
        return this;
    }

    /** A parameter of the Ansible module of the same job that this one does not take, and why. */
    public ModuleSpec leavesOut(String ansibleParam, String why) {
        leftOut.put(ansibleParam, why);
        return this;
    }

    /**
     * The facts the module sets, as Ansible's modules return {@code ansible_facts}: the run merges the
     * {@code ansible_facts} map of its result into the host's facts, readable after as {@code facts.NAME},
     * {@code ansible_facts.NAME} and the variable {@code NAME}. A name may take a parameter's value,
     * {@code getent_{database}}; the plan knows it where the task gives that parameter as a plain value.
     */
    public ModuleSpec setsFacts(String... names) {
        for (String n : names) {
            Matcher m = FACT_PARAM.matcher(n);
            while (m.find()) {
                String p = m.group(1);
                param(p).orElseThrow(() -> new IllegalArgumentException(name + ": fact '" + n + "' names no parameter '" + p + "'"));
            }
            facts.add(n);
        }
        return this;
    }

    /** The facts as declared ({@code getent_{database}}). */
    public List<String> factsSet() {
        return List.copyOf(facts);
    }

    /**
     * The names of the facts a task with these parameters sets, each {@code {param}} filled with the task's
     * value (or the parameter's default); a name whose parameter is known only on the host is left out.
     */
    public List<String> factsSet(Map<String, Object> params) {
        List<String> out = new ArrayList<>();
        for (String f : facts) {
            Matcher m = FACT_PARAM.matcher(f);
            StringBuilder b = new StringBuilder();
            boolean known = true;
            while (m.find()) {
                Object v = params.containsKey(m.group(1)) ? params.get(m.group(1))
                        : param(m.group(1)).map(Param::defaultValue).orElse(null);
                known &= v instanceof CharSequence || v instanceof Number;
                m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf(v)));
            }
            m.appendTail(b);
            if (known) {
                out.add(b.toString());
            }
        }
        return out;
    }

    public ModuleSpec example(String groovy) {
        examples.add(groovy);
        return this;
    }

    public String name() {
        return name;
    }

    /** The name a playbook calls the module by: its own, or the one it takes where that is a Groovy keyword. */
    public String dslName() {
        return dslName == null ? name : dslName;
    }

    public String summary() {
        return summary;
    }

    public List<Param> params() {
        return List.copyOf(params);
    }

    /** The rules across parameters, in the order declared. */
    public List<ParamRule> rules() {
        return List.copyOf(rules);
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<String> primary() {
        return Optional.ofNullable(primary);
    }

    public String checkMode() {
        return checkMode;
    }

    public String notes() {
        return notes;
    }

    public List<String> examples() {
        return List.copyOf(examples);
    }

    /** What {@code register} gives beyond {@code changed}, {@code changes} (what was changed, in words), {@code failed}, {@code skipped}, {@code msg} and {@code status}. */
    public List<ReturnValue> returnValues() {
        return List.copyOf(returns);
    }

    /** Ansible's parameters this module leaves out, with why. */
    public Map<String, String> leftOut() {
        return java.util.Collections.unmodifiableMap(leftOut);
    }
}
