package io.gplay.engine.inventory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each ansible_* variable gplay does not honour is named with its hosts; the needless ones only with -v. */
class HonouredVarsTest {
    private static Host host(String name, Map<String, Object> vars) {
        return new Host(name, List.of(), vars);
    }

    @Test
    void whatGplayHonoursIsNotReported() {
        Host h = host("web1", Map.of("ansible_host", "10.0.0.1", "ansible_ssh_user", "ops", "ansible_become", true,
                "ansible_become_method", "sudo", "ansible_sudo_pass", "x", "ansible_connection", "ssh",
                "ansible_ssh_common_args", "", "http_port", 80, "gplay_connect_timeout", 5));
        assertEquals(List.of(), HonouredVars.report(List.of(h), true));
    }

    @Test
    void eachOtherAnsibleVariableIsNamedWithItsHosts() {
        List<Host> hosts = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            hosts.add(host("web" + i, Map.of("ansible_host_key_checking", false)));
        }
        hosts.add(host("db1", Map.of("ansible_become_method", "su")));
        assertEquals(List.of(
                "hosts web1, web2, web3, web4, web5 and 2 more: gplay does not honour ansible_host_key_checking (it "
                        + "is only a variable to gplay)",
                "host db1: gplay does not honour ansible_become_method 'su' (only sudo)"),
                sorted(HonouredVars.report(hosts, false)));
    }

    @Test
    void whatOnlyAnsiblesPythonModulesNeedIsSaidOnceWithVerboseOnly() {
        List<Host> hosts = List.of(host("a", Map.of("ansible_python_interpreter", "/usr/bin/python3")),
                host("b", Map.of("ansible_python_interpreter", "auto_silent", "ansible_pipelining", true)));
        assertEquals(List.of(), HonouredVars.report(hosts, false));
        assertEquals(List.of("hosts a, b: ansible_python_interpreter is ignored: it tells Ansible how to run its "
                        + "Python modules, and gplay runs no Python on hosts",
                "host b: ansible_pipelining is ignored: it tells Ansible how to run its Python modules, and gplay "
                        + "runs no Python on hosts"), HonouredVars.report(hosts, true));
    }

    /** The messages in a fixed order: a host's variables come in no order of their own. */
    private static List<String> sorted(List<String> l) {
        return l.stream().sorted(Comparator.comparing((String s) -> !s.startsWith("hosts"))
                .thenComparing(Comparator.naturalOrder())).toList();
    }
}
