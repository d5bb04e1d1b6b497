package io.gplay.cli;

import groovy.lang.Closure;
import groovy.lang.Script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small stand-ins of the descriptor APIs IntelliJ IDEA (GDSL) and Eclipse (DSLD) give their scripts: each
 * records what a descriptor declares, as the editor would take it.
 */
final class IdeStandIns {
    private IdeStandIns() {
    }

    /** What a contributor's or contribute's body declares: each {@code method(...)}'s arguments. */
    public static final class Declarations {
        public final List<Map<String, Object>> methods = new ArrayList<>();
        public String provider;

        public void method(Map<String, Object> args) {
            methods.add(args);
        }

        /** GDSL: a named parameter of a method. */
        public Map<String, Object> parameter(Map<String, Object> args) {
            return new LinkedHashMap<>(args);
        }

        public void setProvider(String name) {
            provider = name;
        }
    }

    /** IntelliJ IDEA's GroovyDSL script: {@code context}, its scopes and {@code contributor}. */
    public abstract static class Gdsl extends Script {
        public final List<Object> contexts = new ArrayList<>();
        public final Declarations declared = new Declarations();

        public Map<String, Object> context(Map<String, Object> args) {
            contexts.add(args);
            return args;
        }

        public String scriptScope() {
            return "script";
        }

        public String closureScope() {
            return "closure";
        }

        public void contributor(List<?> in, Closure<?> body) {
            if (in.isEmpty() || !contexts.containsAll(in)) {
                throw new IllegalArgumentException("contributor of contexts not made by context(...): " + in);
            }
            body.setDelegate(declared);
            body.setResolveStrategy(Closure.DELEGATE_FIRST);
            body.call();
        }
    }

    /** A DSLD pointcut: combined with {@code &} and {@code |}. */
    public record Pointcut(String text) {
        public Pointcut and(Pointcut other) {
            return new Pointcut("(" + text + " & " + other.text + ")");
        }

        public Pointcut or(Pointcut other) {
            return new Pointcut("(" + text + " | " + other.text + ")");
        }
    }

    /** Eclipse's DSL descriptor script: the pointcuts gplay's uses and {@code contribute}. */
    public abstract static class Dsld extends Script {
        public final List<Pointcut> contributedTo = new ArrayList<>();
        public final Declarations declared = new Declarations();

        public Pointcut fileExtension(String ext) {
            return new Pointcut("fileExtension(" + ext + ")");
        }

        public Pointcut enclosingScript() {
            return new Pointcut("enclosingScript()");
        }

        public Pointcut enclosingClosure() {
            return new Pointcut("enclosingClosure()");
        }

        public Pointcut subType(String type) {
            return new Pointcut("subType(" + type + ")");
        }

        public Pointcut currentType(Pointcut of) {
            return new Pointcut("currentType(" + of.text() + ")");
        }

        public void contribute(Pointcut where, Closure<?> body) {
            contributedTo.add(where);
            body.setDelegate(declared);
            body.setResolveStrategy(Closure.DELEGATE_FIRST);
            body.call();
        }
    }
}
