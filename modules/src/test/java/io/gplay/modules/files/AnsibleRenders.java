package io.gplay.modules.files;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Every template of a list rendered by Ansible in one ansible-playbook run: Ansible's template lookup, which renders
 * as the template module does (the same Templar call; byte-identical on the public corpus) without a module run per
 * template. Each case's variables are host variables of an inventory host the play does not target, read by name, so
 * Ansible does not copy them all for each template; every string is !unsafe, as gplay evaluates no template held in
 * a variable.
 */
final class AnsibleRenders {
    private AnsibleRenders() {
    }

    /** A template and the variables it is rendered with. */
    record Case(Path template, Map<String, Object> vars) {
    }

    /** Ansible's output for each case, in order; a whole run that fails throws, with Ansible's message. */
    @SuppressWarnings("unchecked")
    static List<String> render(List<Case> cases, Path work) throws IOException, InterruptedException {
        StringBuilder inventory = new StringBuilder("all:\n  hosts:\n    localhost: {ansible_connection: local}\n    cases:\n");
        StringBuilder play = new StringBuilder("- hosts: localhost\n  gather_facts: false\n  tasks:\n"
                + "    - debug: {msg: \"{{ lookup('template', item.1, template_vars=hostvars.cases[item.0], convert_data=False) }}\"}\n"
                + "      loop:\n");
        for (int i = 0; i < cases.size(); i++) {
            inventory.append("      c").append(i).append(": ").append(flow(cases.get(i).vars())).append('\n');
            play.append("        - [c").append(i).append(", ").append(json(cases.get(i).template().toAbsolutePath().toString())).append("]\n");
        }
        Files.writeString(work.resolve("inventory.yml"), inventory);
        Files.writeString(work.resolve("play.yml"), play);
        Files.writeString(work.resolve("ansible.cfg"), "");
        ProcessBuilder pb = new ProcessBuilder("ansible-playbook", "-i", "inventory.yml", "play.yml").directory(work.toFile())
                .redirectError(work.resolve("stderr").toFile());
        pb.environment().putAll(Map.of("ANSIBLE_CONFIG", work.resolve("ansible.cfg").toString(),
                "ANSIBLE_STDOUT_CALLBACK", "json", "ANSIBLE_LOCALHOST_WARNING", "false", "ANSIBLE_NOCOLOR", "1",
                "ANSIBLE_LOCAL_TEMP", work.resolve("tmp").toString(), "ANSIBLE_HOME", work.resolve("home").toString()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("ansible-playbook did not end in 5 minutes");
        }
        Map<String, Object> run = new Yaml(new SafeConstructor(new LoaderOptions())).load(out);
        Map<String, Object> task = (Map<String, Object>) ((List<Map<String, Object>>) ((List<Map<String, Object>>)
                run.get("plays")).get(0).get("tasks")).get(0).get("hosts");
        Map<String, Object> result = (Map<String, Object>) task.get("localhost");
        if (!(result.get("results") instanceof List<?> results)) {
            throw new IOException("Ansible failed: " + result.get("msg") + "\n" + Files.readString(work.resolve("stderr")));
        }
        List<String> rendered = new ArrayList<>();
        for (Object r : results) {
            rendered.add(String.valueOf(((Map<String, Object>) r).get("msg")));
        }
        return rendered;
    }

    /** A value as YAML flow, every string !unsafe. */
    private static String flow(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> json(String.valueOf(e.getKey())) + ": " + flow(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(AnsibleRenders::flow).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof String s) {
            return "!unsafe " + json(s);
        }
        return v == null ? "null" : String.valueOf(v);
    }

    /** A string as a JSON (and YAML double-quoted) literal. */
    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
