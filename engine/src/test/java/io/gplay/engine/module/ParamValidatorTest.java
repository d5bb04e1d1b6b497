package io.gplay.engine.module;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules across parameters: each kind given, broken, deferred to the host, and set off by a default. */
class ParamValidatorTest {
    private static final ModuleSpec SPEC = new ModuleSpec("demo", "a module with every kind of rule")
            .param(Param.optional("content", ParamType.STRING, null, "text"))
            .param(Param.optional("src", ParamType.STRING, null, "a file"))
            .param(Param.choice("state", "present", List.of("present", "absent", "link"), "what to do"))
            .param(Param.optional("target", ParamType.STRING, null, "for link"))
            .param(Param.optional("line", ParamType.STRING, null, "for present"))
            .param(Param.optional("keep", ParamType.BOOL, false, "for present"))
            .param(Param.optional("first", ParamType.BOOL, true, "the first of several"))
            .param(Param.optional("image", ParamType.STRING, null, "for the first, present"))
            .param(Param.optional("source", ParamType.STRING, null, "for present"))
            .param(Param.optional("uuidOf", ParamType.STRING, null, "for present"))
            .oneOf("content", "src")
            .exclusive("content", "src")
            .requiredIf("state", "link", "target")
            .requiredIf(Map.of("first", true, "state", "present"), "image")
            .oneOfIf("state", "absent", "source", "uuidOf")
            .goesWith("keep", true, "state", "present");

    private static List<String> problems(Map<String, Object> params, String... deferred) {
        Map<String, Object> all = new HashMap<>(Map.of("image", "i"));
        all.putAll(params);
        return ParamValidator.problems(SPEC, all, Set.of(deferred));
    }

    @Test
    void oneOfWantsAtLeastOneGivenAndADeferredOneCounts() {
        assertEquals(List.of(), problems(Map.of("content", "x")));
        assertEquals(List.of(), problems(Map.of("src", "f")));
        assertEquals(List.of("demo: give 'content' or 'src'"), problems(Map.of()));
        assertEquals(List.of(), problems(Map.of("content", "closure"), "content"));
    }

    @Test
    void exclusiveWantsAtMostOneGivenAndADeferredOneCounts() {
        assertEquals(List.of("demo: give only one of 'content' and 'src'"), problems(Map.of("content", "x", "src", "f")));
        assertEquals(List.of("demo: give only one of 'content' and 'src'"),
                problems(Map.of("content", "closure", "src", "f"), "content"));
    }

    @Test
    void requiredIfWantsItsParametersWhenTheConditionHolds() {
        assertEquals(List.of(), problems(Map.of("content", "x", "state", "link", "target", "/t")));
        assertEquals(List.of("demo: give 'target' when state is 'link'"), problems(Map.of("content", "x", "state", "link")));
        assertEquals(List.of(), problems(Map.of("content", "x", "state", "link", "target", "closure"), "target"));
        assertEquals(List.of(), problems(Map.of("content", "x", "state", "absent", "source", "s")), "another state");
    }

    @Test
    void aConditionOnAPerHostValueIsCheckedWhenTheTaskRuns() {
        assertEquals(List.of(), problems(Map.of("content", "x", "state", "closure"), "state"));
        ModuleFailure f = assertThrows(ModuleFailure.class,
                () -> ParamValidator.resolve(SPEC, Map.of("content", "x", "state", "link", "image", "i")));
        assertEquals("demo: give 'target' when state is 'link'", f.getMessage());
    }

    @Test
    void aDefaultSetsOffAConditionAndTheMessageSaysSo() {
        Map<String, Object> p = new HashMap<>(Map.of("content", "x"));
        p.put("image", null);
        assertEquals(List.of("demo: give 'image' when state is 'present' (the default) and first is true (the default)"),
                ParamValidator.problems(SPEC, p, Set.of()));
        p.put("first", "no");
        assertEquals(List.of(), ParamValidator.problems(SPEC, p, Set.of()), "a value coerced to its type, then compared");
        p.put("first", "yes");
        assertEquals(List.of("demo: give 'image' when state is 'present' (the default) and first is true"),
                ParamValidator.problems(SPEC, p, Set.of()));
    }

    @Test
    void oneOfIfWantsOneOfItsParametersWhenTheConditionHolds() {
        assertEquals(List.of("demo: give 'source' or 'uuidOf' when state is 'absent'"),
                problems(Map.of("content", "x", "state", "absent")));
        assertEquals(List.of(), problems(Map.of("content", "x", "state", "absent", "uuidOf", "/dev/vdb")));
        assertEquals(List.of(), problems(Map.of("content", "x", "state", "absent", "uuidOf", "closure"), "uuidOf"));
    }

    @Test
    void goesWithWantsTheOtherParametersValueGivenOrByDefault() {
        assertEquals(List.of(), problems(Map.of("content", "x", "keep", true)), "state's default is present");
        assertEquals(List.of("demo: give 'target' when state is 'link'",
                        "demo: parameter 'state' must be 'present' when keep is true, got 'link'"),
                problems(Map.of("content", "x", "keep", true, "state", "link")));
        assertEquals(List.of(), problems(Map.of("content", "x", "keep", false, "state", "link", "target", "/t")));
        assertEquals(List.of(), problems(Map.of("content", "x", "keep", true, "state", "closure"), "state"));
        assertEquals(List.of(), problems(Map.of("content", "x", "keep", "closure", "state", "link", "target", "/t"), "keep"));
    }

    @Test
    void aValueOfTheWrongTypeIsReportedOnceAsSuch() {
        assertEquals(List.of("demo: parameter 'keep' must be a bool, got String maybe"),
                problems(Map.of("content", "x", "keep", "maybe", "state", "link", "target", "/t")));
    }

    @Test
    void eachRuleReadsAsTextForTheDoc() {
        assertEquals(List.of("one of content, src is required", "content, src are mutually exclusive",
                "target is required when state is link", "image is required when state is present and first is true",
                "one of source, uuidOf is required when state is absent", "state must be present when keep is true"),
                SPEC.rules().stream().map(ParamRule::text).toList());
    }

    @Test
    void aRuleNamesOnlyParametersOfItsModule() {
        ModuleSpec s = new ModuleSpec("m", "m").param(Param.optional("a", ParamType.STRING, null, "a"));
        assertThrows(IllegalArgumentException.class, () -> s.oneOf("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> s.requiredIf("nosuch", "x", "a"));
    }
}
