package io.gplay.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnsibleConfigTest {
    @TempDir
    Path dir;

    private Path cfg(String where, String text) throws Exception {
        Path p = dir.resolve(where);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theFirstOfAnsiblesPlacesIsRead() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("project"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path system = cfg("etc/ansible.cfg", "[defaults]\nremote_user = from-etc\n");
        assertEquals(Optional.of("from-etc"), AnsibleConfig.load(Map.of(), cwd, home, system).value("ANSIBLE_REMOTE_USER", "remote_user"));
        cfg("home/.ansible.cfg", "[defaults]\nremote_user = from-home\n");
        assertEquals(Optional.of("from-home"), AnsibleConfig.load(Map.of(), cwd, home, system).value("X", "remote_user"));
        cfg("project/ansible.cfg", "[defaults]\nremote_user = from-cwd\n");
        assertEquals(Optional.of("from-cwd"), AnsibleConfig.load(Map.of(), cwd, home, system).value("X", "remote_user"));
        Path env = cfg("elsewhere/ansible.cfg", "[defaults]\nremote_user = from-env\n");
        AnsibleConfig c = AnsibleConfig.load(Map.of("ANSIBLE_CONFIG", env.getParent().toString()), cwd, home, system);
        assertEquals(Optional.of(env), c.file());
        assertEquals(Optional.of("from-env"), c.value("X", "remote_user"));
        // a world-writable current directory's ansible.cfg is ignored, as Ansible does
        Files.setPosixFilePermissions(cwd, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.of("from-home"), AnsibleConfig.load(Map.of(), cwd, home, system).value("X", "remote_user"));
    }

    @Test
    void settingsOfDefaultsWithEnvironmentOverridesAndRelativePaths() throws Exception {
        Path file = cfg("conf/ansible.cfg", """
                # comment
                [defaults]
                Vault_Password_File = secrets/pw   ; inline comment
                vault_identity_list: dev@dev-pw , prod@prompt
                vault_id_match = True
                inventory = hosts, ../inventory.d
                [ssh_connection]
                pipelining = true
                ssh_args = -o ControlMaster=auto -o ControlPersist=60s
                """);
        AnsibleConfig c = AnsibleConfig.load(Map.of("ANSIBLE_CONFIG", file.toString()), dir, dir, dir.resolve("none"));
        assertEquals(Optional.of(dir.resolve("conf/secrets/pw")), c.path("ANSIBLE_VAULT_PASSWORD_FILE", "vault_password_file"));
        assertEquals(List.of("dev@dev-pw", "prod@prompt"), c.list("ANSIBLE_VAULT_IDENTITY_LIST", "vault_identity_list"));
        assertTrue(c.flag("ANSIBLE_VAULT_ID_MATCH", "vault_id_match"));
        assertEquals(List.of(dir.resolve("conf/hosts"), dir.resolve("inventory.d")), c.pathList("ANSIBLE_INVENTORY", "inventory"));
        assertEquals(Optional.empty(), c.value("X", "pipelining"), "a key of [ssh_connection] is not one of [defaults]");
        assertEquals(Optional.of("-o ControlMaster=auto -o ControlPersist=60s"), c.value("ANSIBLE_SSH_ARGS", "ssh_connection.ssh_args"));
        AnsibleConfig withEnv = AnsibleConfig.load(Map.of("ANSIBLE_CONFIG", file.toString(),
                "ANSIBLE_VAULT_PASSWORD_FILE", "pw2"), dir, dir, dir.resolve("none"));
        assertEquals(Optional.of(dir.resolve("pw2")), withEnv.path("ANSIBLE_VAULT_PASSWORD_FILE", "vault_password_file"));
        assertEquals(List.of(dir.resolve("a"), dir.resolve("b/c")), AnsibleConfig.load(Map.of("ANSIBLE_INVENTORY",
                "a,b/c"), dir, dir, dir.resolve("none")).pathList("ANSIBLE_INVENTORY", "inventory"));
        AnsibleConfig none = AnsibleConfig.load(Map.of(), dir.resolve("x"), dir.resolve("y"), dir.resolve("z"));
        assertEquals(Optional.empty(), none.file());
        assertEquals(Optional.empty(), none.path("ANSIBLE_VAULT_PASSWORD_FILE", "vault_password_file"));
    }
}
