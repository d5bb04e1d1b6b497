package io.gplay.dsl.build;

import java.util.List;

import static io.gplay.dsl.build.DslWord.BOOL;
import static io.gplay.dsl.build.DslWord.OBJECT;
import static io.gplay.dsl.build.DslWord.STRING;
import static io.gplay.dsl.build.DslWord.keyword;

/**
 * The task keywords, what every module call takes beside the module's parameters, for the editors and for
 * {@code gplay doc}; {@code WordDocsSpec} holds them to {@link TaskKeywords#NAMES}.
 */
public final class TaskKeywordTable {
    public static final DslWord WHEN = keyword("when", OBJECT,
            "run the task only where this is true: a closure asked on each host (on each item in a loop), or true/false",
            "a closure, or true/false",
            "Asked on each host before the task runs; false skips the task there. In a loop it is asked for each item,"
                    + " item in its scope. A block's, a role's and an importTasks' when is asked before the task's own,"
                    + " again before each task; an includeTasks' once, when the run reaches it.", List.of("when"),
            "command 'reload', cmd: 'nginx -s reload', when: { facts.osFamily == 'Debian' && vars.reload }");
    public static final DslWord LOOP = keyword("loop", OBJECT,
            "run the task once for each item of this list, or of the list a closure computes on each host; the item is `item`",
            "a list, or a closure that gives one on each host",
            "Runs the task once per value, the value as item in the task's closures; register gets the results"
                    + " of every item (results). Ansible's loop_control is not taken: item is always the name.",
            List.of("loop", "with_items", "with_*"), "packages 'tools', name: { item }, loop: ['git', 'curl']");
    public static final DslWord TAGS = keyword("tags", OBJECT, "a tag or list of tags, for --tags and --skip-tags",
            "a name or a list of names",
            "--tags runs only the tasks with one of them, --skip-tags leaves them out. A block's, role's or"
                    + " importTasks' tags add to each task's; an includeTasks' select the include alone, as Ansible's.",
            List.of("tags"), "service 'nginx', state: 'started', tags: ['web']");

    /** What an editor offers, in its order. {@code check} is left out: it is refused. */
    public static final List<DslWord> OFFERED = List.of(WHEN, LOOP,
            keyword("register", STRING,
                    "keep the task's result on each host under this name, for the closures of later tasks ({ name.rc == 0 })",
                    "a name",
                    "Keeps the task's result on each host as a variable of that name for the tasks after it: rc, stdout,"
                            + " changed, failed, msg... (gplay doc MODULE lists what a module registers). The scope's own"
                            + " names (host, vars, facts...) are refused.", List.of("register"),
                    "command 'version', cmd: 'app --version', register: 'v', readOnly: true\ndebug 'it', msg: { v.stdout }"),
            keyword("notify", OBJECT,
                    "the handler (a title or a listen topic), or list of them, run at the end of the play where the task changed the host",
                    "a handler's title or a topic it listens to, or a list of them",
                    "When the task changes something on a host, the handlers named run there at the end of the play (or"
                            + " at flushHandlers()), once, in the order they are written; a notify naming no handler of its"
                            + " play is refused before the run.", List.of("notify"),
                    "template 'site', src: 'site.j2', dest: '/etc/nginx/site.conf', notify: 'reload nginx'"),
            TAGS,
            keyword("runOnce", BOOL, "run on the first host of the batch only and give its result to every host of the batch",
                    "true/false", "Runs the task on the first host of the batch only, and gives its result (registered,"
                            + " facts, failure) to every host of the batch.", List.of("run_once"),
                    "command 'schema', cmd: 'app migrate', runOnce: true"),
            keyword("delegateTo", OBJECT,
                    "run the task on this inventory host instead, for each host (a name, or a closure computing one)",
                    "a host of the inventory, or a closure that gives one",
                    "Runs the task on that host's connection, with the variables of the host it is for.",
                    List.of("delegate_to"), "command 'drain', cmd: { \"lb drain ${host}\" }, delegateTo: 'lb1'"),
            keyword("ignoreErrors", BOOL, "a failure does not fail the host: it goes on, counted ignored", "true/false",
                    "A failure of the task leaves the host in the play, counted as ignored in the recap.",
                    List.of("ignore_errors"), "command 'optional', cmd: 'app --probe', ignoreErrors: true"),
            keyword("changedWhen", OBJECT, "a closure over `result` saying whether the task changed the host, or true/false",
                    "a closure over result, or true/false",
                    "Says whether the task changed the host, from its result: false for a command that only reads.",
                    List.of("changed_when"), "command 'status', cmd: 'app status', changedWhen: false"),
            keyword("failedWhen", OBJECT, "a closure over `result` saying whether the task failed, or true/false",
                    "a closure over result, or true/false",
                    "Says whether the task failed, from its result, instead of its exit code.", List.of("failed_when"),
                    "command 'grep', cmd: 'grep -q x /etc/x', failedWhen: { result.rc > 1 }"),
            keyword("retries", "java.lang.Integer", "how many times to run the task again while `until` is not met (3 with until)",
                    "a number", "How many times until runs the task again (3 when not given).", List.of("retries"),
                    "command 'up?', cmd: 'app ping', until: { result.rc == 0 }, retries: 10"),
            keyword("until", OBJECT, "a closure over `result`: the task runs again, every `delay` seconds, until it is true",
                    "a closure over result",
                    "Runs the task again, after delay seconds, until the closure holds or retries (3 by default) are"
                            + " used; each retry is said as Ansible says it.", List.of("until"),
                    "command 'up?', cmd: 'app ping', until: { result.rc == 0 }, retries: 10, delay: 2"),
            keyword("delay", "java.lang.Number", "seconds between the runs of an `until` task (5)", "a number of seconds",
                    "The wait between until's tries (5 s when not given).", List.of("delay"),
                    "command 'up?', cmd: 'app ping', until: { result.rc == 0 }, delay: 2"),
            keyword("become", BOOL, "run through sudo (true) or as the login user (false), over the play's become",
                    "true/false", "Runs the task through sudo (as the play's becomeUser, root when not given), or not,"
                            + " over the play's become.", List.of("become"), "packages 'nginx', become: true"),
            keyword("noLog", BOOL, "show nothing of the task's values and output, only its status", "true/false",
                    "Hides the task's values and result in every output and report; what it sets (setFact) stays"
                            + " secret for the tasks that read it.", List.of("no_log"),
                    "command 'login', cmd: { \"app login ${vars.token}\" }, noLog: true"),
            keyword("name", STRING, "the task's title, where the first argument does not give it", "text",
                    "The task's title, when not given as the first argument (not both); a module's own name parameter"
                            + " wins.", List.of("name"), "debug name: 'say hello', msg: 'hello'"),
            keyword("listen", OBJECT, "of a handler: a topic or list of topics a notify can name instead of its title",
                    "a topic or a list of them (a handler's)",
                    "A handler answers a notify of its title and of each topic it listens to.", List.of("listen"),
                    "handlers {\n    service 'restart web', name: 'nginx', state: 'restarted', listen: 'web config'\n}"),
            keyword("anyErrorsFatal", BOOL, "a failure of this task on one host stops the play on every host", "true/false",
                    "A failure of the task on any host stops the batch (over the play's anyErrorsFatal).",
                    List.of("any_errors_fatal"), "command 'schema', cmd: 'app migrate', anyErrorsFatal: true"));

    /** Accepted only to be refused with its reason: documented, offered to no editor. */
    public static final DslWord CHECK = keyword("check", BOOL, "refused: a check run changes nothing", "(refused)",
            "Refused: a check run changes nothing on any host, so no task runs for real in one. A command that only"
                    + " reads runs in check runs too when it says readOnly: true.", List.of("check_mode"),
            "command 'version', cmd: 'app --version', readOnly: true");

    /** No keyword but the name a loop's value has in the task's closures. */
    public static final DslWord ITEM = keyword("item", OBJECT, "the value of the loop for this run of the task",
            "a name in a loop's closures", "The value of the loop (a task's, or an includeTasks') for this run of the task.",
            List.of("item"), "debug 'each', msg: { item }, loop: [1, 2]");

    private TaskKeywordTable() {
    }
}
