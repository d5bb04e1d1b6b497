package io.gplay.modules.mysql;

import java.util.List;
import java.util.Map;

/** One result set the client printed: the statement as it read it, its columns, its rows (column to text, null for NULL). */
record ResultSet(String statement, List<String> columns, List<Map<String, String>> rows) {
    /** The first row's first value; null when there is no row. */
    String single() {
        return rows.isEmpty() ? null : rows.get(0).get(columns.get(0));
    }

    /** The values of one column, in row order. */
    List<String> column(String name) {
        return rows.stream().map(r -> r.get(name)).toList();
    }
}
