package io.gplay.cli;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gplay doc MODULE} shows the rules across parameters that the plan is checked against. */
class DocCommandTest {
    private static String doc(String module) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DocCommand.print(ModuleRegistry.load().find(module).orElseThrow().spec(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aModulesRulesAreShownAfterItsParameters() {
        String copy = doc("copy");
        assertTrue(copy.contains("\nRULES\n  one of content, src is required\n"), copy);
        assertTrue(copy.indexOf("PARAMETERS") < copy.indexOf("RULES"), copy);
        assertTrue(doc("file").contains("\nRULES\n  src is required when state is link\n"));
        assertTrue(doc("fstab").contains("\nRULES\n  one of source, uuidOf is required when state is present\n"
                + "  source, uuidOf are mutually exclusive\n  fstype is required when state is present\n"
                + "  state must be present when mount is true\n"));
        assertFalse(doc("debug").contains("RULES"), "a module without rules has no such section");
    }

    @Test
    void aModulesReturnValuesAreShownFromItsSpec() {
        String command = doc("command");
        assertTrue(command.contains("\nRETURN (what register gives"), command);
        assertTrue(command.contains("\n  stdout_lines (list, returned: when run)\n      stdout split into lines\n      sample: [hello]\n"), command);
        assertTrue(command.indexOf("CHECK MODE") < command.indexOf("RETURN"), command);
    }

    @Test
    void everyModuleDocumentsWhatRegisterGivesWithSamplesOrThatItGivesNothingMore() {
        List<String> lacking = new ArrayList<>();
        for (Module m : ModuleRegistry.load().all().values()) {
            String doc = doc(m.spec().name());
            boolean some = !m.spec().returnValues().isEmpty();
            if (!doc.contains("\nRETURN (what register gives") || (some ? !doc.contains("      sample: ") : !doc.contains("\n  nothing more\n"))) {
                lacking.add(m.spec().name());
            }
        }
        assertEquals(List.of(), lacking, "modules whose gplay doc has no RETURN section, with samples where they register values");
        String copy = doc("copy");
        assertTrue(copy.contains("\n  checksum (string, returned: success)\n"), copy);
        assertTrue(copy.contains("\nNOT TAKEN (Ansible's parameters this module leaves out)\n  remote_src: "), copy);
    }

    @Test
    void aTaskKeywordIsDocumentedAndAnsiblesSpellingFindsIt() {
        String when = run("when");
        assertTrue(when.startsWith("WHEN - when: a closure, or true/false (a task keyword)\n"), when);
        assertTrue(when.contains("an includeTasks' once, when the run reaches it"), when);
        assertTrue(when.contains("\nEXAMPLE\n  command 'reload'"), when);
        String ignore = run("ignore_errors");
        assertTrue(ignore.startsWith("(Ansible's ignore_errors: gplay's ignoreErrors)\nIGNOREERRORS - "), ignore);
        assertTrue(run("includeTasks").contains("asked once"));
    }

    private static String run(String word) {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            DocCommand cmd = new DocCommand();
            cmd.module = word;
            assertTrue(cmd.call() == 0, word);
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
