package io.gplay.cli;

import groovy.json.JsonOutput;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gplay-modules.schema.json}: the modules' parameters as a JSON Schema (draft 2020-12), for tools other than
 * an editor's Groovy support. The document is an object naming one module, by the name a playbook calls it, with
 * its parameters: {@code {"copy": {"dest": "/etc/motd", "content": "hi"}}}. Each parameter has its type, its
 * choices as an enum, its default and its description; the required ones are {@code required}. Roles that declare
 * their parameters are in {@code $defs}, as {@code role NAME}. What a closure computes on each host has no JSON
 * form: the schema speaks of literal values.
 */
final class ModulesSchema {
    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private ModulesSchema() {
    }

    static String render(List<ModuleSpec> modules, List<ModuleSpec> roles, String origin) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("title", "gplay modules");
        schema.put("description", "A gplay task as data: the module's name, then its parameters. Written by `gplay ide` "
                + origin + ".");
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        modules.forEach(m -> properties.put(m.dslName(), params(m)));
        schema.put("properties", properties);
        schema.put("minProperties", 1);
        schema.put("maxProperties", 1);
        schema.put("additionalProperties", false);
        Map<String, Object> defs = new LinkedHashMap<>();
        roles.forEach(r -> defs.put("role " + r.name(), params(r)));
        schema.put("$defs", defs);
        return JsonOutput.prettyPrint(JsonOutput.toJson(schema)) + "\n";
    }

    private static Map<String, Object> params(ModuleSpec s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", s.summary());
        out.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        s.params().forEach(p -> properties.put(p.name(), param(p)));
        out.put("properties", properties);
        List<String> required = s.params().stream().filter(Param::required).map(Param::name).toList();
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        // setFact takes facts by any name, gathered into one parameter
        out.put("additionalProperties", s.gathered().isPresent());
        return out;
    }

    private static Map<String, Object> param(Param p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(type(p.type()));
        if (!p.choices().isEmpty()) {
            out.put("enum", p.choices());
        }
        if (p.defaultValue() != null) {
            out.put("default", json(p.defaultValue()));
        }
        out.put("description", p.doc());
        return out;
    }

    /** The JSON type; a mode is a string, as a JSON number has no octal form. */
    private static Map<String, Object> type(ParamType t) {
        return switch (t) {
            case STRING, LOCAL_FILE, CHECK_COMMAND -> ordered("type", "string");
            case REGEX -> ordered("type", "string", "format", "regex");
            case PATH -> ordered("type", "string", "pattern", "^/");
            case MODE -> ordered("type", "string", "pattern", "^[0-7]{3,4}$");
            case INT -> ordered("type", "integer");
            case BOOL -> ordered("type", "boolean");
            case LIST -> ordered("type", "array");
            case MAP -> ordered("type", "object");
            case ANY -> ordered();
        };
    }

    private static Map<String, Object> ordered(Object... keyThenValue) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            out.put((String) keyThenValue[i], keyThenValue[i + 1]);
        }
        return out;
    }

    /** A default as JSON has it: text, number, boolean, list or object; anything else as its text. */
    private static Object json(Object v) {
        return v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof List<?>
                || v instanceof Map<?, ?> ? v : String.valueOf(v);
    }
}
