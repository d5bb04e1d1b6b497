package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;

import java.util.Map;

/** What the filter classes share: a filter as a name and a function, and how it reads its arguments. */
final class Filters {
    private Filters() {
    }

    /** A filter's body: the value filtered, then its arguments as Jinja2 passes them, by position and by name. */
    @FunctionalInterface
    interface Body {
        Object apply(Object value, Args args);
    }

    /** A filter named {@code name} running {@code body}. */
    static AdvancedFilter of(String name, Body body) {
        return new AdvancedFilter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                return body.apply(var, new Args(name, args == null ? new Object[0] : args, kwargs == null ? Map.of() : kwargs));
            }
        };
    }

    /** A filter's arguments: the i-th by position, else by its Python name, else a default. */
    record Args(String filter, Object[] positional, Map<String, Object> named) {
        Object get(int i, String name, Object otherwise) {
            if (i < positional.length) {
                return positional[i];
            }
            return named.containsKey(name) ? named.get(name) : otherwise;
        }

        String str(int i, String name, String otherwise) {
            Object v = get(i, name, otherwise);
            return v == null ? null : Py.str(v);
        }

        boolean bool(int i, String name, boolean otherwise) {
            return Py.truth(get(i, name, otherwise));
        }

        int integer(int i, String name, int otherwise) {
            Object v = get(i, name, otherwise);
            return v instanceof Number n ? n.intValue() : Integer.parseInt(Py.str(v).strip());
        }

        /** An argument taken by name only (one of the keyword arguments Ansible passes on to json or yaml). */
        Object keyword(String name, Object otherwise) {
            return named.containsKey(name) ? named.get(name) : otherwise;
        }

        InterpretException fail(String what) {
            return new InterpretException(filter + ": " + what);
        }
    }
}
