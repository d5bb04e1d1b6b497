package io.gplay.engine.inventory;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A value that only names another variable, Ansible's "{{ vault_sudo }}", is that variable's value. */
class VarRefsTest {
    @Test
    void aValueNamingAVariableIsItsValueThroughChainsAndOfAnyType() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("sudo_password", "{{ vault_sudo }}");
        vars.put("vault_sudo", "{{vault_sudo_2024}}");
        vars.put("vault_sudo_2024", "s3cret");
        vars.put("ports", "{{ default_ports }}");
        vars.put("default_ports", List.of(22, 443));

        Map<String, Object> r = VarRefs.resolved(vars);

        assertEquals("s3cret", r.get("sudo_password"));
        assertEquals("s3cret", r.get("vault_sudo"));
        assertEquals(List.of(22, 443), r.get("ports"));
    }

    @Test
    void anyOtherTemplateAnUnknownNameAndALoopStayAsWritten() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("filtered", "{{ user | lower }}");
        vars.put("text", "home of {{ user }}");
        vars.put("unknown", "{{ nowhere }}");
        vars.put("a", "{{ b }}");
        vars.put("b", "{{ a }}");
        vars.put("user", "Deploy");

        Map<String, Object> r = VarRefs.resolved(vars);

        assertEquals("{{ user | lower }}", r.get("filtered"));
        assertEquals("home of {{ user }}", r.get("text"));
        assertEquals("{{ nowhere }}", r.get("unknown"));
        assertEquals("{{ b }}", r.get("a"));
    }

    @Test
    void aMapWithNothingToResolveIsReturnedAsItIs() {
        Map<String, Object> vars = Map.of("x", "plain");
        assertSame(vars, VarRefs.resolved(vars));
    }
}
