package io.gplay.dsl.build;

import java.util.List;
import java.util.Map;

/**
 * A call an editor declares: its name, its positional parameters (name to Java type, in order), its named values,
 * the short line an editor shows, and what {@code gplay doc NAME} says of it (null for a module's or a role's call,
 * which {@code gplay doc} says from their specs).
 */
public record DslCall(String name, Map<String, String> params, List<DslWord> named, String line, DslWord.Doc doc) {
}
