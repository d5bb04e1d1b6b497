package io.gplay.dsl.build;

import io.gplay.dsl.build.DslWord.Doc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.gplay.dsl.build.DslWord.CLOSURE;
import static io.gplay.dsl.build.DslWord.MAP;
import static io.gplay.dsl.build.DslWord.OBJECT;
import static io.gplay.dsl.build.DslWord.STRING;
import static io.gplay.dsl.build.TaskKeywordTable.LOOP;
import static io.gplay.dsl.build.TaskKeywordTable.TAGS;
import static io.gplay.dsl.build.TaskKeywordTable.WHEN;

/** The calls of the DSL that are no module, for the editors and for {@code gplay doc}. */
public final class CallTable {
    /** {@code role 'NAME'}: an editor declares it once a role, with the role's own parameters beside these. */
    public static final DslCall ROLE = new DslCall("role", params("name", STRING), List.of(WHEN, TAGS),
            "takes in a role: its dependencies, tasks and handlers", new Doc("role 'NAME', when: ..., tags: ..., param: value...",
            "Takes in a role's dependencies, tasks and handlers when the plan is made; gplay doc ROLE lists its parameters.",
            List.of("roles", "import_role", "include_role"), "role 'ctdb', sharedDir: '/mnt/lock'"));

    /** Every call, {@link #ROLE} last. */
    public static final List<DslCall> ALL = List.of(
            new DslCall("playbook", params("name", STRING, "body", CLOSURE), List.of(),
                    "the playbook: its plays, and the variables it requires; one a file",
                    new Doc("playbook('NAME') { requires ...; play(...) { tasks } }",
                            "The playbook: the variables it requires, then its plays, run one after the other; one a file.",
                            List.of(), "playbook('site') {\n    play('web', hosts: 'web') {\n        packages 'nginx', name: 'nginx'\n    }\n}")),
            new DslCall("play", params("name", STRING, "body", CLOSURE), OptionTable.PLAY,
                    "a play: its tasks run on the hosts of `hosts`, then its handlers",
                    new Doc("play('NAME', hosts: ..., serial: ..., become: ...) { tasks, gates, handlers }",
                            "A play: its tasks run on the hosts of hosts, a batch at a time when serial is given, then its"
                                    + " handlers where tasks notified them.",
                            List.of(), "play('web', hosts: 'web', serial: '30%', become: true) {\n"
                                    + "    service 'nginx', state: 'started'\n}")),
            new DslCall("requires", params("vars", MAP), List.of(),
                    "variables the playbook needs, each with what it is for: checked on every host before any task",
                    new Doc("requires NAME: 'what it is for', ...",
                            "Variables the playbook needs: each is looked for on every targeted host before any connection,"
                                    + " and a missing one stops the run, saying what it is for.",
                            List.of(), "requires virtual_ip: 'the CTDB virtual address, e.g. 10.0.0.200/24'")),
            new DslCall("handlers", params("body", CLOSURE), List.of(),
                    "the play's handlers: tasks run at the end of the play where a change notified them",
                    new Doc("handlers { tasks }",
                            "A play's handlers: tasks that run at the end of the play on the hosts where a task notified them.",
                            List.of("handlers"), "handlers {\n    service 'reload nginx', name: 'nginx', state: 'reloaded'\n}")),
            new DslCall("gate", params("title", STRING, "checks", CLOSURE), OptionTable.GATE,
                    "a health gate: read-only checks that must pass on every host of a batch before it starts and after it ends",
                    new Doc("gate('TITLE', before: ..., after: ..., timeout: ..., delay: ...) { checks }",
                            "A health gate of the play: its checks, tasks run in check mode, must pass on every host of a"
                                    + " batch before it starts and after it ends, asked again every delay seconds until they"
                                    + " do; one that does not pass within timeout stops the playbook.",
                            List.of(), "gate('the cluster is healthy', timeout: 600, delay: 10) {\n"
                                    + "    ctdbStatus 'every CTDB node OK', failedWhen: { !result.healthy }\n}")),
            new DslCall("block", params("title", STRING, "body", CLOSURE), OptionTable.BLOCK,
                    "tasks together: their keywords from the block; follow with rescue { } and always { }",
                    new Doc("block('TITLE', when: ..., tags: ..., vars: [...]) { tasks } rescue { tasks } always { tasks }",
                            "Tasks that run as Ansible's block: a host that fails one goes to the rescue; always runs on"
                                    + " every host that entered. The block's keywords apply to each task inside.",
                            List.of("block"), "block('config') {\n    command 'check', cmd: 'app --check'\n} rescue {\n"
                                    + "    debug 'why', msg: { failedResult.msg }\n}")),
            new DslCall("rescue", params("body", CLOSURE), List.of(),
                    "after a block: tasks run on a host that failed a task of the block",
                    new Doc("after a block's closing brace: } rescue { tasks }",
                            "The tasks a host that failed in the block runs; failedTask and failedResult say what failed.",
                            List.of("rescue"), "block { command 'x', cmd: 'false' } rescue { debug 'why', msg: { failedResult.msg } }")),
            new DslCall("always", params("body", CLOSURE), List.of(),
                    "after a block: tasks run on every host that entered the block, whatever happened",
                    new Doc("after a block's closing brace (or its rescue's): } always { tasks }",
                            "The tasks every host that entered the block runs, whatever happened.",
                            List.of("always"), "block { command 'x', cmd: 'true' } always { debug 'done', msg: 'done' }")),
            new DslCall("importTasks", params("path", STRING), List.of(WHEN, TAGS),
                    "takes in the tasks of a task file, relative to this file; other named values are its variables",
                    new Doc("importTasks 'FILE', when: ..., tags: ..., name: value...",
                            "Takes in a task file's tasks when the plan is made: its when goes on every task inside and is"
                                    + " asked before each of them, so a task inside that changes what it reads changes whether"
                                    + " the next ones run (includeTasks asks once).",
                            List.of("import_tasks"), "importTasks 'tasks/firewall.groovy', port: 80")),
            new DslCall("includeTasks", params("path", STRING), List.of(WHEN, LOOP, TAGS),
                    "takes in the tasks of a task file when the run reaches it, its when and loop asked once there;"
                            + " other named values are its variables",
                    new Doc("includeTasks 'FILE' (or { \"${facts.osFamily}.groovy\" }), when: ..., loop: ..., tags: ...,"
                            + " name: value...",
                            "Takes in a task file's tasks on each host when the run reaches it: its when and loop are asked"
                                    + " once there (item in the closures of the tasks inside), not again before each task."
                                    + " The file is built and checked with the plan, before any host. Its tags select the"
                                    + " include alone. A closure names the file per host; every file it can pick (the .groovy"
                                    + " files of the folder its text starts in, beginning and ending as it does; for other"
                                    + " code, those beside) is checked with the plan, and a host whose name picks none fails.",
                            List.of("include_tasks"), "includeTasks 'tasks/legacy.groovy', when: { vars.legacy }")),
            new DslCall("flushHandlers", Map.of(), List.of(), "runs the handlers notified so far, here",
                    new Doc("flushHandlers()", "Runs the handlers notified so far here, not at the end of the play.",
                            List.of("meta: flush_handlers"), "flushHandlers()")),
            new DslCall("quote", params("value", OBJECT), List.of(), "the value quoted for a shell command line",
                    new Doc("quote(VALUE)", "The value quoted for a shell command line, as one word: for the per-host"
                            + " values a command's text takes in.", List.of("quote"),
                            "command 'greet', cmd: { \"echo ${quote(vars.greeting)}\" }")),
            ROLE);

    private CallTable() {
    }

    /** Positional parameters in their order: name, type, name, type... */
    private static Map<String, String> params(String... nameThenType) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            out.put(nameThenType[i], nameThenType[i + 1]);
        }
        return out;
    }
}
