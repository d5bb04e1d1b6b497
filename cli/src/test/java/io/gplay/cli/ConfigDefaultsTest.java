package io.gplay.cli;

import io.gplay.engine.config.AnsibleConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ansible.cfg's [ssh_connection] arguments reach hosts as the variables that take their place, the environment first. */
class ConfigDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void sshConnectionArgumentsAreTheHostsSshArgumentVariables() throws Exception {
        Path cfg = Files.writeString(dir.resolve("ansible.cfg"), """
                [defaults]
                ssh_args = -o NotThisOne=1
                [ssh_connection]
                ssh_args = -C -o ControlMaster=auto -o ControlPersist=60s
                ssh_common_args = -o ProxyJump=ops@bastion
                """);
        AnsibleConfig config = AnsibleConfig.load(Map.of("ANSIBLE_CONFIG", cfg.toString(),
                "ANSIBLE_SSH_EXTRA_ARGS", "-o ServerAliveInterval=5"), dir, dir, dir.resolve("none"));
        assertEquals(Map.of("ansible_ssh_args", "-C -o ControlMaster=auto -o ControlPersist=60s",
                        "ansible_ssh_common_args", "-o ProxyJump=ops@bastion",
                        "ansible_ssh_extra_args", "-o ServerAliveInterval=5"),
                new ConfigDefaults(config, dir.resolve("none")).sshArgs());
    }
}
