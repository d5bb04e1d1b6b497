package io.gplay.modules.mysql;

import io.gplay.engine.module.ModuleFailure;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** SQL text made from values: quoted literals and identifiers, and the %s / %(name)s arguments of a query, as PyMySQL fills them. */
final class Sql {
    private Sql() {
    }

    /** A value as an SQL literal, escaped as PyMySQL's escape_string does: a value is data, never SQL. */
    static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Sql::literal).collect(Collectors.joining(",", "(", ")"));
        }
        StringBuilder s = new StringBuilder("'");
        for (char c : v.toString().toCharArray()) {
            switch (c) {
                case '\0' -> s.append("\\0");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\u001a' -> s.append("\\Z");
                case '\'' -> s.append("\\'");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> s.append(c);
            }
        }
        return s.append('\'').toString();
    }

    /** An identifier (a database's name) in backquotes, a backquote in it doubled. */
    static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** An account as SQL names it: 'user'@'host'. */
    static String account(String user, String host) {
        return literal(user) + "@" + literal(host);
    }

    /**
     * The query with its arguments in place as literals, as PyMySQL's cursor.execute(query, args) makes it: %s takes
     * the next positional argument, %(name)s the named one, %% is a %. With no arguments the query is left as it is.
     */
    static String format(String query, List<?> positional, Map<String, ?> named) {
        if (positional == null && named == null) {
            return query;
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (query.startsWith("%%", i)) {
                out.append('%');
                i++;
            } else if (query.startsWith("%s", i) && positional != null) {
                if (next >= positional.size()) {
                    throw new ModuleFailure("the query has more %s than positionalArgs has values (" + positional.size() + "): " + query);
                }
                out.append(literal(positional.get(next++)));
                i++;
            } else if (query.startsWith("%(", i) && named != null && query.indexOf(")s", i) > 0) {
                String key = query.substring(i + 2, query.indexOf(")s", i));
                if (!named.containsKey(key)) {
                    throw new ModuleFailure("the query names %(" + key + ")s, which namedArgs does not give: " + query);
                }
                out.append(literal(named.get(key)));
                i = query.indexOf(")s", i) + 1;
            } else {
                throw new ModuleFailure("a % in a query with arguments is %s, %(name)s or %% (a literal %): " + query);
            }
        }
        if (positional != null && next < positional.size()) {
            throw new ModuleFailure("positionalArgs has " + positional.size() + " values, the query " + next + " %s: " + query);
        }
        return out.toString();
    }
}
