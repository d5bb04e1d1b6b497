package io.gplay.dsl.build;

import java.util.List;

/**
 * A named value of the DSL (a task keyword, a play's, block's or gate's option, a module's parameter as an editor
 * shows it): its name, the Java type an editor shows, the short line an editor shows, whether it must be given,
 * and what {@code gplay doc NAME} says of it, or null where it says nothing of it alone (an option, said in the
 * doc of its call).
 */
public record DslWord(String name, String type, String line, boolean required, Doc doc) {
    /** What {@code gplay doc NAME} says: what it takes in words, what it does, Ansible's spellings, an example. */
    public record Doc(String takes, String text, List<String> ansible, String example) {
    }

    static final String CLOSURE = "groovy.lang.Closure";
    static final String STRING = "java.lang.String";
    static final String BOOL = "java.lang.Boolean";
    static final String OBJECT = "java.lang.Object";
    static final String MAP = "java.util.Map";

    /** An option, documented in its call's doc. */
    static DslWord option(String name, String type, String line) {
        return new DslWord(name, type, line, false, null);
    }

    /** A task keyword: {@code takes} is what it takes ("true/false"); Ansible's spellings, then the example. */
    static DslWord keyword(String name, String type, String line, String takes, String text, List<String> ansible,
                           String example) {
        return new DslWord(name, type, line, false, new Doc(takes, text, ansible, example));
    }
}
