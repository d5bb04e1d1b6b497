package io.gplay.engine.connection.openssh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ssh_config(5) as gplay reads it. The expected values of the Host, Match and Include cases are what OpenSSH
 * 9.2's {@code ssh -G -F FILE [-l USER] HOST} printed for the same files.
 */
class OpenSshConfigTest {
    @TempDir
    Path dir;

    private Path home() throws IOException {
        return Files.createDirectories(dir.resolve("home"));
    }

    /** A config of only this file (as ssh -F), for the local user alice. */
    private HostSettings lookup(String text, String host, ConfigLine... commandLine) throws IOException {
        Path f = dir.resolve("config");
        Files.writeString(f, text);
        return new OpenSshConfig(null, null, home(), "alice", Map.of("KEYS", "/keys")::get)
                .lookup(host, List.of(commandLine), f.toString());
    }

    private static ConfigLine option(String text) {
        return ConfigLine.parse(text, "-o");
    }

    @Test
    void hostPatternsWithStarQuestionMarkAndNegationTheFirstValueWinning() throws IOException {
        String config = """
                Host web?
                  User webadmin
                Host *.example.com !secret.example.com
                  Port 2222
                Host web1
                  User ignored
                  Port 2201
                Host *
                  User fallback
                """;
        HostSettings web1 = lookup(config, "web1");
        assertEquals(List.of("webadmin", 2201), List.of(web1.user(), web1.port()));
        assertEquals("fallback", lookup(config, "web10").user(), "? is exactly one character");
        assertEquals(2222, lookup(config, "a.example.com").port());
        assertNull(lookup(config, "secret.example.com").port(), "a negated pattern that matches rejects the line");
        assertEquals("fallback", lookup(config, "WEB2").user(), "a Host pattern compares exactly");
        assertEquals(1, lookup("Match host web? originalhost WEB?\n  Port 1\n", "WEB2").port(),
                "Match host and originalhost ignore case");
        assertNull(lookup("Host !a\n  User u\n", "b").user(), "a negated pattern never matches by itself");
    }

    @Test
    void matchHostSeesTheHostNameSoFarAndUserTheLoginSoFar() throws IOException {
        String config = """
                Host db
                  HostName db.internal.example
                Match host *.internal.example
                  ProxyJump bastion
                Match originalhost db !user root
                  Port 2200
                Match user deploy
                  IdentitiesOnly yes
                Host other
                  User deploy
                Match all
                  ConnectTimeout 7
                """;
        HostSettings db = lookup(config, "db");
        assertEquals(List.of("db.internal.example", "bastion", 2200, 7),
                List.of(db.hostName(), db.proxy().single(), db.port(), db.connectTimeout()));
        assertNull(lookup(config, "db", option("User root")).port(), "!user root: the login given first");
        assertFalse(lookup(config, "other").identitiesOnly(), "Match user comes before Host other sets it");
        assertTrue(lookup(config, "x", option("User=deploy")).identitiesOnly());
        assertNull(lookup("Match localuser bob\n  Port 1\n", "x").port());
        assertEquals(1, lookup("Match localuser al*\n  Port 1\n", "x").port());
    }

    @Test
    void matchFinalMatchesInASecondPassWhereHostLinesSeeTheHostName() throws IOException {
        HostSettings t = lookup("""
                Host t
                  HostName %h.example.com
                Match final host t.example.com
                  User finaluser
                Match canonical
                  User never
                Host *.example.com
                  Port 2222
                """, "t");
        assertEquals(List.of("t.example.com", "finaluser", 2222), List.of(t.hostName(), t.user(), t.port()));
        assertNull(lookup("Host t\n  HostName t.example.com\nHost *.example.com\n  Port 2222\n", "t").port(),
                "without Match final, one pass, and Host lines see the name as given");
    }

    @Test
    void aSystemFileOfFedoraWithMatchFinalAllAndAnIncludeInItGivesItsValuesLast() throws IOException {
        Path policy = Files.writeString(dir.resolve("openssh.config"), "Ciphers aes256-gcm@openssh.com\nUser policy\n");
        HostSettings s = lookup("Host h\n  Port 2200\nMatch final all\n  Include " + policy + "\n  Port 1\n"
                + "  GSSAPIAuthentication yes\n", "h");
        assertEquals(List.of(2200, "policy"), List.of(s.port(), s.user()));
    }

    @Test
    void matchExecIsRefusedOnlyWhereTheRestOfItsLineMatches() throws IOException {
        String config = "Match host db exec \"test -f /x\"\n  Port 1\nMatch localnetwork 10.0.0.0/8\n  Port 2\n";
        SshConfigException e = assertThrows(SshConfigException.class, () -> lookup(config, "db").port());
        assertTrue(e.getMessage().endsWith("config:1: 'Match exec test -f /x' is not supported by gplay, and the rest"
                + " of the line matches host db (rewrite it with Host or Match host)"), e.getMessage());
        SshConfigException other = assertThrows(SshConfigException.class, () -> lookup(config, "web"));
        assertTrue(other.getMessage().contains("config:3: 'Match localnetwork 10.0.0.0/8'"), other.getMessage());
        assertNull(lookup("Match host db exec true\n  Port 1\n", "web").port());
    }

    @Test
    void commandLineOptionsComeFirstAndIdentityFilesAddUp() throws IOException {
        HostSettings s = lookup("""
                Host *
                  User fromfile
                  Port 2222
                  IdentityFile ~/.ssh/id_file
                  IdentityFile "/keys/with space"
                """, "h", option("Port=2200"), option("IdentityFile /cli/key"));
        assertEquals(List.of("fromfile", 2200), List.of(s.user(), s.port()));
        assertEquals(List.of(Path.of("/cli/key"), home().resolve(".ssh/id_file"), Path.of("/keys/with space")),
                s.identityFiles());
    }

    @Test
    void proxyJumpAndProxyCommandTheFirstGivenWins() throws IOException {
        String config = """
                Host a
                  ProxyCommand ssh -W %h:%p b
                  ProxyJump c
                Host b
                  ProxyJump d
                  ProxyCommand none
                """;
        assertEquals("proxycommand", lookup(config, "a").proxy().keyword());
        assertEquals("d", lookup(config, "b").proxy().single());
    }

    @Test
    void tokensAndEnvironmentInHostNameIdentityFileAndKnownHosts() throws IOException {
        HostSettings t = lookup("""
                Host t
                  HostName %h.example.com
                  User ops
                  Port 2022
                  IdentityFile ~/.ssh/%r@%h-%p
                  IdentityFile ${KEYS}/%n_%u%%
                  UserKnownHostsFile %d/kh/%h other_file
                """, "t");
        Path home = home();
        assertEquals(List.of(home.resolve(".ssh/ops@t.example.com-2022"), Path.of("/keys/t_alice%")), t.identityFiles());
        assertEquals(home.resolve("kh/t.example.com"), t.knownHostsFile());
        SshConfigException bad = assertThrows(SshConfigException.class,
                () -> lookup("Host *\n  IdentityFile ~/.ssh/%C\n", "t").identityFiles());
        assertTrue(bad.getMessage().endsWith("config:2: identityfile: token %C is not supported there"
                + " (gplay expands %d, %h, %n, %p, %r, %u)"), bad.getMessage());
        SshConfigException unset = assertThrows(SshConfigException.class,
                () -> lookup("Host *\n  IdentityFile ${NOPE}/k\n", "t").identityFiles());
        assertTrue(unset.getMessage().endsWith("config:2: environment variable NOPE is not set"), unset.getMessage());
    }

    @Test
    void includeGlobsRelativeToDotSshInLexicalOrderAndOnlyInsideAMatchingBlock() throws IOException {
        Path conf = Files.createDirectories(home().resolve(".ssh/conf.d"));
        Files.writeString(conf.resolve("20-b.conf"), "User fromb\nHost *\n  ConnectTimeout 20\n");
        Files.writeString(conf.resolve("10-a.conf"), "Host x\n  Port 1010\nHost *\n  User froma\n");
        Files.writeString(conf.resolve(".hidden.conf"), "User hidden\n");
        String config = """
                Host y
                  Include conf.d/*.conf
                  Port 3030
                Host *
                  Include conf.d/2*.conf ~/.ssh/missing/*
                  Port 4040
                """;
        HostSettings x = lookup(config, "x");
        assertEquals(List.of("fromb", 4040, 20), List.of(x.user(), x.port(), x.connectTimeout()),
                "x: Host y's Include is not read; Host *'s is");
        HostSettings y = lookup(config, "y");
        assertEquals(List.of("froma", 3030, 20), List.of(y.user(), y.port(), y.connectTimeout()),
                "y: 10-a before 20-b, never the dot file; the block goes on after the Include");
    }

    @Test
    void theStandardFilesAreTheUsersThenTheSystemsWithNoneOrAFileInstead() throws IOException {
        Path user = Files.writeString(dir.resolve("user"), "Host *\n  Port 1\n");
        Path system = Files.writeString(dir.resolve("system"), "Host *\n  Port 2\n  User sys\n");
        OpenSshConfig c = new OpenSshConfig(user, system, home(), "alice", System::getenv);
        HostSettings s = c.lookup("h", List.of(), null);
        assertEquals(List.of(1, "sys"), List.of(s.port(), s.user()));
        assertNull(c.lookup("h", List.of(), "none").port());
        assertEquals(2, c.lookup("h", List.of(), system.toString()).port());
        SshConfigException missing = assertThrows(SshConfigException.class,
                () -> c.lookup("h", List.of(), dir.resolve("nope").toString()));
        assertEquals("ssh config file " + dir.resolve("nope") + " does not exist", missing.getMessage());
    }

    @Test
    void valuesAsSshReadsThemAndRefusesThem() throws IOException {
        HostSettings s = lookup("""
                Host *
                  ConnectTimeout=1m30s
                  ServerAliveInterval = 0
                  StrictHostKeyChecking no   # a comment
                  "IdentitiesOnly" yes
                """, "h");
        assertEquals(90, s.connectTimeout());
        assertNull(s.serverAliveInterval(), "0 is ssh's off; gplay keeps its own");
        assertTrue(s.acceptNewHostKeys());
        assertFalse(lookup("Host *\n StrictHostKeyChecking ask\n", "h").acceptNewHostKeys());
        assertNull(lookup("Host *\n", "h").acceptNewHostKeys());
        assertEquals(Path.of("/dev/null"), lookup("Host *\n UserKnownHostsFile none\n", "h").knownHostsFile());
        SshConfigException port = assertThrows(SshConfigException.class, () -> lookup("Port ssh\n", "h").port());
        assertTrue(port.getMessage().endsWith("config:1: Port must be a number from 1 to 65535, got 'ssh'"));
        SshConfigException quote = assertThrows(SshConfigException.class, () -> lookup("Host *\nUser \"x\n", "h"));
        assertTrue(quote.getMessage().endsWith("config:2: unterminated quoted argument"), quote.getMessage());
        SshConfigException strict = assertThrows(SshConfigException.class,
                () -> lookup("StrictHostKeyChecking maybe\n", "h").acceptNewHostKeys());
        assertTrue(strict.getMessage().endsWith("stricthostkeychecking must be one of yes, true, ask, accept-new,"
                + " no, off, false; got 'maybe'"), strict.getMessage());
    }
}
