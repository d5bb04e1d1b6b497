package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * to_json, to_nice_json, to_yaml and to_nice_yaml as Ansible writes them: Python's json.dumps, and PyYAML's dump
 * (keys sorted), here by SnakeYAML, whose emitter is a port of PyYAML's; from_json and from_yaml.
 */
final class Serialize {
    private Serialize() {
    }

    static List<Filter> all() {
        return List.of(
                Filters.of("to_json", (v, a) -> json(v, ((Number) a.keyword("indent", -1)).intValue(),
                        Py.truth(a.keyword("sort_keys", false)), 0)),
                Filters.of("to_nice_json", (v, a) -> json(v, a.integer(0, "indent", 4), a.bool(1, "sort_keys", true), 0)),
                Filters.of("to_yaml", (v, a) -> yaml(v, ((Number) a.keyword("indent", 2)).intValue(), false, Py.truth(a.keyword("sort_keys", true)))),
                Filters.of("to_nice_yaml", (v, a) -> yaml(v, a.integer(0, "indent", 4), true, Py.truth(a.keyword("sort_keys", true)))),
                Filters.of("from_json", (v, a) -> new Yaml(new SafeConstructor(new LoaderOptions())).load(Py.str(v))),
                Filters.of("from_yaml", (v, a) -> new Yaml(new SafeConstructor(new LoaderOptions())).load(Py.str(v))));
    }

    /** Python's json.dumps: ensure_ascii, separators ', ' and ': ' (',' when indented), keys sorted if asked. */
    static String json(Object v, int indent, boolean sortKeys, int depth) {
        Object x = v == PyNone.NONE ? null : v;
        if (x == null) {
            return "null";
        }
        if (x instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (x instanceof Number) {
            return Py.str(x);
        }
        String nl = indent < 0 ? "" : "\n" + " ".repeat(indent * (depth + 1));
        String close = indent < 0 ? "" : "\n" + " ".repeat(indent * depth);
        String comma = indent < 0 ? ", " : ",";
        if (x instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return "{}";
            }
            Map<?, ?> ordered = sortKeys ? new TreeMap<>(m) : m;
            List<String> items = new ArrayList<>();
            ordered.forEach((k, val) -> items.add(nl + string(Py.str(k)) + ": " + json(val, indent, sortKeys, depth + 1)));
            return "{" + String.join(comma, items) + close + "}";
        }
        if (x instanceof Collection<?> || x.getClass().isArray()) {
            List<Object> list = Py.list(x);
            if (list.isEmpty()) {
                return "[]";
            }
            List<String> items = new ArrayList<>();
            list.forEach(val -> items.add(nl + json(val, indent, sortKeys, depth + 1)));
            return "[" + String.join(comma, items) + close + "]";
        }
        return string(Py.str(x));
    }

    private static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** PyYAML's dump as Ansible calls it: keys sorted, unicode kept, block style (nice) or leaf collections in flow. */
    static String yaml(Object v, int indent, boolean nice, boolean sortKeys) {
        DumperOptions o = new DumperOptions();
        o.setIndent(indent);
        o.setAllowUnicode(true);
        o.setDefaultFlowStyle(nice ? DumperOptions.FlowStyle.BLOCK : DumperOptions.FlowStyle.AUTO);
        return new Yaml(new PyYamlRepresenter(o), o).dump(plain(v, sortKeys));
    }

    /** Values as SnakeYAML represents them: None as null, maps sorted by key (PyYAML's sort_keys). */
    private static Object plain(Object v, boolean sortKeys) {
        if (v == PyNone.NONE) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = sortKeys ? new TreeMap<>(DataFilters::compare) : new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, plain(x, sortKeys)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(x -> plain(x, sortKeys)).toList();
        }
        return v;
    }

    /** SnakeYAML's representer less its one difference from PyYAML: a multi-line string is not forced to '|'. */
    private static final class PyYamlRepresenter extends Representer {
        PyYamlRepresenter(DumperOptions o) {
            super(o);
            // PyYAML writes no multi-line string plain: quoted, in single quotes where it can
            this.representers.put(String.class, data -> representScalar(org.yaml.snakeyaml.nodes.Tag.STR, data.toString(),
                    data.toString().contains("\n") ? DumperOptions.ScalarStyle.SINGLE_QUOTED : DumperOptions.ScalarStyle.PLAIN));
        }
    }
}
