package io.gplay.engine.module;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Jinja2 expression left in a task's parameter never reaches the host as written. */
class JinjaLeftoversTest {
    private static final ModuleSpec COPY = new ModuleSpec("copy", "writes a file")
            .param(Param.optional("dest", ParamType.STRING, null, "where"))
            .param(Param.optional("content", ParamType.STRING, null, "the file's text"))
            .param(Param.optional("names", ParamType.LIST, null, "names"));

    private static List<String> problems(Map<String, Object> params) {
        return ParamValidator.problems(COPY, params, Set.of());
    }

    @Test
    void aPathWithAnAnsibleVariableIsRefusedWithTheGroovyToWrite() {
        assertEquals(List.of("copy: parameter 'dest' holds '{{ inventory_hostname }}', Jinja2, which gplay evaluates "
                + "only in .j2 templates, so it would reach the host as written: write it in Groovy, dest: "
                + "{ \"/tmp/${host}-${vars.app.port}.txt\" }"),
                problems(Map.of("dest", "/tmp/{{ inventory_hostname }}-{{app.port}}.txt")));
        assertTrue(problems(Map.of("names", List.of("a", "{{ item | upper }}"))).get(0)
                .endsWith("names: { \"${item}\" } (and the filters in Groovy: README, \"Ansible's facts and magic variables\")"));
        assertTrue(problems(Map.of("dest", "/etc/{{ ansible_facts.os_family }}.conf")).get(0)
                .endsWith("{ \"/etc/${ansible_facts.os_family}.conf\" }"));
        assertTrue(problems(Map.of("dest", "/etc/{{ ansible_distribution_major_version }}.conf")).get(0)
                .endsWith("{ \"/etc/${ansible_facts.distribution_major_version}.conf\" }"));
    }

    @Test
    void aFilesOwnTextAndBracesThatAreNoJinjaVariablePass() {
        assertEquals(List.of(), problems(Map.of("content", "name: {{ inventory_hostname }}\n")));
        assertEquals(List.of(), problems(Map.of("dest", "/srv/{{ .Values.name }}", "names", List.of("{{print $1}}", "${x}"))));
    }

    @Test
    void aValueKnownOnlyOnTheHostIsHeldToItThere() {
        ModuleFailure f = assertThrows(ModuleFailure.class,
                () -> ParamValidator.resolve(COPY, Map.of("dest", "/tmp/{{ inventory_hostname }}.txt")));
        assertTrue(f.getMessage().startsWith("copy: parameter 'dest' holds '{{ inventory_hostname }}'"), f.getMessage());
    }
}
