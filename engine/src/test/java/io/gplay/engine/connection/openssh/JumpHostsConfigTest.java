package io.gplay.engine.connection.openssh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ProxyJump lists, ssh command lines (Ansible's ssh args, ProxyCommand ssh -W) and the hop they lead to. */
class JumpHostsConfigTest {
    @TempDir
    Path dir;

    private HostSettings lookup(String config, String host, List<ConfigLine> commandLine) throws IOException {
        Path f = Files.writeString(dir.resolve("config"), config);
        return new OpenSshConfig(null, null, dir, "alice", System::getenv).lookup(host, commandLine, f.toString());
    }

    private static List<String> lines(List<ConfigLine> options) {
        return options.stream().map(o -> o.keyword() + "=" + String.join(" ", o.args())).toList();
    }

    @Test
    void jumpSpecsAsSshReadsThem() {
        assertEquals(List.of(new JumpSpec(null, "bastion", null), new JumpSpec("ops", "10.0.0.1", 2222),
                        new JumpSpec("me", "2001:db8::1", 2200), new JumpSpec("u", "uri", 22)),
                JumpSpec.parseList("bastion,ops@10.0.0.1:2222,me@[2001:db8::1]:2200,ssh://u@uri:22", "x"));
        assertEquals(List.of(), JumpSpec.parseList("none", "x"));
        assertEquals("me@[2001:db8::1]:2200", JumpSpec.parse("me@[2001:db8::1]:2200", "x").toString());
        SshConfigException e = assertThrows(SshConfigException.class, () -> JumpSpec.parseList("a,,b", "gplay_proxy_jump"));
        assertEquals("gplay_proxy_jump: '' is no jump host ([user@]host[:port] or ssh://[user@]host[:port])",
                e.getMessage());
        assertThrows(SshConfigException.class, () -> JumpSpec.parse("h:99999", "x"));
    }

    @Test
    void ansibleSshArgsAreReadPassedOverOrRefused() {
        String args = "-C -o ControlMaster=auto -o 'ControlPersist 60s' -o ProxyJump=root@bastion -qJ j2 "
                + "-oStrictHostKeyChecking=no -o \"UserKnownHostsFile /dev/null\" -F ./ssh.cfg -i key -p 2200 -l ops";
        SshCommandLine cl = SshCommandLine.parse(SshCommandLine.shellWords(args, "v"), "v");
        assertEquals(List.of("proxyjump=root@bastion", "proxyjump=j2", "stricthostkeychecking=no",
                "userknownhostsfile=/dev/null", "identityfile=key", "port=2200", "user=ops"), lines(cl.options()));
        assertEquals("./ssh.cfg", cl.configFile());
        assertEquals(List.of(), cl.destinations());
        SshConfigException agent = assertThrows(SshConfigException.class,
                () -> SshCommandLine.parse(List.of("-A"), "ansible_ssh_extra_args"));
        assertEquals("ansible_ssh_extra_args: ssh option -A is not supported by gplay", agent.getMessage());
        SshConfigException fwd = assertThrows(SshConfigException.class,
                () -> SshCommandLine.parse(List.of("-o", "ForwardAgent=yes"), "v"));
        assertEquals("v: ssh option -o ForwardAgent=yes is not supported by gplay", fwd.getMessage());
        assertEquals(List.of(), SshCommandLine.parse(List.of("-o", "ForwardAgent=no"), "v").options());
    }

    @Test
    void shellWordsAsAnsiblesShlexSplitsThem() {
        assertEquals(List.of("-o", "ProxyCommand=ssh -W %h:%p -q user@bastion", "a b", "c\"d", "e\\f", "$x"),
                SshCommandLine.shellWords("-o ProxyCommand=\"ssh -W %h:%p -q user@bastion\" 'a b' c\\\"d "
                        + "\"e\\f\" \"\\$x\"", "v"));
        assertThrows(SshConfigException.class, () -> SshCommandLine.shellWords("-o 'x", "v"));
    }

    @Test
    void aProxyJumpChainReachesItsLastHopThroughTheOthers() throws IOException {
        HostSettings t = lookup("Host t\n  ProxyJump a,ops@b:2200,c\n", "t", List.of());
        Hop c = Hop.of(t, "F");
        assertEquals(List.of("c", "F"), List.of(c.host(), c.configFile()));
        assertEquals(List.of("proxyjump=a,ops@b:2200"), lines(c.options()));
        Hop b = Hop.of(lookup("", "c", c.options()), "F");
        assertEquals(List.of("user=ops", "port=2200", "proxyjump=a"), lines(b.options()));
        Hop a = Hop.of(lookup("", "b", b.options()), "F");
        assertEquals(List.of("a", List.of()), List.of(a.host(), a.options()));
        assertNull(Hop.of(lookup("Host a\n  ProxyJump none\n", "a", List.of()), null));
    }

    @Test
    void aProxyCommandOfSshWIsTheJumpItDescribesWithItsOptions() throws IOException {
        HostSettings t = lookup("""
                Host t
                  HostName 10.1.1.1
                  Port 2022
                  ProxyCommand exec /usr/bin/ssh -q -i /k/jump -o StrictHostKeyChecking=no -W '[%h]:%p' %r@bastion
                  User deploy
                """, "t", List.of());
        Hop hop = Hop.of(t, "F");
        assertEquals(List.of("bastion", List.of("user=deploy", "identityfile=/k/jump", "stricthostkeychecking=no")),
                List.of(hop.host(), lines(hop.options())));
        assertNull(hop.configFile(), "a command's ssh reads the standard files unless it says -F");
    }

    @Test
    void anyOtherProxyCommandIsRefusedNamingWhereItWasSet() throws IOException {
        for (String command : List.of("nc %h %p", "ssh -W other:22 bastion", "ssh -W %h:%p", "ssh -A -W %h:%p b")) {
            HostSettings t = lookup("Host *\n  ProxyCommand " + command + "\n", "t", List.of());
            SshConfigException e = assertThrows(SshConfigException.class, () -> Hop.of(t, null));
            assertTrue(e.getMessage().contains("config:2: ProxyCommand '" + command.replace("%h", "t")
                    .replace("%p", "22") + "' is not supported: gplay runs no command to connect; it reaches jump"
                    + " hosts itself, over SSH. Use ProxyJump"), e.getMessage());
        }
        assertNull(Hop.of(lookup("Host *\n  ProxyCommand none\n", "t", List.of()), null));
    }
}
