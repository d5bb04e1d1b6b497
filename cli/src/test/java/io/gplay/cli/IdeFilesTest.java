package io.gplay.cli;

import groovy.json.JsonSlurper;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import io.gplay.dsl.build.DslWord;
import io.gplay.dsl.build.OptionTable;
import io.gplay.dsl.build.TaskKeywordTable;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gplay ide} over the real registry and a playbook folder with a role of its own: the IntelliJ IDEA and
 * Eclipse descriptors are Groovy that, run against stand-ins of the editors' APIs, declare every module with each
 * parameter, the task keywords, the play's, block's and gate's options and the roles, each with its doc; the JSON
 * schema says each module's parameters as their specs do.
 */
class IdeFilesTest {
    @TempDir
    static Path dir;
    static List<ModuleSpec> modules;
    static String gdsl;
    static String dsld;
    static String schema;

    @BeforeAll
    static void write() throws Exception {
        Path playbooks = dir.resolve("site");
        Path role = playbooks.resolve("roles/web_front");
        Files.createDirectories(role.resolve("meta"));
        Files.createDirectories(role.resolve("tasks"));
        Files.writeString(role.resolve("tasks/main.groovy"), "debug 'hi', msg: 'hi'\n");
        Files.writeString(role.resolve("meta/argument_specs.yml"), """
                argument_specs:
                  main:
                    short_description: the front web servers
                    options:
                      listen_port: {type: int, required: true, description: "the port nginx listens on"}
                      flavour: {type: str, choices: [plain, "it's tls"], default: plain, description: "how it serves"}
                """);
        Path out = dir.resolve("ide");
        int rc = new CommandLine(new IdeCommand()).execute("--out", out.toString(), playbooks.toString());
        assertEquals(0, rc);
        modules = ModuleRegistry.load().all().values().stream().map(Module::spec).toList();
        gdsl = Files.readString(out.resolve("gplay.gdsl"));
        dsld = Files.readString(out.resolve("gplay.dsld"));
        schema = Files.readString(out.resolve("gplay-modules.schema.json"));
    }

    private static <T extends Script> T run(String text, Class<T> base) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(base.getName());
        Script script = new GroovyShell(IdeFilesTest.class.getClassLoader(), config).parse(text);
        script.run();
        return base.cast(script);
    }

    /** The one declaration of a call, or of {@code role 'NAME'}. */
    private static Map<String, Object> declared(List<Map<String, Object>> methods, String name, String roleName) {
        List<Map<String, Object>> found = methods.stream().filter(m -> m.get("name").equals(name))
                .filter(m -> roleName == null || String.valueOf(m.get("doc")).startsWith("<b>role '" + roleName + "'</b>"))
                .toList();
        assertEquals(1, found.size(), name + " " + roleName + " declared " + found.size() + " times");
        return found.get(0);
    }

    /** A GDSL method's named parameters: name to doc. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> gdslNamed(Map<String, Object> method) {
        return ((List<Map<String, Object>>) method.get("namedParams")).stream()
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (String) p.get("doc")));
    }

    /** The task keywords a module call takes: all but those its own parameters are named as (glusterVolume's name). */
    private static List<DslWord> keywordsOf(ModuleSpec m) {
        return TaskKeywordTable.OFFERED.stream().filter(k -> m.param(k.name()).isEmpty()).toList();
    }

    private static void holds(Map<String, String> named, List<DslWord> words, String where) {
        for (DslWord w : words) {
            assertEquals(w.line(), named.get(w.name()), where + ": " + w.name());
            assertFalse(w.line().isBlank(), w.name());
        }
    }

    @Test
    void theIdeaDescriptorDeclaresEveryModuleParameterKeywordOptionAndRole() {
        IdeStandIns.Gdsl script = run(gdsl, IdeStandIns.Gdsl.class);
        List<Map<String, Object>> methods = script.declared.methods;
        assertEquals(Set.of("script", "closure"), script.contexts.stream()
                .map(c -> ((Map<?, ?>) c).get("scope")).collect(Collectors.toSet()));
        for (ModuleSpec m : modules) {
            Map<String, Object> method = declared(methods, m.dslName(), null);
            assertTrue(String.valueOf(method.get("doc")).contains(m.summary().replaceFirst("\\.$", "")), m.name());
            assertEquals(Map.of("title", "java.lang.String"), method.get("params"));
            Map<String, String> named = gdslNamed(method);
            for (Param p : m.params()) {
                assertTrue(named.get(p.name()).endsWith(") " + p.doc()), m.name() + "." + p.name());
                assertTrue(named.get(p.name()).startsWith("(" + p.type().label()), m.name() + "." + p.name());
            }
            holds(named, keywordsOf(m), m.name());
            assertEquals(m.params().size() + keywordsOf(m).size(), named.size(), m.name());
        }
        holds(gdslNamed(declared(methods, "play", null)), OptionTable.PLAY, "play");
        holds(gdslNamed(declared(methods, "block", null)), OptionTable.BLOCK, "block");
        holds(gdslNamed(declared(methods, "gate", null)), OptionTable.GATE, "gate");
        for (String call : List.of("playbook", "handlers", "rescue", "always", "importTasks", "includeTasks", "flushHandlers", "requires", "quote")) {
            assertFalse(String.valueOf(declared(methods, call, null).get("doc")).isBlank(), call);
        }
        Map<String, String> role = gdslNamed(declared(methods, "role", "web_front"));
        assertEquals("(int, required) the port nginx listens on", role.get("listen_port"));
        assertEquals("(string, default: plain, one of: plain, it's tls) how it serves", role.get("flavour"));
        declared(methods, "role", "gluster_server"); // a bundled role
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEclipseDescriptorDeclaresEveryModuleParameterKeywordOptionAndRole() {
        IdeStandIns.Dsld script = run(dsld, IdeStandIns.Dsld.class);
        assertEquals("gplay", script.declared.provider);
        assertEquals(1, script.contributedTo.size());
        List<Map<String, Object>> methods = script.declared.methods;
        for (ModuleSpec m : modules) {
            Map<String, Object> method = declared(methods, m.dslName(), null);
            Map<String, String> required = (Map<String, String>) method.get("namedParams");
            Map<String, String> optional = (Map<String, String>) method.get("optionalParams");
            String doc = (String) method.get("doc");
            for (Param p : m.params()) {
                assertEquals(IdeFiles.javaType(p.type()), (p.required() ? required : optional).get(p.name()), m.name() + "." + p.name());
                assertTrue(doc.contains("<code>" + p.name() + "</code> (" + IdeFiles.describe(p) + ") " + p.doc()), m.name() + "." + p.name());
            }
            for (DslWord k : keywordsOf(m)) {
                assertEquals(k.type(), optional.get(k.name()), m.name() + ": " + k.name());
                assertTrue(doc.contains("<code>" + k.name() + "</code> " + k.line()), m.name() + ": " + k.name());
            }
            Set<String> all = new HashSet<>(required.keySet());
            all.addAll(optional.keySet());
            assertEquals(m.params().size() + keywordsOf(m).size(), all.size(), m.name());
        }
        Map<String, List<DslWord>> options = Map.of("play", OptionTable.PLAY, "block", OptionTable.BLOCK,
                "gate", OptionTable.GATE);
        options.forEach((call, words) -> {
            Map<String, Object> method = declared(methods, call, null);
            for (DslWord w : words) {
                assertEquals(w.type(), ((Map<String, String>) method.get("optionalParams")).get(w.name()), call + ": " + w.name());
                assertTrue(((String) method.get("doc")).contains("<code>" + w.name() + "</code> " + w.line()), call + ": " + w.name());
            }
        });
        Map<String, Object> role = declared(methods, "role", "web_front");
        assertEquals(Map.of("listen_port", "java.lang.Integer"), role.get("namedParams"));
        assertTrue(((Map<String, String>) role.get("optionalParams")).containsKey("flavour"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemaSaysEachModulesParametersAsItsSpec() {
        Map<String, Object> s = (Map<String, Object>) new JsonSlurper().parseText(schema);
        assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema"));
        assertEquals("object", s.get("type"));
        Map<String, Object> properties = (Map<String, Object>) s.get("properties");
        assertEquals(modules.stream().map(ModuleSpec::dslName).collect(Collectors.toSet()), properties.keySet());
        for (ModuleSpec m : modules) {
            Map<String, Object> module = (Map<String, Object>) properties.get(m.dslName());
            assertEquals("object", module.get("type"));
            assertEquals(m.summary(), module.get("description"));
            Map<String, Map<String, Object>> params = (Map<String, Map<String, Object>>) module.get("properties");
            assertEquals(m.params().stream().map(Param::name).collect(Collectors.toSet()), params.keySet(), m.name());
            List<String> required = m.params().stream().filter(Param::required).map(Param::name).toList();
            assertEquals(required, module.getOrDefault("required", List.of()), m.name());
            for (Param p : m.params()) {
                Map<String, Object> one = params.get(p.name());
                assertEquals(p.doc(), one.get("description"), m.name() + "." + p.name());
                assertEquals(p.choices().isEmpty() ? null : p.choices(), one.get("enum"), m.name() + "." + p.name());
                Object d = p.defaultValue();
                if (d instanceof String || d instanceof Boolean || d instanceof List<?>) {
                    assertEquals(d, one.get("default"), m.name() + "." + p.name());
                } else if (d instanceof Number n) {
                    assertEquals(n.doubleValue(), ((Number) one.get("default")).doubleValue(), m.name() + "." + p.name());
                }
                String type = switch (p.type()) {
                    case INT -> "integer";
                    case BOOL -> "boolean";
                    case LIST -> "array";
                    case MAP -> "object";
                    case ANY -> null;
                    default -> "string";
                };
                assertEquals(type, one.get("type"), m.name() + "." + p.name());
            }
        }
        Map<String, Object> role = (Map<String, Object>) ((Map<String, Object>) s.get("$defs")).get("role web_front");
        assertEquals(List.of("listen_port"), role.get("required"));
    }
}
