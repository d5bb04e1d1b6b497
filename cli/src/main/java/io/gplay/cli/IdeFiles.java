package io.gplay.cli;

import io.gplay.dsl.build.CallTable;
import io.gplay.dsl.build.DslCall;
import io.gplay.dsl.build.DslWord;
import io.gplay.dsl.build.TaskKeywordTable;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an editor is told of gplay's DSL, the same for each editor's file: a call for each module (by the name a
 * playbook calls it), for each role ({@code role 'NAME'}, one declaration a role, with its own parameters), and for
 * each call of the DSL itself; a module's named values are its parameters, then the task keywords.
 */
final class IdeFiles {
    final List<ModuleSpec> modules;
    final List<ModuleSpec> roles;

    IdeFiles(List<ModuleSpec> modules, List<ModuleSpec> roles) {
        this.modules = List.copyOf(modules);
        this.roles = List.copyOf(roles);
    }

    /** A module call: its title, then its parameters as named values; the task keywords are added by each format. */
    static DslCall module(ModuleSpec s) {
        return new DslCall(s.dslName(), Map.of("title", "java.lang.String"), s.params().stream().map(IdeFiles::word).toList(),
                "<b>" + s.dslName() + "</b>: " + s.summary().replaceFirst("\\.$", "") + (s.primary().isPresent() ? "; the title fills "
                + s.primary().get() + " when it is not given" : "") + paramsDoc(s.params())
                + (s.notes().isEmpty() ? "" : "<p>" + s.notes()) + "<p>Check mode: " + s.checkMode()
                + "<p>Any value can be a closure, computed on each host when the task runs.", null);
    }

    /** A role's use: {@code role 'NAME', param: value}, with the named values of {@link CallTable#ROLE}. */
    static DslCall role(ModuleSpec s) {
        List<DslWord> named = new ArrayList<>(s.params().stream().map(IdeFiles::word).toList());
        named.addAll(CallTable.ROLE.named());
        return new DslCall(CallTable.ROLE.name(), CallTable.ROLE.params(), named, "<b>role '" + s.name() + "'</b>: "
                + s.summary() + paramsDoc(s.params()), null);
    }

    /** Every call: the modules', the roles' (one a role, instead of {@link CallTable#ROLE}), the DSL's own. */
    List<DslCall> calls() {
        return Stream.of(modules.stream().map(IdeFiles::module), roles.stream().map(IdeFiles::role),
                CallTable.ALL.stream().filter(c -> c != CallTable.ROLE)).flatMap(s -> s).toList();
    }

    /** Whether a call is a module's, whose named values go on with the task keywords. */
    boolean isModule(DslCall c) {
        return modules.stream().anyMatch(m -> m.dslName().equals(c.name()));
    }

    /**
     * The task keywords a module's own parameters leave out, as a Groovy list literal, or null: a parameter
     * wins over the keyword of its name ({@code name} of {@code glusterVolume} is the volume, not the title).
     */
    String shadowed(DslCall c) {
        List<String> names = c.named().stream().map(DslWord::name)
                .filter(n -> TaskKeywordTable.OFFERED.stream().anyMatch(k -> k.name().equals(n))).toList();
        return names.isEmpty() ? null : names.stream().map(IdeFiles::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    static DslWord word(Param p) {
        return new DslWord(p.name(), javaType(p.type()), "(" + describe(p) + ") " + p.doc(), p.required(), null);
    }

    /** The type, whether required, the default and the choices, as {@code gplay doc} says them. */
    static String describe(Param p) {
        return p.type().label() + (p.required() ? ", required" : "")
                + (p.defaultValue() != null ? ", default: " + p.defaultValue() : "")
                + (p.choices().isEmpty() ? "" : ", one of: " + String.join(", ", p.choices()));
    }

    private static String paramsDoc(List<Param> params) {
        return params.isEmpty() ? "" : params.stream().map(p -> "<li><code>" + p.name() + "</code> (" + describe(p)
                + ") " + p.doc() + "</li>").collect(Collectors.joining("", "<ul>", "</ul>"));
    }

    static String javaType(ParamType t) {
        return switch (t) {
            case INT -> "java.lang.Integer";
            case BOOL -> "java.lang.Boolean";
            case LIST -> "java.util.List";
            case MAP -> "java.util.Map";
            case ANY -> "java.lang.Object";
            case STRING, MODE, PATH, LOCAL_FILE, REGEX, CHECK_COMMAND -> "java.lang.String";
        };
    }

    /** A Groovy single-quoted string literal of {@code text}. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("'");
        text.chars().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.append("'").toString();
    }

    /** A Groovy map literal of names to literals: {@code [name: 'java.lang.String']}. */
    static String map(Map<String, String> entries) {
        return entries.isEmpty() ? "[:]" : entries.entrySet().stream()
                .map(e -> literal(e.getKey()) + ": " + literal(e.getValue())).collect(Collectors.joining(", ", "[", "]"));
    }

    static Map<String, String> types(List<DslWord> words) {
        Map<String, String> out = new LinkedHashMap<>();
        words.forEach(w -> out.put(w.name(), w.type()));
        return out;
    }
}
