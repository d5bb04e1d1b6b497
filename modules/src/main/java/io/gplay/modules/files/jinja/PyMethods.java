package io.gplay.modules.files.jinja;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The methods of Python's str and dict that templates call ({@code item.server_name.split(' ')[0]},
 * {@code m.mount.startswith('/home')}, {@code d.get('k', 'x')}); Jinjava knows only Java's. Any other call goes on to
 * Jinjava's own resolvers.
 */
final class PyMethods extends ELResolver {
    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        Object[] args = params == null ? new Object[0] : params;
        Object result = base instanceof String s ? onStr(s, String.valueOf(method), args)
                : base instanceof Map<?, ?> m ? onDict(m, String.valueOf(method), args) : NOT_MINE;
        if (result == NOT_MINE) {
            return null;
        }
        context.setPropertyResolved(true);
        return result;
    }

    private static final Object NOT_MINE = new Object();

    private static Object onStr(String s, String method, Object[] a) {
        return switch (method) {
            case "startswith" -> anyOf(a[0], p -> s.startsWith(p));
            case "endswith" -> anyOf(a[0], p -> s.endsWith(p));
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "strip" -> strip(s, a, true, true);
            case "lstrip" -> strip(s, a, true, false);
            case "rstrip" -> strip(s, a, false, true);
            case "split" -> split(s, a.length > 0 ? a[0] : null, a.length > 1 ? ((Number) a[1]).intValue() : -1);
            case "replace" -> s.replace(Py.str(a[0]), Py.str(a[1]));
            case "join" -> String.join(s, Py.list(a[0]).stream().map(Py::str).toList());
            case "find" -> (long) s.indexOf(Py.str(a[0]));
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT)
                    + s.substring(1).toLowerCase(Locale.ROOT);
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            default -> NOT_MINE;
        };
    }

    private static Object onDict(Map<?, ?> m, String method, Object[] a) {
        return switch (method) {
            case "get" -> m.containsKey(a[0]) ? m.get(a[0]) : a.length > 1 ? a[1] : PyNone.NONE;
            case "keys" -> new ArrayList<>(m.keySet());
            case "items" -> m.entrySet().stream().map(e -> (Object) java.util.Arrays.asList(e.getKey(), e.getValue())).toList();
            case "values" -> new ArrayList<>(m.values());
            default -> NOT_MINE;
        };
    }

    private static boolean anyOf(Object prefixes, java.util.function.Predicate<String> test) {
        return prefixes instanceof List<?> l ? l.stream().map(Py::str).anyMatch(test) : test.test(Py.str(prefixes));
    }

    private static String strip(String s, Object[] a, boolean left, boolean right) {
        String chars = a.length > 0 && a[0] != PyNone.NONE ? Py.str(a[0]) : null;
        int from = 0;
        int to = s.length();
        while (left && from < to && stripped(s.charAt(from), chars)) {
            from++;
        }
        while (right && to > from && stripped(s.charAt(to - 1), chars)) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    /** Python's str.split: on runs of whitespace without a separator, else on each separator; maxsplit splits. */
    static List<Object> split(String s, Object sep, int maxsplit) {
        List<Object> out = new ArrayList<>();
        if (sep == null || sep == PyNone.NONE) {
            String rest = s.strip();
            while (!rest.isEmpty()) {
                if (maxsplit >= 0 && out.size() == maxsplit) {
                    out.add(rest);
                    return out;
                }
                int ws = 0;
                while (ws < rest.length() && !Character.isWhitespace(rest.charAt(ws))) {
                    ws++;
                }
                out.add(rest.substring(0, ws));
                rest = rest.substring(ws).stripLeading();
            }
            return out;
        }
        String separator = Py.str(sep);
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0 && (maxsplit < 0 || out.size() < maxsplit);
             at = s.indexOf(separator, from)) {
            out.add(s.substring(from, at));
            from = at + separator.length();
        }
        out.add(s.substring(from));
        return out;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read-only: a template sets nothing through a value
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return Object.class;
    }
}
