package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's tests (version, any, all, match...) and Jinja2's where Jinjava's differ (none, string, iterable...). */
final class AnsibleTests {
    private AnsibleTests() {
    }

    static List<ExpTest> all() {
        return List.of(
                of("version", AnsibleTests::version), of("version_compare", AnsibleTests::version),
                of("any", (v, a) -> Py.list(v).stream().anyMatch(Py::truth)),
                of("all", (v, a) -> Py.list(v).stream().allMatch(Py::truth)),
                of("none", (v, a) -> v == null || v == PyNone.NONE),
                of("string", (v, a) -> v instanceof CharSequence),
                of("mapping", (v, a) -> v instanceof Map<?, ?>),
                of("iterable", (v, a) -> v instanceof CharSequence || v instanceof Collection<?> || v instanceof Map<?, ?>
                        || v != null && v.getClass().isArray()),
                of("sequence", (v, a) -> v instanceof CharSequence || v instanceof Collection<?> || v instanceof Map<?, ?>),
                of("number", (v, a) -> v instanceof Number),
                of("boolean", (v, a) -> v instanceof Boolean),
                of("truthy", (v, a) -> Py.truth(v)), of("falsy", (v, a) -> !Py.truth(v)),
                of("match", (v, a) -> regex(v, a, Matcher::lookingAt)),
                of("search", (v, a) -> regex(v, a, Matcher::find)),
                of("regex", (v, a) -> regex(v, a, Matcher::find)),
                of("subset", (v, a) -> Py.list(a[0]).containsAll(Py.list(v))),
                of("superset", (v, a) -> Py.list(v).containsAll(Py.list(a[0]))),
                of("contains", (v, a) -> Py.list(v).contains(a[0])));
    }

    private static ExpTest of(String name, BiPredicate<Object, Object[]> test) {
        return new ExpTest() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                // Jinjava hands a test's arguments on as one list
                Object[] a = args == null ? new Object[0] : args.length == 1 && args[0] instanceof List<?> l ? l.toArray() : args;
                return test.test(var, a);
            }
        };
    }

    private static boolean regex(Object v, Object[] a, java.util.function.Predicate<Matcher> how) {
        return how.test(Pattern.compile(Py.str(a[0])).matcher(Py.str(v)));
    }

    /** Ansible's version test: version(other, operator='eq'), compared as distutils' LooseVersion. */
    private static boolean version(Object v, Object[] a) {
        String op = a.length > 1 ? Py.str(a[1]) : "eq";
        int c = compareLoose(loose(Py.str(v)), loose(Py.str(a[0])));
        return switch (op) {
            case "==", "=", "eq" -> c == 0;
            case "<", "lt" -> c < 0;
            case "<=", "le" -> c <= 0;
            case ">", "gt" -> c > 0;
            case ">=", "ge" -> c >= 0;
            case "!=", "<>", "ne" -> c != 0;
            default -> throw new InterpretException("version: invalid operator type (" + op + ")");
        };
    }

    /** LooseVersion's components: runs of digits as numbers, runs of letters as text, dots dropped. */
    private static List<Object> loose(String version) {
        List<Object> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\d+|[a-z]+|\\.|[^\\da-z.]+").matcher(version);
        while (m.find()) {
            String part = m.group();
            if (!part.equals(".")) {
                out.add(part.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(part) : part);
            }
        }
        return out;
    }

    private static int compareLoose(List<Object> x, List<Object> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            Object p = x.get(i);
            Object q = y.get(i);
            if (p.getClass() != q.getClass()) {
                throw new InterpretException("Version comparison failed: '<' not supported between instances of '"
                        + DataFilters.typeName(p) + "' and '" + DataFilters.typeName(q) + "'");
            }
            int c = p instanceof Long l ? l.compareTo((Long) q) : ((String) p).compareTo((String) q);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }
}
