package io.gplay.modules.files;

import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.InventoryLoader;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.ModuleInvocation;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.vault.VaultPassword;
import io.gplay.engine.vault.VaultSecrets;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The template module's choice of language, and what a Jinja2 template sees and says when it fails. */
class TemplateModuleTest {
    @TempDir
    Path dir;

    private Result run(String name, String text, Map<String, Object> extra) throws Exception {
        Path src = dir.resolve(name);
        Files.writeString(src, text);
        Map<String, Object> p = new LinkedHashMap<>(Map.of("src", src.toString(), "dest", dir.resolve("out").toString()));
        p.putAll(extra);
        return Harness.run(new TemplateModule(), p, false, new LocalConnection(),
                Map.of("osFamily", "Debian", "distribution", "debian", "distributionMajorVersion", "12", "arch", "x86_64"));
    }

    @Test
    void aJinja2TemplateSeesAnsiblesNamesForTheHostAndItsFacts() throws Exception {
        Result r = run("facts.j2", "{{ ansible_managed }} on {{ inventory_hostname }}: {{ ansible_facts.os_family }} "
                + "{{ ansible_distribution }} {{ ansible_distribution_major_version }} {{ ansible_architecture }} "
                + "{{ template_path | basename }} {{ template_destpath | basename }} {{ port }}\n", Map.of("vars", Map.of("port", 80)));
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("Ansible managed on local: Debian Debian 12 x86_64 facts.j2 out 80\n",
                Files.readString(dir.resolve("out")));
    }

    @Test
    void aShellVariableInAJinja2TemplateIsLeftAlone() throws Exception {
        assertEquals(Status.CHANGED, run("run.sh.j2", "echo \"$host ${vars} $HOME\"\n", Map.of()).status());
        assertEquals("echo \"$host ${vars} $HOME\"\n", Files.readString(dir.resolve("out")));
    }

    @Test
    void theLanguageIsNeverGuessed() throws Exception {
        Result r = run("app.conf", "port=${port}\n", Map.of());
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("which language is it? Name it .j2 for Jinja2"), r.msg());
        assertFalse(Files.exists(dir.resolve("out")), "nothing was written");
        assertEquals(Status.CHANGED, run("app.conf", "port=${port}\n", Map.of("engine", "groovy",
                "vars", Map.of("port", 80))).status());
        assertEquals("port=80\n", Files.readString(dir.resolve("out")));
        assertEquals(Status.OK, run("app.conf", "port={{ port }}\n", Map.of("engine", "jinja2", "vars", Map.of("port", 80))).status());
    }

    @Test
    void anUndefinedVariableFailsTheTaskNamingTemplateAndLine() throws Exception {
        Result r = run("site.conf.j2", "server {\n{% if tls | default(false) %}\n  ssl on;\n{% endif %}\n  listen {{ app_port }};\n}\n", Map.of());
        assertEquals(Status.FAILED, r.status());
        assertEquals(dir.resolve("site.conf.j2") + ":5: 'app_port' is undefined: set it (in the inventory, the play's or "
                + "the role's vars, or the task's vars:) or give it a default in the template: {{ app_port | default('...') }}", r.msg());
        assertFalse(Files.exists(dir.resolve("out")), "nothing was written");
    }

    private static String vault(String clear, VaultPassword pw) {
        return "!vault |\n  " + VaultSecrets.encrypt(clear.getBytes(StandardCharsets.UTF_8), pw).replace("\n", "\n  ")
                .stripTrailing() + "\n";
    }

    @Test
    void aVaultValueTheTemplateDoesNotReadIsNotDecrypted() throws Exception {
        VaultPassword given = new VaultPassword("default", "given".getBytes(StandardCharsets.UTF_8));
        VaultPassword other = new VaultPassword("default", "other".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    h1:\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), "user: " + vault("template-user-4711", given) + "secret: " + vault("s3cret", other));
        Host h1 = InventoryLoader.load(dir.resolve("hosts.yml").toString(), new VaultSecrets(List.of(given), false)).host("h1");
        Path src = dir.resolve("user.j2");
        Files.writeString(src, "user={{ user }}\n");
        TemplateModule module = new TemplateModule();
        Result r = ModuleInvocation.run(module, ParamValidator.resolve(module.spec(), Map.of("src", src.toString(),
                "dest", dir.resolve("out").toString())), HostContext.of(h1, Map.of(), new LocalConnection(), false));
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("user=template-user-4711\n", Files.readString(dir.resolve("out")));
    }
}
