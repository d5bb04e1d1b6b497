package io.gplay.engine.run;

import io.gplay.engine.connection.SshTarget;
import io.gplay.engine.connection.UnreachableException;
import io.gplay.engine.connection.openssh.OpenSshConfig;
import io.gplay.engine.inventory.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host's target from its inventory variables, Ansible's ssh arguments and ssh_config, jump hosts included. */
class SshTargetsTest {
    @TempDir
    Path dir;

    /** Targets with this text as ~/.ssh/config (no system file), for the local user alice. */
    private Connections connections(String userConfig, boolean acceptNew, Path knownHosts) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home/.ssh")).getParent();
        Files.writeString(home.resolve(".ssh/config"), userConfig);
        return new Connections(acceptNew, knownHosts, null,
                new OpenSshConfig(home.resolve(".ssh/config"), null, home, "alice", System::getenv));
    }

    private static Host host(String name, Object... vars) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < vars.length; i += 2) {
            m.put((String) vars[i], vars[i + 1]);
        }
        return new Host(name, List.of(), m);
    }

    /** "name user@address:port" for the target and each jump host behind it, target first. */
    private static List<String> chain(SshTarget t) {
        List<String> out = new ArrayList<>();
        for (SshTarget s = t; s != null; s = s.jump()) {
            out.add(s.name() + " " + s.user() + "@" + s.address() + ":" + s.port());
        }
        return out;
    }

    @Test
    void aHostKeyAliasOfTheConfigOrOfTheSshArgumentsIsTheNameTheHostKeyIsCheckedUnder() throws IOException {
        Connections c = connections("""
                Host db
                  HostName 10.0.0.7
                  HostKeyAlias db-primary
                """, false, dir.resolve("known_hosts"));
        assertEquals("db-primary", c.target(host("db")).hostKeyAlias());
        assertEquals("db-old", c.target(host("db", "ansible_ssh_common_args", "-o HostKeyAlias=db-old")).hostKeyAlias());
        assertNull(c.target(host("other")).hostKeyAlias());
    }

    @Test
    void anAliasOfTheConfigIsAnInventoryNameAndTheInventoryWinsOverTheConfig() throws IOException {
        Connections c = connections("""
                Host web1
                  HostName 10.0.0.5
                  User deploy
                  Port 2222
                  IdentityFile ~/.ssh/web_key
                  IdentitiesOnly yes
                  ConnectTimeout 4
                  ServerAliveInterval 30
                  StrictHostKeyChecking accept-new
                  UserKnownHostsFile ~/.ssh/kh_web
                """, false, null);
        SshTarget t = c.target(host("web1"));
        Path home = dir.resolve("home");
        assertEquals(List.of("web1 deploy@10.0.0.5:2222"), chain(t));
        assertEquals(List.of(List.of(home.resolve(".ssh/web_key")), true, 4, 30, true, home.resolve(".ssh/kh_web")),
                List.of(t.identityFiles(), t.identitiesOnly(), t.timeoutSeconds(), t.keepAliveSeconds(),
                        t.acceptNewHostKeys(), t.knownHosts()));
        SshTarget vars = c.target(host("web1", "ansible_user", "ops", "ansible_port", 22, "gplay_connect_timeout", "9",
                "gplay_keepalive_interval", "5", "gplay_known_hosts", "/kh"));
        assertEquals(List.of("web1 ops@10.0.0.5:22"), chain(vars));
        assertEquals(List.of(9, 5, Path.of("/kh")), List.of(vars.timeoutSeconds(), vars.keepAliveSeconds(), vars.knownHosts()));
        SshTarget byAddress = c.target(host("other", "ansible_host", "web1"));
        assertEquals(List.of("web1 deploy@10.0.0.5:2222"), chain(byAddress), "ssh is given ansible_host, as in Ansible");
        assertEquals(Path.of("/cli_kh"), connections("Host *\n UserKnownHostsFile /x\n", false, Path.of("/cli_kh"))
                .target(host("h")).knownHosts(), "--known-hosts wins over the config");
    }

    @Test
    void ansibleSshArgsComeBeforeTheConfigAndSshArgsBeforeThePortVariable() throws IOException {
        Connections c = connections("Host *\n  Port 2222\n  User fromconfig\n", false, null);
        SshTarget t = c.target(host("h", "ansible_ssh_common_args", "-o Port=2300 -l fromargs",
                "ansible_ssh_extra_args", "-p 2400"));
        assertEquals(List.of("h fromargs@h:2300"), chain(t));
        SshTarget sshArgs = c.target(host("h", "ansible_ssh_args", "-C -o ControlMaster=auto -p 2500",
                "ansible_port", 2600));
        assertEquals(List.of("h fromconfig@h:2500"), chain(sshArgs), "Ansible puts ssh_args before -o Port");
    }

    @Test
    void aJumpHostFromTheArgsIsConfiguredByItsOwnConfigEntryNotTheTargets() throws IOException {
        Connections c = connections("""
                Host bastion
                  HostName 192.0.2.1
                  Port 2201
                  IdentityFile ~/.ssh/bastion_key
                Host *
                  User everyone
                """, false, null);
        Host h = host("db", "ansible_host", "10.0.0.7", "ansible_user", "dbadmin", "ansible_ssh_private_key_file", "/db_key",
                "ansible_password", "pw", "gplay_known_hosts", "/kh", "ansible_ssh_common_args", "-o ProxyJump=root@bastion");
        SshTarget t = c.target(h);
        assertEquals(List.of("10.0.0.7 dbadmin@10.0.0.7:22", "bastion root@192.0.2.1:2201"), chain(t));
        SshTarget jump = t.jump();
        assertEquals(List.of(List.of(dir.resolve("home/.ssh/bastion_key")), Path.of("/kh")),
                List.of(jump.identityFiles(), jump.knownHosts()), "gplay_known_hosts applies to every hop");
        assertNull(jump.privateKey(), "the target's key is not the jump host's");
        assertNull(jump.password());
        for (String args : List.of("-J root@bastion", "-o 'ProxyJump root@bastion'")) {
            assertEquals(chain(t), chain(c.target(host("db", "ansible_host", "10.0.0.7", "ansible_user", "dbadmin",
                    "ansible_ssh_extra_args", args))), args);
        }
        assertEquals(chain(t), chain(c.target(host("db", "ansible_host", "10.0.0.7", "ansible_user", "dbadmin",
                "gplay_proxy_jump", "root@bastion"))));
    }

    @Test
    void aProxyJumpChainAndAJumpHostsOwnProxyJump() throws IOException {
        Connections c = connections("""
                Host target
                  ProxyJump a,ops@b:2200
                Host a
                  ProxyJump outer
                Host b
                  ProxyJump never
                """, true, null);
        SshTarget t = c.target(host("target"));
        assertEquals(List.of("target alice@target:22", "b ops@b:2200", "a alice@a:22", "outer alice@outer:22"), chain(t));
        assertTrue(t.jump().jump().jump().acceptNewHostKeys(), "--accept-new-host-keys applies to every hop");
    }

    @Test
    void aProxyCommandOfSshWIsAJumpHostAndALoopIsRefused() throws IOException {
        Connections c = connections("""
                Host old
                  ProxyCommand ssh -q -l ops -W %h:%p gw
                Host loop
                  ProxyJump loop
                Host nc
                  ProxyCommand nc -X connect -x proxy:8080 %h %p
                """, false, null);
        assertEquals(List.of("old alice@old:22", "gw ops@gw:22"), chain(c.target(host("old"))));
        UnreachableException loop = assertThrows(UnreachableException.class, () -> c.target(host("loop")));
        assertTrue(loop.getMessage().endsWith("config:4: more than 8 jump hosts in a row on the way to loop (does a"
                + " jump host's ProxyJump lead back?)"), loop.getMessage());
        UnreachableException nc = assertThrows(UnreachableException.class, () -> c.target(host("nc")));
        assertTrue(nc.getMessage().contains("config:6: ProxyCommand 'nc -X connect -x proxy:8080 nc 22' is not"
                + " supported"), nc.getMessage());
    }

    @Test
    void aConfigFileGivenInsteadOfTheStandardOnes() throws IOException {
        Connections c = connections("Host *\n  Port 1111\n", false, null);
        Path other = Files.writeString(dir.resolve("other.cfg"), "Host *\n  Port 2222\n");
        assertEquals(2222, c.target(host("h", "gplay_ssh_config", other.toString())).port());
        assertEquals(2222, c.target(host("h", "ansible_ssh_common_args", "-F " + other)).port());
        assertEquals(22, c.target(host("h", "ansible_ssh_common_args", "-F " + other, "gplay_ssh_config", "none")).port());
        assertFalse(c.target(host("h")).acceptNewHostKeys());
        SshTarget throwaway = c.target(host("h", "ansible_ssh_common_args",
                "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"));
        assertEquals(List.of(true, Path.of("/dev/null")), List.of(throwaway.acceptNewHostKeys(), throwaway.knownHosts()),
                "Ansible's usual pair for throwaway hosts: learned into /dev/null, so never known");
    }

    @Test
    void sshArgumentsGplayCannotHonourAreRefusedBeforeAnyConnection() {
        assertEquals(List.of("inventory: host h: ansible_ssh_common_args: ssh option -o ForwardAgent=yes is not"
                + " supported by gplay"), Connections.problems(host("h", "ansible_ssh_common_args",
                "-o ControlMaster=auto -o ForwardAgent=yes")));
        assertEquals(List.of("inventory: host h: ansible_ssh_extra_args: 'bastion' is not an ssh option"),
                Connections.problems(host("h", "ansible_ssh_extra_args", "-J bastion bastion")));
        assertEquals(List.of("inventory: host h: ansible_ssh_common_args is a template ('{{ ... }}'); gplay reads"
                + " '{{ name }}' as the variable it names and evaluates no other template in inventory values, so it"
                + " would be taken literally: set the value itself, or name a variable the inventory sets"),
                Connections.problems(host("h", "ansible_ssh_common_args", "-o ProxyJump={{ bastion }}")));
        assertEquals(List.of("inventory: host h: gplay_proxy_jump: 'a b' is no jump host ([user@]host[:port] or"
                + " ssh://[user@]host[:port])"), Connections.problems(host("h", "gplay_proxy_jump", "a b")));
        assertEquals(List.of(), Connections.problems(host("h", "ansible_ssh_common_args",
                "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ProxyCommand=\"ssh -W %h:%p -q b\"")));
    }
}
