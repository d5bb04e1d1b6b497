package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.lib.filter.Filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Ansible's and Jinja2's filters on values, lists and dicts, with Python's semantics: bool, ternary, combine... */
final class DataFilters {
    private DataFilters() {
    }

    static List<Filter> all() {
        return List.of(
                Filters.of("bool", (v, a) -> bool(v)),
                Filters.of("ternary", (v, a) -> v == PyNone.NONE && a.positional().length > 2 ? a.get(2, "none_val", null)
                        : Py.truth(v) ? a.get(0, "true_val", null) : a.get(1, "false_val", null)),
                Filters.of("mandatory", (v, a) -> {
                    if (v == null) {
                        throw a.fail(a.str(0, "msg", "Mandatory variable has not been overridden"));
                    }
                    return v;
                }),
                // Jinjava's own default gives its value's text (default(false) is the string 'false', which is true)
                Filters.of("default", DataFilters::orDefault),
                Filters.of("d", DataFilters::orDefault),
                Filters.of("int", DataFilters::toInt),
                Filters.of("list", (v, a) -> Py.list(v)),
                Filters.of("unique", (v, a) -> new ArrayList<>(new LinkedHashSet<>(Py.list(v)))),
                Filters.of("difference", (v, a) -> {
                    List<Object> other = Py.list(a.get(0, "b", List.of()));
                    return new ArrayList<>(new LinkedHashSet<>(Py.list(v).stream().filter(x -> !other.contains(x)).toList()));
                }),
                Filters.of("intersect", (v, a) -> {
                    List<Object> other = Py.list(a.get(0, "b", List.of()));
                    return new ArrayList<>(new LinkedHashSet<>(Py.list(v).stream().filter(other::contains).toList()));
                }),
                Filters.of("union", (v, a) -> {
                    LinkedHashSet<Object> out = new LinkedHashSet<>(Py.list(v));
                    out.addAll(Py.list(a.get(0, "b", List.of())));
                    return new ArrayList<>(out);
                }),
                Filters.of("combine", DataFilters::combine),
                Filters.of("dict2items", (v, a) -> dict(v).entrySet().stream().map(e -> {
                    Map<Object, Object> item = new LinkedHashMap<>();
                    item.put(a.str(0, "key_name", "key"), e.getKey());
                    item.put(a.str(1, "value_name", "value"), e.getValue());
                    return (Object) item;
                }).toList()),
                Filters.of("items2dict", (v, a) -> {
                    Map<Object, Object> out = new LinkedHashMap<>();
                    Py.list(v).forEach(i -> out.put(dict(i).get(a.str(0, "key_name", "key")), dict(i).get(a.str(1, "value_name", "value"))));
                    return out;
                }),
                Filters.of("sort", DataFilters::sort),
                Filters.of("type_debug", (v, a) -> typeName(v)),
                Filters.of("flatten", (v, a) -> flatten(Py.list(v), a.get(0, "levels", null) == null ? -1
                        : a.integer(0, "levels", -1))));
    }

    /** Ansible's bool: True for yes, on, 1, true (any case) and 1; None stays None. */
    static Object bool(Object v) {
        if (v == PyNone.NONE || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            return n.doubleValue() == 1;
        }
        String s = Py.str(v).toLowerCase(java.util.Locale.ROOT);
        return s.equals("yes") || s.equals("on") || s.equals("1") || s.equals("true");
    }

    /** Jinja2's int(default=0, base=10): a float truncated, a string parsed, else the default. */
    /** Jinja2's default(default_value='', boolean=False): the value, unless undefined (or false, with boolean). */
    private static Object orDefault(Object v, Filters.Args a) {
        boolean ifFalse = a.bool(1, "boolean", false);
        return v == null || (ifFalse && !Py.truth(v)) ? a.get(0, "default_value", "") : v;
    }

    private static Object toInt(Object v, Filters.Args a) {
        Object otherwise = a.get(0, "default", 0L);
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Number n) {
            return n instanceof Double || n instanceof Float ? (long) n.doubleValue() : n.longValue();
        }
        String s = Py.str(v).strip().replace("_", "");
        try {
            return Long.parseLong(s, a.integer(1, "base", 10));
        } catch (NumberFormatException e) {
            try {
                return new BigDecimal(s).longValue();
            } catch (NumberFormatException again) {
                return otherwise;
            }
        }
    }

    /** Ansible's combine: dicts merged left to right, recursive=True merging nested dicts. */
    private static Object combine(Object v, Filters.Args a) {
        boolean recursive = Py.truth(a.named().get("recursive"));
        Map<Object, Object> out = new LinkedHashMap<>(dict(v));
        for (Object other : a.positional()) {
            for (Object d : other instanceof List<?> l ? l : List.of(other)) {
                merge(out, dict(d), recursive);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<Object, Object> into, Map<?, ?> from, boolean recursive) {
        from.forEach((k, x) -> {
            if (recursive && into.get(k) instanceof Map<?, ?> old && x instanceof Map<?, ?> nu) {
                Map<Object, Object> m = new LinkedHashMap<>((Map<Object, Object>) old);
                merge(m, nu, true);
                into.put(k, m);
            } else {
                into.put(k, x);
            }
        });
    }

    /** Jinja2's sort(reverse=False, case_sensitive=False, attribute=None). */
    private static Object sort(Object v, Filters.Args a) {
        String attribute = a.str(2, "attribute", null);
        boolean caseSensitive = a.bool(1, "case_sensitive", false);
        Comparator<Object> order = Comparator.comparing(x -> sortKey(attribute == null ? x : attribute(x, attribute), caseSensitive),
                DataFilters::compare);
        List<Object> out = new ArrayList<>(Py.list(v));
        out.sort(a.bool(0, "reverse", false) ? order.reversed() : order);
        return out;
    }

    private static Object sortKey(Object x, boolean caseSensitive) {
        return !caseSensitive && x instanceof String s ? s.toLowerCase(java.util.Locale.ROOT) : x;
    }

    /** Python's ordering of numbers with numbers and strings with strings. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object x, Object y) {
        if (x instanceof Number a && y instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        if (x instanceof Comparable c && x.getClass() == y.getClass()) {
            return c.compareTo(y);
        }
        throw new com.hubspot.jinjava.interpret.InterpretException("'<' not supported between instances of '"
                + typeName(x) + "' and '" + typeName(y) + "'");
    }

    /** An item's attribute as Jinja2 reads it: a dict's key, 'a.b' for a nested one, a list's index. */
    static Object attribute(Object x, String path) {
        Object at = x;
        for (String part : path.split("\\.")) {
            at = at instanceof Map<?, ?> m ? m.get(part) : at instanceof List<?> l ? l.get(Integer.parseInt(part)) : null;
        }
        return at;
    }

    /** Python's name of a value's type, as Ansible's type_debug shows it. */
    static String typeName(Object v) {
        return v == null || v == PyNone.NONE ? "NoneType" : v instanceof Boolean ? "bool"
                : v instanceof Double || v instanceof Float || v instanceof BigDecimal ? "float"
                : v instanceof Number ? "int" : v instanceof CharSequence ? "str" : v instanceof Map<?, ?> ? "dict"
                : v instanceof List<?> ? "list" : v.getClass().getSimpleName();
    }

    private static List<Object> flatten(List<Object> in, int levels) {
        List<Object> out = new ArrayList<>();
        for (Object x : in) {
            if (x instanceof List<?> l && levels != 0) {
                out.addAll(flatten(new ArrayList<>(l), levels - 1));
            } else if (x != PyNone.NONE) {
                out.add(x);
            }
        }
        return out;
    }

    private static Map<?, ?> dict(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new com.hubspot.jinjava.interpret.InterpretException("expected a dict, got " + typeName(v));
    }
}
