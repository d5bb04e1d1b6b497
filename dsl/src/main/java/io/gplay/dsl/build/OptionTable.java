package io.gplay.dsl.build;

import java.util.List;

import static io.gplay.dsl.build.DslWord.BOOL;
import static io.gplay.dsl.build.DslWord.MAP;
import static io.gplay.dsl.build.DslWord.OBJECT;
import static io.gplay.dsl.build.DslWord.STRING;
import static io.gplay.dsl.build.DslWord.option;

/**
 * The options of {@code play(...)}, {@code block(...)} and {@code gate(...)}, as the editors show them and
 * {@code gplay doc} lists them under their call; {@code WordDocsSpec} holds them to {@link PlayOptions#PLAY_OPTIONS},
 * {@link BlockOptions#KEYWORDS} and {@link GateOptions#NAMES}.
 */
public final class OptionTable {
    /** What {@code play(...)} takes. */
    public static final List<DslWord> PLAY = List.of(
            option("hosts", STRING, "the hosts to run on: a host pattern (group, host, web*, a:&b, a:!b)"),
            option("vars", MAP, "the play's variables"),
            option("varsFiles", OBJECT, "YAML files of variables (a vault file too), relative to the playbook"),
            option("serial", OBJECT, "hosts a batch: a number, a percentage ('30%') or a list of them ([1, '30%', '100%'])"),
            option("maxFailPercentage", "java.lang.Number", "stop the play when more than this percentage of a batch's hosts failed (0 to 100)"),
            option("anyErrorsFatal", BOOL, "a failure on one host stops the play on every host"),
            option("become", BOOL, "run every task through sudo"),
            option("becomeUser", STRING, "the user sudo runs as (root)"),
            option("gatherFacts", BOOL, "gather facts (the setup module) before the tasks (true)"),
            option("tags", OBJECT, "tags every task of the play has"),
            option("name", STRING, "the play's name, where the first argument does not give it"));

    /** What a block takes: keywords its tasks take from it, and its tasks' variables. */
    public static final List<DslWord> BLOCK = List.of(
            option("when", OBJECT, "asked before each task's own: a closure asked on each host, or true/false"),
            option("tags", OBJECT, "added to each task's tags"),
            option("notify", OBJECT, "added to each task's handlers to notify"),
            option("become", BOOL, "each task's become, where it says none"),
            option("ignoreErrors", BOOL, "each task's ignoreErrors, where it says none"),
            option("delegateTo", OBJECT, "each task's delegateTo, where it says none"),
            option("runOnce", BOOL, "each task's runOnce, where it says none"),
            option("noLog", BOOL, "each task's noLog, where it says none"),
            option("anyErrorsFatal", BOOL, "each task's anyErrorsFatal, where it says none"),
            option("vars", MAP, "variables of the block's tasks, their rescue and always included"),
            option("name", STRING, "the block's title, where the first argument does not give it"));

    /** What {@code gate(...)} takes. */
    public static final List<DslWord> GATE = List.of(
            option("before", BOOL, "ask the gate before each batch starts (true)"),
            option("after", BOOL, "ask the gate after each batch ends (true)"),
            option("timeout", "java.lang.Integer", "seconds to wait for the checks to pass, at most (300; 1 to 86400)"),
            option("delay", "java.lang.Integer", "seconds between two askings (10)"));

    private OptionTable() {
    }
}
