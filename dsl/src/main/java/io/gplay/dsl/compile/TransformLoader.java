package io.gplay.dsl.compile;

import groovy.lang.GroovyClassLoader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * The only class loader Groovy's compiler loads code to run while compiling from: AST transformations (local and
 * global), type-checking extensions, closure-signature hints, builder strategies, property handlers. It sees
 * gplay's own class path (Groovy's transformations among it) and nothing of the playbook's tree, so that
 * compiling a tree, as {@code --syntax-check} does on an untrusted change, runs none of the tree's code: a
 * transformation, extension or strategy the tree defines is not found, and the compile fails naming it.
 *
 * <p>Of Groovy's own transformations, two run or fetch code that the source gives: {@code @ASTTest} runs its
 * closure inside the compiler, {@code @Grab} downloads and loads libraries. They are not loaded either, under
 * whatever name or alias they are used.
 */
final class TransformLoader extends GroovyClassLoader {
    static final Set<String> REFUSED = Set.of("org.codehaus.groovy.transform.ASTTestTransformation",
            "groovy.grape.GrabAnnotationTransformation");
    private static final String GLOBAL_TRANSFORMS = "META-INF/services/org.codehaus.groovy.transform.ASTTransformation";

    TransformLoader() {
        super(TransformLoader.class.getClassLoader());
    }

    @Override
    public Class<?> loadClass(String name, boolean lookupScriptFiles, boolean preferClassOverScript, boolean resolve)
            throws ClassNotFoundException {
        if (REFUSED.contains(name)) {
            throw new ClassNotFoundException(name + " runs or fetches code while compiling; gplay does not load it");
        }
        // never compile a script file found on the class path into a transformation
        return super.loadClass(name, false, true, resolve);
    }

    /** Classes and the list of global transformations only: a type-checking extension script is source, refused. */
    private static boolean allowed(String resource) {
        return resource.endsWith(".class") || resource.equals(GLOBAL_TRANSFORMS);
    }

    @Override
    public URL getResource(String name) {
        return allowed(name) ? super.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return allowed(name) ? super.getResources(name) : Collections.emptyEnumeration();
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return allowed(name) ? super.getResourceAsStream(name) : null;
    }
}
