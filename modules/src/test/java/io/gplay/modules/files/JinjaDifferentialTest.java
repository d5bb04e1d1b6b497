package io.gplay.modules.files;

import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.ModuleInvocation;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same templates and variables rendered by gplay's template module and by Ansible give the same bytes: the
 * corpus in src/test/resources/jinja-corpus, and every corpus folder named in $GPLAY_JINJA_CORPUS (':'-separated; the
 * layout bench/jinja/corpus.py writes for public roles). Ansible must be installed (bin/install-deps installs it):
 * where CI is set the test fails without it.
 */
class JinjaDifferentialTest {
    @TempDir
    Path work;

    @Test
    void gplayRendersTheCorpusByteForByteAsAnsible() throws Exception {
        Needs.require(onPath("ansible-playbook"), "needs Debian's ansible (bin/install-deps installs it)");
        List<AnsibleRenders.Case> cases = new ArrayList<>();
        cases.addAll(cases(Path.of("src/test/resources/jinja-corpus")));
        String extra = System.getenv("GPLAY_JINJA_CORPUS");
        for (String dir : extra == null ? new String[0] : extra.split(":")) {
            cases.addAll(cases(Path.of(dir)));
        }
        List<String> ansible = AnsibleRenders.render(cases, Files.createDirectories(work.resolve("ansible")));
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String gplay = gplay(cases.get(i), work.resolve("out-" + i));
            if (!gplay.equals(ansible.get(i))) {
                differing.add(cases.get(i).template() + "\n" + firstDifference(ansible.get(i), gplay));
            }
        }
        System.out.println("jinja corpus: " + (cases.size() - differing.size()) + " of " + cases.size()
                + " templates byte-identical to Ansible's rendering");
        assertTrue(differing.isEmpty(), String.join("\n\n", differing));
    }

    /** Every template of a corpus with its variables: vars.yml of its folder, then X.j2.vars.yml beside it. */
    private static List<AnsibleRenders.Case> cases(Path root) throws IOException {
        List<AnsibleRenders.Case> out = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> s = Files.walk(root)) {
            folders = s.filter(p -> p.getFileName().toString().equals("vars.yml")).map(Path::getParent).sorted().toList();
        }
        for (Path folder : folders) {
            Map<String, Object> base = load(folder.resolve("vars.yml"));
            try (Stream<Path> s = Files.walk(folder.resolve("templates"))) {
                for (Path t : s.filter(p -> p.toString().endsWith(".j2")).sorted().toList()) {
                    Map<String, Object> vars = new LinkedHashMap<>(base);
                    Path own = Path.of(t + ".vars.yml");
                    if (Files.exists(own)) {
                        vars.putAll(load(own));
                    }
                    out.add(new AnsibleRenders.Case(t, vars));
                }
            }
        }
        assertTrue(!out.isEmpty(), "no templates under " + root);
        return out;
    }

    private static Map<String, Object> load(Path yaml) throws IOException {
        Map<String, Object> m = new Yaml().load(Files.readString(yaml));
        return m == null ? Map.of() : m;
    }

    /** gplay's template module on this machine, for host localhost in group all as Ansible's run has it. */
    private static String gplay(AnsibleRenders.Case c, Path dest) throws IOException {
        Map<String, Object> vars = new LinkedHashMap<>(c.vars());
        vars.putIfAbsent("groups", Map.of("all", List.of("localhost"), "ungrouped", List.of("localhost")));
        TemplateModule module = new TemplateModule();
        HostContext where = HostContext.of(new Host("localhost", List.of(), Map.of()), Map.of(), new LocalConnection(), false);
        Result r = ModuleInvocation.run(module, ParamValidator.resolve(module.spec(), Map.of(
                "src", c.template().toAbsolutePath().toString(), "dest", dest.toString(), "vars", vars)), where);
        return r.status() == Status.CHANGED ? Files.readString(dest) : "gplay failed: " + r.msg();
    }

    private static String firstDifference(String ansible, String gplay) {
        String[] a = ansible.split("\n", -1);
        String[] g = gplay.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, g.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < g.length ? g[i] : "<end>";
            if (!x.equals(y)) {
                return "  line " + (i + 1) + "\n  ansible: " + x + "\n  gplay:   " + y;
            }
        }
        return "  (same lines)";
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
