package io.gplay.modules.files;

import io.gplay.engine.config.AnsibleConfig;
import io.gplay.engine.plan.AnsibleFacts;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.vault.ResolvingVars;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * What a Jinja2 template sees, as Ansible's template module gives it: the host's variables by name, its facts as
 * {@code ansible_facts} and as {@code ansible_<fact>}, {@code inventory_hostname}, {@code groups},
 * {@code hostvars}, a loop's {@code item}, and the template's own: {@code ansible_managed} (ansible.cfg's
 * [defaults] ansible_managed, else "Ansible managed"), {@code template_path}, {@code template_fullpath},
 * {@code template_destpath}, {@code template_host}, {@code template_uid}. gplay's own scope names ({@code host},
 * {@code vars}, {@code facts}) are not there: an Ansible template may use them as its own variables.
 */
final class JinjaVariables {
    private static final String MANAGED = AnsibleConfig.load().value("ansible_managed").orElse("Ansible managed");

    private JinjaVariables() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(ModuleContext ctx, String src, Path file, String dest) {
        Map<String, Object> scope = ctx.variables();
        Object own = held(scope, "vars");
        // a copy of the raw values: a vault value is still decrypted only when the template reads it
        Map<String, Object> vars = ResolvingVars.copyOf(own instanceof Map<?, ?> m ? (Map<String, Object>) m : scope);
        String host = ctx.host().name();
        vars.put("inventory_hostname", host);
        vars.put("inventory_hostname_short", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        for (String name : new String[]{"groups", "hostvars", "item"}) {
            if (held(scope, name) != null) {
                vars.put(name, held(scope, name));
            }
        }
        Map<String, Object> facts = AnsibleFacts.of(ctx.facts());
        vars.putIfAbsent("ansible_facts", facts);
        facts.forEach((k, v) -> vars.putIfAbsent("ansible_" + k, v));
        String uid = owner(file);
        String nodename = nodename();
        vars.put("template_host", nodename);
        vars.put("template_path", src);
        vars.put("template_fullpath", file.toAbsolutePath().toString());
        vars.put("template_destpath", dest);
        vars.put("template_uid", uid);
        vars.put("ansible_managed", Strftime.format(MANAGED.replace("{host}", nodename).replace("{uid}", uid)
                .replace("{file}", src), mtime(file)));
        vars.putAll(ctx.map("vars"));
        return vars;
    }

    /** A scope's value as held: reading it through the scope would decrypt every vault value in it. */
    private static Object held(Map<String, Object> scope, String name) {
        return scope instanceof ResolvingVars r ? r.held(name) : scope.get(name);
    }

    private static String owner(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** The control machine's name, as Python's os.uname()[1]. */
    private static String nodename() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    private static ZonedDateTime mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().atZone(ZoneId.systemDefault());
        } catch (IOException e) {
            return Instant.now().atZone(ZoneId.systemDefault());
        }
    }
}
