package io.gplay.cli;

import io.gplay.engine.run.Slice;
import io.gplay.engine.shell.ShellWords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CI and Kubernetes examples of docs/ci hold together: each parses as YAML with the keys its system needs; for
 * every slice, the gplay command line a job runs parses with gplay's own options and names a slice K/N that covers
 * 1..N once; the merge step runs after the slices whatever they gave, and reads the reports they write.
 */
class CiManifestsTest {
    static final Path CI = Path.of("..", "docs", "ci");

    @Test
    void theKubernetesIndexedJobRunsEverySliceAndTheMergeJobReadsTheirReports() throws Exception {
        List<Map<String, Object>> docs = yaml("kubernetes/slices.yaml");
        Map<String, Object> claim = kind(docs, "PersistentVolumeClaim");
        assertTrue(list(map(claim, "spec"), "accessModes").contains("ReadWriteMany"), "pods on many nodes write it");
        Map<String, Object> job = kind(docs, "Job");
        assertEquals("batch/v1", job.get("apiVersion"));
        Map<String, Object> spec = map(job, "spec");
        assertEquals("Indexed", spec.get("completionMode"));
        int n = (Integer) spec.get("completions");
        assertEquals(n, spec.get("parallelism"));
        assertEquals(0, spec.get("backoffLimitPerIndex"));
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        assertEquals("Never", pod.get("restartPolicy"));
        Map<String, Object> container = asMap(only(list(pod, "containers")));
        assertEquals(String.valueOf(n), env(container, "SLICES"));
        String script = (String) only(list(container, "args"));
        String prefix = "K=$((JOB_COMPLETION_INDEX + 1)); exec ";
        assertTrue(script.startsWith(prefix), script);
        String mount = mountOf(pod, container, "persistentVolumeClaim", claim);
        List<String> written = new ArrayList<>();
        for (int index = 0; index < n; index++) {
            String k = String.valueOf(index + 1);
            RunCommand run = run(script.substring(prefix.length()).replace("$K", k).replace("$SLICES", env(container,
                    "SLICES")), index + 1, n);
            written.add(jsonReport(run));
        }
        assertEquals(IntStream.rangeClosed(1, n).mapToObj(k -> mount + "/slice-" + k + ".jsonl").toList(), written);

        List<Map<String, Object>> mergeDocs = yaml("kubernetes/merge.yaml");
        Map<String, Object> mergeJob = kind(mergeDocs, "Job");
        Map<String, Object> mergePod = map(map(map(mergeJob, "spec"), "template"), "spec");
        Map<String, Object> merger = asMap(only(list(mergePod, "containers")));
        assertEquals(String.valueOf(n), env(merger, "SLICES"));
        assertEquals(mount, mountOf(mergePod, merger, "persistentVolumeClaim", claim));
        String mergeScript = (String) only(list(merger, "args"));
        String loop = "set --; for k in $(seq 1 \"$SLICES\"); do set -- \"$@\" \"" + mount + "/slice-$k.jsonl\"; done;"
                + " exec ";
        assertTrue(mergeScript.startsWith(loop), mergeScript);
        ReportCommand.Merge merge = merge(mergeScript.substring(loop.length()), written);
        assertEquals(written, merge.files.stream().map(Path::toString).toList());
    }

    @Test
    void theGitLabParallelJobRunsEverySliceAndTheMergeJobReadsTheirArtifacts() throws Exception {
        Map<String, Object> ci = only(yaml("gitlab-ci.yml"));
        Map<String, Object> deploy = map(ci, "deploy");
        int n = (Integer) deploy.get("parallel");
        String line = gplayLine(list(deploy, "script"));
        List<String> written = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            written.add(jsonReport(run(line.replace("${CI_NODE_INDEX}", String.valueOf(k))
                    .replace("${CI_NODE_TOTAL}", String.valueOf(n)), k, n)));
        }
        Map<String, Object> artifacts = map(deploy, "artifacts");
        assertEquals("always", artifacts.get("when"));
        String folder = (String) only(list(artifacts, "paths"));
        written.forEach(f -> assertTrue(f.startsWith(folder), f + " is not kept as an artifact"));

        Map<String, Object> merge = map(ci, "merge");
        assertEquals(List.of("deploy", "merge"), ci.get("stages"));
        assertEquals("merge", merge.get("stage"));
        assertEquals("always", merge.get("when"));
        Map<String, Object> need = asMap(only(list(merge, "needs")));
        assertEquals("deploy", need.get("job"));
        assertEquals(true, need.get("artifacts"));
        mergesAll(merge(gplayLine(list(merge, "script")), written), written);
    }

    @Test
    void theGitHubMatrixRunsEverySliceAndTheMergeJobDownloadsTheirReports() throws Exception {
        Map<String, Object> wf = only(yaml("github-actions.yml"));
        Map<String, Object> jobs = map(wf, "jobs");
        Map<String, Object> slice = map(jobs, "slice");
        Map<String, Object> strategy = map(slice, "strategy");
        assertEquals(false, strategy.get("fail-fast"));
        List<Object> matrix = list(map(strategy, "matrix"), "slice");
        int n = matrix.size();
        assertEquals(IntStream.rangeClosed(1, n).boxed().toList(), matrix);
        List<Object> steps = list(slice, "steps");
        String line = gplayLine(steps.stream().<Object>map(s -> ((Map<?, ?>) s).get("run")).filter(r -> r != null).toList());
        Map<String, Object> upload = step(steps, "actions/upload-artifact@v4");
        assertEquals("always()", upload.get("if"));
        List<String> written = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            String report = jsonReport(run(line.replace("${{ matrix.slice }}", String.valueOf(k))
                    .replace("${{ strategy.job-total }}", String.valueOf(n)), k, n));
            assertEquals(map(upload, "with").get("path").toString().replace("${{ matrix.slice }}", String.valueOf(k)),
                    report);
            written.add("reports/" + report);
        }

        Map<String, Object> merge = map(jobs, "merge");
        assertEquals("slice", merge.get("needs"));
        assertEquals("always()", merge.get("if"));
        List<Object> mergeSteps = list(merge, "steps");
        Map<String, Object> download = map(step(mergeSteps, "actions/download-artifact@v4"), "with");
        assertEquals("reports", download.get("path"));
        assertEquals(true, download.get("merge-multiple"));
        PathMatcher names = FileSystems.getDefault().getPathMatcher("glob:" + download.get("pattern"));
        for (int k = 1; k <= n; k++) {
            String name = map(upload, "with").get("name").toString().replace("${{ matrix.slice }}", String.valueOf(k));
            assertTrue(names.matches(Path.of(name)), name + " is not downloaded");
        }
        mergesAll(merge(gplayLine(mergeSteps.stream().<Object>map(s -> ((Map<?, ?>) s).get("run")).filter(r -> r != null)
                .toList()), written), written);
    }

    /**
     * kubectl's own reading of the manifests, offline: {@code kubectl kustomize} builds them as Kubernetes objects
     * (each with its apiVersion, kind and name, no two alike). {@code kubectl apply --dry-run=client} would need a
     * cluster to reach. Skipped where kubectl is not installed, and a failure then under CI.
     */
    @Test
    void kubectlReadsTheKubernetesManifests(@TempDir Path dir) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        if (System.getenv("CI") != null && kubectl == null) {
            throw new AssertionError("kubectl is not installed: bin/install-deps installs it (kubernetes-client)");
        }
        assumeTrue(kubectl != null, "kubectl is not installed");
        for (String f : List.of("slices.yaml", "merge.yaml")) {
            Files.copy(CI.resolve("kubernetes").resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- slices.yaml\n- merge.yaml\n");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> objects = new ArrayList<>();
        new Yaml().loadAll(out).forEach(d -> objects.add(asMap(d).get("kind") + "/" + map(asMap(d), "metadata")
                .get("name")));
        assertEquals(List.of("Job/gplay-merge", "Job/gplay-slices", "PersistentVolumeClaim/gplay-reports"),
                objects.stream().sorted().toList());
    }

    /** A `gplay run` line parsed with gplay's options; its slice must be K/N. */
    private static RunCommand run(String line, int k, int n) {
        List<String> words = ShellWords.split(line);
        assertEquals(List.of("gplay", "run"), words.subList(0, 2), line);
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(words.subList(2, words.size()).toArray(String[]::new));
        assertEquals(new Slice(k, n), Slice.parse(run.slice), line);
        return run;
    }

    /** A `gplay report merge` line parsed with gplay's options, a shell glob left for {@link #mergesAll}. */
    private static ReportCommand.Merge merge(String line, List<String> reports) {
        List<String> words = new ArrayList<>(ShellWords.split(line.replace("\"$@\"", String.join(" ", reports))));
        assertEquals(List.of("gplay", "report", "merge"), words.subList(0, 3), line);
        ReportCommand.Merge merge = new ReportCommand.Merge();
        new CommandLine(merge).parseArgs(words.subList(3, words.size()).toArray(String[]::new));
        return merge;
    }

    /** The merge's one argument is a glob that matches every slice's report. */
    private static void mergesAll(ReportCommand.Merge merge, List<String> reports) {
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + only(merge.files));
        reports.forEach(r -> assertTrue(glob.matches(Path.of(r)), r + " is not merged"));
    }

    private static String jsonReport(RunCommand run) {
        String spec = only(run.reports);
        assertTrue(spec.startsWith("json="), spec);
        return spec.substring("json=".length());
    }

    private static String gplayLine(List<Object> script) {
        List<Object> lines = script.stream().filter(l -> l.toString().startsWith("gplay ")).toList();
        return only(lines).toString();
    }

    private static String mountOf(Map<String, Object> pod, Map<String, Object> container, String type,
                                  Map<String, Object> claim) {
        String claimName = (String) map(claim, "metadata").get("name");
        Map<String, Object> volume = list(pod, "volumes").stream().map(CiManifestsTest::asMap)
                .filter(v -> v.containsKey(type) && claimName.equals(map(v, type).get("claimName"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume of claim " + claimName));
        return list(container, "volumeMounts").stream().map(CiManifestsTest::asMap)
                .filter(m -> volume.get("name").equals(m.get("name"))).map(m -> (String) m.get("mountPath"))
                .findFirst().orElseThrow(() -> new AssertionError("the volume is not mounted"));
    }

    private static String env(Map<String, Object> container, String name) {
        return list(container, "env").stream().map(CiManifestsTest::asMap).filter(e -> name.equals(e.get("name")))
                .map(e -> (String) e.get("value")).findFirst().orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static Map<String, Object> step(List<Object> steps, String uses) {
        return steps.stream().map(CiManifestsTest::asMap).filter(s -> uses.equals(s.get("uses"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + uses));
    }

    private static List<Map<String, Object>> yaml(String file) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        new Yaml().loadAll(Files.readString(CI.resolve(file))).forEach(d -> docs.add(asMap(d)));
        return docs;
    }

    private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
        List<Map<String, Object>> of = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        Map<String, Object> doc = only(of);
        assertTrue(map(doc, "metadata").get("name") instanceof String, kind + " has no name");
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        assertTrue(o instanceof Map, o + " is not a mapping");
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return asMap(m.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key) {
        assertTrue(m.get(key) instanceof List, key + " is not a list in " + m);
        return (List<Object>) m.get(key);
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
