package io.gplay.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DSL's own words as an editor shows them: the task keywords, a block's, a play's and a gate's options, and
 * the calls that are no module (play, block, role...), each with the type it takes and what it does. What the DSL
 * accepts is decided in the dsl module's {@code build} package ({@code TaskKeywords.NAMES},
 * {@code BlockOptions.KEYWORDS}, {@code PlayOptions.PLAY_OPTIONS}, {@code GateOptions.NAMES}); {@code IdeFilesTest}
 * holds these lists to them.
 */
final class DslWords {
    /** A named value a call takes: its name, the Java type an editor shows, what it does, whether it must be given. */
    record Word(String name, String type, String doc, boolean required) {
        Word(String name, String type, String doc) {
            this(name, type, doc, false);
        }
    }

    /** A call that is no module: its positional parameters (name to Java type), named ones, what it does. */
    record Call(String name, Map<String, String> params, List<Word> named, String doc) {
    }

    private static final String CLOSURE = "groovy.lang.Closure";
    private static final String STRING = "java.lang.String";
    private static final String BOOL = "java.lang.Boolean";
    private static final String OBJECT = "java.lang.Object";

    /** What every module call takes beside the module's parameters. {@code check} is left out: it is refused. */
    static final List<Word> TASK_KEYWORDS = List.of(
            new Word("when", OBJECT, "run the task only where this is true: a closure asked on each host (on each item in a loop), or true/false"),
            new Word("loop", OBJECT, "run the task once for each item of this list, or of the list a closure computes on each host; the item is `item`"),
            new Word("register", STRING, "keep the task's result on each host under this name, for the closures of later tasks ({ name.rc == 0 })"),
            new Word("notify", OBJECT, "the handler (a title or a listen topic), or list of them, run at the end of the play where the task changed the host"),
            new Word("tags", OBJECT, "a tag or list of tags, for --tags and --skip-tags"),
            new Word("runOnce", BOOL, "run on the first host of the batch only and give its result to every host of the batch"),
            new Word("delegateTo", OBJECT, "run the task on this inventory host instead, for each host (a name, or a closure computing one)"),
            new Word("ignoreErrors", BOOL, "a failure does not fail the host: it goes on, counted ignored"),
            new Word("changedWhen", OBJECT, "a closure over `result` saying whether the task changed the host, or true/false"),
            new Word("failedWhen", OBJECT, "a closure over `result` saying whether the task failed, or true/false"),
            new Word("retries", "java.lang.Integer", "how many times to run the task again while `until` is not met (3 with until)"),
            new Word("until", OBJECT, "a closure over `result`: the task runs again, every `delay` seconds, until it is true"),
            new Word("delay", "java.lang.Number", "seconds between the runs of an `until` task (5)"),
            new Word("become", BOOL, "run through sudo (true) or as the login user (false), over the play's become"),
            new Word("noLog", BOOL, "show nothing of the task's values and output, only its status"),
            new Word("name", STRING, "the task's title, where the first argument does not give it"),
            new Word("listen", OBJECT, "of a handler: a topic or list of topics a notify can name instead of its title"),
            new Word("anyErrorsFatal", BOOL, "a failure of this task on one host stops the play on every host"));

    /** What a block takes: keywords its tasks take from it, and its tasks' variables. */
    static final List<Word> BLOCK_KEYWORDS = List.of(
            new Word("when", OBJECT, "asked before each task's own: a closure asked on each host, or true/false"),
            new Word("tags", OBJECT, "added to each task's tags"),
            new Word("notify", OBJECT, "added to each task's handlers to notify"),
            new Word("become", BOOL, "each task's become, where it says none"),
            new Word("ignoreErrors", BOOL, "each task's ignoreErrors, where it says none"),
            new Word("delegateTo", OBJECT, "each task's delegateTo, where it says none"),
            new Word("runOnce", BOOL, "each task's runOnce, where it says none"),
            new Word("noLog", BOOL, "each task's noLog, where it says none"),
            new Word("anyErrorsFatal", BOOL, "each task's anyErrorsFatal, where it says none"),
            new Word("vars", "java.util.Map", "variables of the block's tasks, their rescue and always included"),
            new Word("name", STRING, "the block's title, where the first argument does not give it"));

    /** What {@code play(...)} takes. */
    static final List<Word> PLAY_OPTIONS = List.of(
            new Word("hosts", STRING, "the hosts to run on: a host pattern (group, host, web*, a:&b, a:!b)"),
            new Word("vars", "java.util.Map", "the play's variables"),
            new Word("varsFiles", OBJECT, "YAML files of variables (a vault file too), relative to the playbook"),
            new Word("serial", OBJECT, "hosts a batch: a number, a percentage ('30%') or a list of them ([1, '30%', '100%'])"),
            new Word("maxFailPercentage", "java.lang.Number", "stop the play when more than this percentage of a batch's hosts failed (0 to 100)"),
            new Word("anyErrorsFatal", BOOL, "a failure on one host stops the play on every host"),
            new Word("become", BOOL, "run every task through sudo"),
            new Word("becomeUser", STRING, "the user sudo runs as (root)"),
            new Word("gatherFacts", BOOL, "gather facts (the setup module) before the tasks (true)"),
            new Word("tags", OBJECT, "tags every task of the play has"),
            new Word("name", STRING, "the play's name, where the first argument does not give it"));

    /** What {@code gate(...)} takes. */
    static final List<Word> GATE_OPTIONS = List.of(
            new Word("before", BOOL, "ask the gate before each batch starts (true)"),
            new Word("after", BOOL, "ask the gate after each batch ends (true)"),
            new Word("timeout", "java.lang.Integer", "seconds to wait for the checks to pass, at most (300; 1 to 86400)"),
            new Word("delay", "java.lang.Integer", "seconds between two askings (10)"));

    /** The calls of the DSL that are no module, with their positional parameters and named values. */
    static final List<Call> CALLS = List.of(
            new Call("playbook", params("name", STRING, "body", CLOSURE), List.of(),
                    "the playbook: its plays, and the variables it requires; one a file"),
            new Call("play", params("name", STRING, "body", CLOSURE), PLAY_OPTIONS,
                    "a play: its tasks run on the hosts of `hosts`, then its handlers"),
            new Call("requires", params("vars", "java.util.Map"), List.of(),
                    "variables the playbook needs, each with what it is for: checked on every host before any task"),
            new Call("handlers", params("body", CLOSURE), List.of(),
                    "the play's handlers: tasks run at the end of the play where a change notified them"),
            new Call("gate", params("title", STRING, "checks", CLOSURE), GATE_OPTIONS,
                    "a health gate: read-only checks that must pass on every host of a batch before it starts and after it ends"),
            new Call("block", params("title", STRING, "body", CLOSURE), BLOCK_KEYWORDS,
                    "tasks together: their keywords from the block; follow with rescue { } and always { }"),
            new Call("rescue", params("body", CLOSURE), List.of(),
                    "after a block: tasks run on a host that failed a task of the block"),
            new Call("always", params("body", CLOSURE), List.of(),
                    "after a block: tasks run on every host that entered the block, whatever happened"),
            new Call("importTasks", params("path", STRING), List.of(TASK_KEYWORDS.get(0), TASK_KEYWORDS.get(4)),
                    "takes in the tasks of a task file, relative to this file; other named values are its variables"),
            new Call("flushHandlers", Map.of(), List.of(), "runs the handlers notified so far, here"),
            new Call("quote", params("value", OBJECT), List.of(), "the value quoted for a shell command line"));

    private DslWords() {
    }

    private static Map<String, String> params(String... nameThenType) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            out.put(nameThenType[i], nameThenType[i + 1]);
        }
        return out;
    }
}
