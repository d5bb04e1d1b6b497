package io.gplay.engine.inventory;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gplay's reading of the inventories in {@code ansible-inventories/} against what ansible-inventory recorded for
 * them (see the README there): the same groups, hosts and host variables with the same types, or, for the files
 * Ansible refuses, a refusal naming the same FILE:LINE.
 */
class AnsibleInventoriesTest {
    @TestFactory
    Stream<DynamicTest> everyInventoryReadsAsAnsibleReadsIt() throws Exception {
        // the sources themselves, not their copy in target/, which has lost the scripts' executable bit
        Path dir = Path.of("src/test/resources/ansible-inventories");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                Path expected = dir.resolve(name + ".expected.json");
                Path refused = dir.resolve(name + ".refused");
                if (Files.exists(expected)) {
                    tests.add(DynamicTest.dynamicTest(name, () -> assertEquals(
                            normal(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(expected))),
                            normal(InventoryView.list(load(f))))));
                } else if (Files.exists(refused)) {
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        String why = Files.readString(refused).strip();
                        InventoryException e = assertThrows(InventoryException.class,
                                () -> InventoryLoader.load(f.toString()));
                        String fileLine = why.substring(0, why.indexOf(':', why.indexOf(':') + 1) + 1);
                        assertTrue(e.getMessage().startsWith(f.toString().replace(name, fileLine)),
                                e.getMessage() + "\nexpected it to name " + fileLine + " as Ansible does: " + why);
                    }));
                }
            }
        }
        assertTrue(tests.size() >= 60, "the suite is there: " + tests.size());
        return tests.stream();
    }

    /** The inventory of {@code f}; a NAME.sources file lists the sources of one inventory, one a line. */
    private static Inventory load(Path f) throws Exception {
        if (!f.toString().endsWith(".sources")) {
            return InventoryLoader.load(f.toString());
        }
        List<String> sources = Files.readAllLines(f).stream()
                .map(s -> s.contains(",") ? s : f.resolveSibling(s).toString()).toList();
        return InventoryLoader.load(sources, LoadOptions.defaults());
    }

    /** Numbers compared by kind (whole or not) and value, not by Java class; maps by content. */
    static Object normal(Object o) {
        if (o instanceof Integer || o instanceof Long || o instanceof BigInteger) {
            return new BigInteger(o.toString());
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), normal(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(AnsibleInventoriesTest::normal).toList();
        }
        return o;
    }
}
