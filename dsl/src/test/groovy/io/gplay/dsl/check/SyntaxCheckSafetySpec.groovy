package io.gplay.dsl.check

import io.gplay.dsl.DslException
import io.gplay.dsl.PlaybookLoader
import io.gplay.engine.module.ModuleRegistry
import io.gplay.engine.vault.VaultSecrets
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * {@code --syntax-check} on an untrusted change: an attacker's tree, one trick a case, each of which would leave a
 * marker file if any of its code ran while the tree was compiled and checked. None may leave it.
 */
class SyntaxCheckSafetySpec extends Specification {
    @TempDir
    Path dir

    static final String PLAY = "playbook('p') { play('p', hosts: 'all', gatherFacts: false) { debug 'x', msg: 'hi' } }\n"

    Path marker() {
        dir.resolve('PWNED')
    }

    /** Groovy code that leaves the marker. */
    String mark() {
        "new File('${marker()}').write('x')"
    }

    Path write(String name, String text) {
        Path f = dir.resolve('tree').resolve(name)
        Files.createDirectories(f.parent)
        Files.writeString(f, text)
        f
    }

    String check(Path playbook) {
        try {
            new PlaybookLoader(ModuleRegistry.load(), dir.resolve('cache')).vault(VaultSecrets.sealed()).check(playbook)
            return ''
        } catch (DslException e) {
            return e.problems().join('\n')
        }
    }

    static final String EVIL_TRANSFORM = """\
        import org.codehaus.groovy.transform.*
        import org.codehaus.groovy.ast.ASTNode
        import org.codehaus.groovy.control.*
        @GroovyASTTransformation(phase = CompilePhase.SEMANTIC_ANALYSIS)
        class EvilT implements ASTTransformation {
            static { MARK }
            EvilT() { MARK }
            void visit(ASTNode[] nodes, SourceUnit source) { MARK }
        }
        """.stripIndent()

    /** The tricks: files of the tree, by name; {@code MARK} stands for code that leaves the marker. */
    static final Map<String, Map<String, String>> TRICKS = [
            'an aliased @ASTTest in the playbook'                   : [
                    'p.groovy': "import groovy.transform.ASTTest as T\n@T(value = { MARK })\ndef z = 1\n" + PLAY],
            'a fully qualified @ASTTest'                            : [
                    'p.groovy': "@groovy.transform.ASTTest(value = { MARK })\ndef z = 1\n" + PLAY],
            'an aliased @ASTTest in a task file'                    : [
                    'p.groovy'      : "playbook('p') { play('p', hosts: 'all') { importTasks 'tasks/t.groovy' } }\n",
                    'tasks/t.groovy': "import groovy.transform.ASTTest as T\n@T(value = { MARK })\ndef z = 1\ndebug 'x', msg: 'y'\n"],
            'an aliased @ASTTest in a role'                         : [
                    'p.groovy'                 : "playbook('p') { play('p', hosts: 'all') { role 'r' } }\n",
                    'roles/r/tasks/main.groovy': "import groovy.transform.ASTTest as T\n@T(value = { MARK })\ndef z = 1\ndebug 'x', msg: 'y'\n"],
            '@ASTTest behind an @AnnotationCollector of the playbook': [
                    'p.groovy': "@groovy.transform.AnnotationCollector([groovy.transform.ASTTest])\n@interface T {}\n"
                            + "@T(value = { MARK })\ndef z = 1\n" + PLAY],
            '@ASTTest behind an @AnnotationCollector of lib/'       : [
                    'lib/a.groovy': "@groovy.transform.AnnotationCollector([groovy.transform.ASTTest])\n@interface T {}\n",
                    'p.groovy'    : "@T(value = { MARK })\ndef z = 1\n" + PLAY],
            'a @Field initialiser in lib/'                          : [
                    'lib/a.groovy': "@groovy.transform.Field def x = MARK\n",
                    'p.groovy'    : PLAY],
            'a static @Field initialiser in lib/'                   : [
                    'lib/a.groovy': "@groovy.transform.Field static x = MARK\n",
                    'p.groovy'    : PLAY],
            'a static initialiser of a lib/ class the playbook uses': [
                    'lib/A.groovy': "class A { static { MARK }\n static int n() { 1 } }\n",
                    'p.groovy'    : "def n = A.n()\n" + PLAY],
            'an AST transformation defined in lib/, by name'        : [
                    'lib/Evil.groovy': EVIL_TRANSFORM + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.SOURCE)\n"
                            + "@org.codehaus.groovy.transform.GroovyASTTransformationClass('EvilT')\n@interface Evil {}\n",
                    'p.groovy'       : "@Evil\ndef z = 1\n" + PLAY],
            'an AST transformation defined in lib/, by class'       : [
                    'lib/Evil.groovy': EVIL_TRANSFORM + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.SOURCE)\n"
                            + "@org.codehaus.groovy.transform.GroovyASTTransformationClass(classes = [EvilT])\n@interface Evil {}\n",
                    'p.groovy'       : "@Evil\ndef z = 1\n" + PLAY],
            'an AST transformation defined in the playbook itself'  : [
                    'p.groovy': EVIL_TRANSFORM + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.SOURCE)\n"
                            + "@org.codehaus.groovy.transform.GroovyASTTransformationClass('EvilT')\n@interface Evil {}\n"
                            + "@Evil\ndef z = 1\n" + PLAY],
            'a global AST transformation listed in lib/META-INF'    : [
                    'lib/Evil.groovy'                                                         : EVIL_TRANSFORM,
                    'lib/META-INF/services/org.codehaus.groovy.transform.ASTTransformation': 'EvilT\n',
                    'META-INF/services/org.codehaus.groovy.transform.ASTTransformation'    : 'EvilT\n',
                    'p.groovy'                                                                : PLAY],
            'a type-checking extension script of the tree'          : [
                    'ext.groovy'    : "MARK\n",
                    'lib/ext.groovy': "MARK\n",
                    'p.groovy'      : "@groovy.transform.TypeChecked(extensions = ['ext.groovy', 'lib/ext.groovy'])\ndef f() { 1 }\n" + PLAY],
            'a type-checking extension class of lib/'               : [
                    'lib/Ext.groovy': "class Ext extends org.codehaus.groovy.transform.stc.GroovyTypeCheckingExtensionSupport.TypeCheckingDSL {"
                            + " static { MARK }\n def run() { MARK } }\n",
                    'p.groovy'      : "@groovy.transform.TypeChecked(extensions = 'Ext')\ndef f() { 1 }\n" + PLAY],
            'a logging strategy of lib/ (@Log)'                     : [
                    'lib/S.groovy': "class S extends org.codehaus.groovy.transform.LogASTTransformation.AbstractLoggingStrategyV2 {"
                            + " static { MARK }\n S(GroovyClassLoader l) { super(l); MARK }\n"
                            + " org.codehaus.groovy.ast.FieldNode addLoggerFieldToClass(org.codehaus.groovy.ast.ClassNode c, String f, String cat, int m) { null }\n"
                            + " boolean isLoggingMethod(String m) { false }\n"
                            + " org.codehaus.groovy.ast.expr.Expression wrapLoggingMethodCall(org.codehaus.groovy.ast.expr.Expression e, String m, org.codehaus.groovy.ast.expr.Expression o) { o } }\n",
                    'p.groovy'    : "@groovy.util.logging.Log(loggingStrategy = S)\nclass C {}\n" + PLAY],
            'a builder strategy of lib/ (@Builder)'                 : [
                    'lib/B.groovy': "class B extends groovy.transform.builder.DefaultStrategy { static { MARK }\n B() { MARK } }\n",
                    'p.groovy'    : "@groovy.transform.builder.Builder(builderStrategy = B)\nclass C { int a }\n" + PLAY],
            'a property handler of lib/ (@TupleConstructor)'        : [
                    'lib/H.groovy': "class H extends groovy.transform.options.DefaultPropertyHandler { static { MARK }\n H() { MARK } }\n",
                    'p.groovy'    : "@groovy.transform.TupleConstructor\n@groovy.transform.PropertyOptions(propertyHandler = H)\nclass C { int a }\n" + PLAY],
            'a closure-parameter hint of lib/ (@ClosureParams)'     : [
                    'lib/Hint.groovy': "class Hint extends groovy.transform.stc.SingleSignatureClosureHint { static { MARK }\n Hint() { MARK }\n"
                            + " org.codehaus.groovy.ast.ClassNode[] getParameterTypes(org.codehaus.groovy.ast.MethodNode n, String[] o,"
                            + " org.codehaus.groovy.control.SourceUnit s, org.codehaus.groovy.control.CompilationUnit u, org.codehaus.groovy.ast.ASTNode c) { [] } }\n",
                    'p.groovy'       : "@groovy.transform.TypeChecked\ndef f() { g { it } }\n"
                            + "@groovy.transform.TypeChecked\ndef g(@groovy.transform.stc.ClosureParams(Hint) Closure c) { }\n" + PLAY],
            'an annotation member computed by code'                 : [
                    'p.groovy': "@groovy.transform.AnnotationCollector(mode = { MARK; groovy.transform.AnnotationCollectorMode.DUPLICATE }())\n"
                            + "@interface T {}\n@T\ndef z = 1\n" + PLAY],
            'an annotation processor named by code'                 : [
                    'p.groovy': "@groovy.transform.AnnotationCollector(processor = \"\${MARK}\")\n@interface T {}\n@T\ndef z = 1\n" + PLAY],
            'a repeatable annotation whose retention is code'       : [
                    'p.groovy': "@java.lang.annotation.Retention({ MARK; java.lang.annotation.RetentionPolicy.RUNTIME }())\n"
                            + "@interface Rs { R[] value() }\n@java.lang.annotation.Repeatable(Rs)\n@interface R {}\n@R @R\nclass C {}\n" + PLAY],
            'a @DelegatesTo strategy computed by code'              : [
                    'p.groovy': "@groovy.transform.TypeChecked\ndef f() { g { 1 } }\n"
                            + "def g(@DelegatesTo(value = String, strategy = { MARK; 1 }()) Closure c) { }\n" + PLAY],
            'top-level code, a static block and a @Field of the playbook': [
                    'p.groovy': "MARK\n@groovy.transform.Field static y = MARK\nclass K { static { MARK } }\nnew K()\n" + PLAY],
            'code of a task file and of a role'                     : [
                    'p.groovy'                 : "playbook('p') { play('p', hosts: 'all') { importTasks 'tasks/t.groovy'; role 'r' } }\n",
                    'tasks/t.groovy'           : "MARK\ndebug 'x', msg: 'y'\n",
                    'roles/r/tasks/main.groovy': "MARK\ndebug 'x', msg: 'y'\n",
                    'roles/r/handlers/main.groovy': "MARK\n"],
            '@Grab under another name'                              : [
                    'p.groovy': "import groovy.lang.Grab as G\n@G('org.example:evil:1.0')\nimport java.util.List\n" + PLAY],
    ]

    @Unroll
    def "#trick: nothing of the tree runs"() {
        given:
        files.each { name, text -> write(name, text.replace('MARK', mark())) }

        when:
        String problems = check(dir.resolve('tree/p.groovy'))

        then:
        !Files.exists(marker())
        // anything refused is refused at its file, never as an internal error
        problems.readLines().every { !it.contains('Exception') || it.contains(':') }

        where:
        trick << TRICKS.keySet()
        files = TRICKS[trick]
    }

    def "annotations that would run code at compile time are refused at their line"() {
        given:
        write('p.groovy', "import groovy.transform.ASTTest as T\n\n@T(value = { 1 })\ndef z = 1\n" + PLAY)

        expect:
        check(dir.resolve('tree/p.groovy')) =~ /p\.groovy:3:\d+: .*@groovy\.transform\.ASTTest runs or fetches code while the playbook is compiled/
    }

    def "an AST transformation of the tree is refused at its definition, in the playbook or in lib/"() {
        given:
        TRICKS[trick].each { name, text -> write(name, text.replace('MARK', '1')) }

        expect:
        check(dir.resolve('tree/p.groovy')) =~ /(p|Evil)\.groovy:\d+:\d+: @org\.codehaus\.groovy\.transform\.GroovyASTTransformation(Class)? runs/

        where:
        trick << ['an AST transformation defined in the playbook itself', 'an AST transformation defined in lib/, by name']
    }

    def "an annotation member computed by code is refused at its line"() {
        given:
        write('p.groovy', "\n@groovy.transform.AnnotationCollector(mode = { groovy.transform.AnnotationCollectorMode.DUPLICATE }())\n"
                + "@interface T {}\n" + PLAY)

        expect:
        check(dir.resolve('tree/p.groovy')) =~ /p\.groovy:2:\d+: .*annotation's value must be a constant/
    }

    def "a task file outside the playbook's tree is refused, its content never shown"() {
        given:
        Path outside = dir.resolve('outside.groovy')
        Files.writeString(outside, 'root:$y$SECRETHASH:19000:0:99999:7:::\n')
        write('p.groovy', "playbook('p') { play('p', hosts: 'all') {\n importTasks '${outside}'\n importTasks '../outside.groovy'\n} }\n")

        when:
        String problems = check(dir.resolve('tree/p.groovy'))

        then:
        problems =~ /p\.groovy:2: importTasks: '.*outside\.groovy' is outside the playbook's folder/
        problems =~ /p\.groovy:3: importTasks: '\.\.\/outside\.groovy' is outside the playbook's folder/
        !problems.contains('SECRETHASH')
    }

    def "a file of the tree that links outside it is refused, its content never shown"() {
        given:
        Path outside = dir.resolve('shadow')
        Files.writeString(outside, 'root:$y$SECRETHASH:19000:0:99999:7:::\n')
        write('p.groovy', "playbook('p') { play('p', hosts: 'all') { importTasks 'tasks/t.groovy' } }\n")
        Files.createDirectories(dir.resolve('tree/tasks'))
        Files.createSymbolicLink(dir.resolve('tree/tasks/t.groovy'), outside)
        Files.createDirectories(dir.resolve('tree/lib'))
        Files.createSymbolicLink(dir.resolve('tree/lib/a.groovy'), outside)

        when:
        String problems = check(dir.resolve('tree/p.groovy'))

        then:
        problems.contains("is outside the playbook's folder")
        !problems.contains('SECRETHASH')
    }

    def "a role dependency cycle and a task-file import cycle are found as a run finds them"() {
        given:
        write('p.groovy', "playbook('p') { play('p', hosts: 'all') {\n role 'a'\n importTasks 'tasks/t1.groovy'\n importTasks 'tasks/self.groovy'\n} }\n")
        write('roles/a/meta/main.yml', 'dependencies: [b]\n')
        write('roles/a/tasks/main.groovy', "debug 'a', msg: 'a'\n")
        write('roles/b/meta/main.yml', 'dependencies: [a]\n')
        write('roles/b/tasks/main.groovy', "debug 'b', msg: 'b'\n")
        write('tasks/t1.groovy', "importTasks 't2.groovy'\n")
        write('tasks/t2.groovy', "importTasks 't1.groovy'\n")
        write('tasks/self.groovy', "importTasks 'self.groovy'\n")

        when:
        String problems = check(dir.resolve('tree/p.groovy'))

        then:
        problems.contains("role 'a' takes itself in again")
        problems.contains("t1.groovy takes itself in again")
        problems.contains("self.groovy takes itself in again")
    }

    def "a clean tree with a library, a role and a task file still passes"() {
        given:
        write('lib/cluster.groovy', "def first(List l) { l[0] }\nclass Util { static int two() { 2 } }\n")
        write('roles/r/tasks/main.groovy', "debug 'r', msg: 'r'\n")
        write('tasks/t.groovy', "debug 't', msg: 't'\n")
        write('p.groovy', "@groovy.transform.Field int n = Util.two()\n"
                + "playbook('p') { play('p', hosts: 'all') { role 'r'; importTasks 'tasks/t.groovy'\n"
                + " debug 'x', msg: { first([1]) } } }\n")

        expect:
        check(dir.resolve('tree/p.groovy')) == ''
    }
}
