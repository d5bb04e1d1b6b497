package io.gplay.engine.run;

import io.gplay.engine.connection.SshTarget;
import io.gplay.engine.connection.openssh.OpenSshConfig;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.InventoryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ansible's older names for the connection variables reach the SSH login, and win as they do in Ansible. */
class ConnectionAliasesTest {
    @TempDir
    Path dir;

    @Test
    void ansibleSshNamesAreTheConnectionsAndWinOverTheShortOnes() throws Exception {
        Path inv = dir.resolve("hosts");
        Files.writeString(inv, """
                [old]
                h1 ansible_ssh_host=10.0.0.1 ansible_ssh_port=2200 ansible_ssh_user=ops ansible_ssh_private_key_file=/k1
                h2 ansible_host=10.0.0.9 ansible_ssh_host=10.0.0.2 ansible_port=22 ansible_ssh_port=2201 ansible_user=a ansible_ssh_user=b
                h3:2222 ansible_private_key_file=/k3
                """);
        var i = InventoryLoader.load(inv.toString());
        Connections c = new Connections(false, dir.resolve("known_hosts"), null, OpenSshConfig.none());
        SshTarget t1 = c.target(i.host("h1"));
        assertEquals(List.of("10.0.0.1", 2200, "ops", Path.of("/k1")),
                List.of(t1.address(), t1.port(), t1.user(), t1.privateKey()));
        SshTarget t2 = c.target(i.host("h2"));
        assertEquals(List.of("10.0.0.2", 2201, "b"), List.of(t2.address(), t2.port(), t2.user()));
        SshTarget t3 = c.target(i.host("h3"));
        assertEquals(List.of("h3", 2222, Path.of("/k3")), List.of(t3.address(), t3.port(), t3.privateKey()));
    }

    @Test
    void aPortThatIsNoNumberIsNamedAsWritten() {
        Host h = new Host("h", List.of(), java.util.Map.of("ansible_ssh_port", "ssh"));
        assertEquals(List.of("inventory: host h: ansible_ssh_port must be a number, got 'ssh'"), Connections.problems(h));
    }

    @Test
    void aTemplateNamingAVariableIsThatVariableAndAnyOtherIsRefusedNamingHostAndVariable() {
        Host h = new Host("h1", List.of(), java.util.Map.of("vault_sudo", "RealSecret-1",
                "ansible_become_pass", "{{ vault_sudo }}", "ansible_password", "{{vault_login}}"));
        assertEquals("RealSecret-1", h.var("ansible_become_pass"), "Ansible's vault_ indirection");
        assertEquals(List.of(
                "inventory: host h1: ansible_password is a template ('{{ ... }}'); gplay reads '{{ name }}' as the "
                        + "variable it names and evaluates no other template in inventory values, so it would be taken"
                        + " literally: set the password itself (from a vault file or a !vault value), or name a"
                        + " variable the inventory sets"), Connections.problems(h));
        Host user = new Host("h2", List.of(), java.util.Map.of("ansible_user", "{{ deploy_user | lower }}",
                "deploy_user", "Deploy"));
        assertEquals(List.of("inventory: host h2: ansible_user is a template ('{{ ... }}'); gplay reads '{{ name }}'"
                + " as the variable it names and evaluates no other template in inventory values, so it would be"
                + " taken literally: set the value itself, or name a variable the inventory sets"),
                Connections.problems(user));
    }
}
