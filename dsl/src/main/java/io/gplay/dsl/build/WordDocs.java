package io.gplay.dsl.build;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code gplay doc WORD} says of a task keyword ({@code when}, {@code loop}...) or a word of the DSL
 * ({@code block}, {@code includeTasks}...): what it takes, what it does, Ansible's name for it. Ansible's spelling
 * ({@code ignore_errors}, {@code with_items}) finds gplay's word. Every task keyword has its entry
 * ({@code WordDocsSpec} holds {@link TaskKeywords#NAMES} to it).
 */
public final class WordDocs {
    private static final Map<String, String> DOCS = new LinkedHashMap<>();

    static {
        keyword("when", "a closure, or true/false", "when",
                "Asked on each host before the task runs; false skips the task there. In a loop it is asked for each item,"
                        + " item in its scope. A block's, a role's and an importTasks' when is asked before the task's own,"
                        + " again before each task; an includeTasks' once, when the run reaches it.",
                "command 'reload', cmd: 'nginx -s reload', when: { facts.os_family == 'Debian' && vars.reload }");
        keyword("loop", "a list, or a closure that gives one on each host", "loop, with_items and the other with_ loops",
                "Runs the task once per value, the value as item in the task's closures; register gets the results"
                        + " of every item (results). Ansible's loop_control is not taken: item is always the name.",
                "packages 'tools', name: { item }, loop: ['git', 'curl']");
        keyword("register", "a name", "register",
                "Keeps the task's result on each host as a variable of that name for the tasks after it: rc, stdout,"
                        + " changed, failed, msg... (gplay doc MODULE lists what a module registers). The scope's own names"
                        + " (host, vars, facts...) are refused.",
                "command 'version', cmd: 'app --version', register: 'v', readOnly: true\n"
                        + "debug 'it', msg: { v.stdout }");
        keyword("notify", "a handler's title or a topic it listens to, or a list of them", "notify",
                "When the task changes something on a host, the handlers named run there at the end of the play (or at"
                        + " flushHandlers()), once, in the order they are written; a notify naming no handler of its play is"
                        + " refused before the run.",
                "template 'site', src: 'site.j2', dest: '/etc/nginx/site.conf', notify: 'reload nginx'");
        keyword("tags", "a name or a list of names", "tags",
                "--tags runs only the tasks with one of them, --skip-tags leaves them out. A block's, role's or"
                        + " importTasks' tags add to each task's; an includeTasks' select the include alone, as Ansible's.",
                "service 'nginx', state: 'started', tags: ['web']");
        keyword("runOnce", "true/false", "run_once",
                "Runs the task on the first host of the batch only, and gives its result (registered, facts, failure)"
                        + " to every host of the batch.",
                "command 'schema', cmd: 'app migrate', runOnce: true");
        keyword("delegateTo", "a host of the inventory, or a closure that gives one", "delegate_to",
                "Runs the task on that host's connection, with the variables of the host it is for.",
                "command 'drain', cmd: { \"lb drain ${host}\" }, delegateTo: 'lb1'");
        keyword("ignoreErrors", "true/false", "ignore_errors",
                "A failure of the task leaves the host in the play, counted as ignored in the recap.",
                "command 'optional', cmd: 'app --probe', ignoreErrors: true");
        keyword("changedWhen", "a closure over result, or true/false", "changed_when",
                "Says whether the task changed the host, from its result: false for a command that only reads.",
                "command 'status', cmd: 'app status', changedWhen: false");
        keyword("failedWhen", "a closure over result, or true/false", "failed_when",
                "Says whether the task failed, from its result, instead of its exit code.",
                "command 'grep', cmd: 'grep -q x /etc/x', failedWhen: { result.rc > 1 }");
        keyword("until", "a closure over result", "until",
                "Runs the task again, after delay seconds, until the closure holds or retries (3 by default) are used;"
                        + " each retry is said as Ansible says it.",
                "command 'up?', cmd: 'app ping', until: { result.rc == 0 }, retries: 10, delay: 2");
        keyword("retries", "a number", "retries", "How many times until runs the task again (3 when not given).",
                "command 'up?', cmd: 'app ping', until: { result.rc == 0 }, retries: 10");
        keyword("delay", "a number of seconds", "delay", "The wait between until's tries (5 s when not given).",
                "command 'up?', cmd: 'app ping', until: { result.rc == 0 }, delay: 2");
        keyword("become", "true/false", "become",
                "Runs the task through sudo (as the play's becomeUser, root when not given), or not, over the play's"
                        + " become.",
                "packages 'nginx', become: true");
        keyword("noLog", "true/false", "no_log",
                "Hides the task's values and result in every output and report; what it sets (setFact) stays secret"
                        + " for the tasks that read it.",
                "command 'login', cmd: { \"app login ${vars.token}\" }, noLog: true");
        keyword("check", "(refused)", "check_mode",
                "Refused: a check run changes nothing on any host, so no task runs for real in one. A command that only"
                        + " reads runs in check runs too when it says readOnly: true.",
                "command 'version', cmd: 'app --version', readOnly: true");
        keyword("name", "text", "name",
                "The task's title, when not given as the first argument (not both); a module's own name parameter wins.",
                "debug name: 'say hello', msg: 'hello'");
        keyword("listen", "a topic or a list of them (a handler's)", "listen",
                "A handler answers a notify of its title and of each topic it listens to.",
                "handlers {\n    service 'restart web', name: 'nginx', state: 'restarted', listen: 'web config'\n}");
        keyword("anyErrorsFatal", "true/false", "any_errors_fatal",
                "A failure of the task on any host stops the batch (over the play's anyErrorsFatal).",
                "command 'schema', cmd: 'app migrate', anyErrorsFatal: true");
        word("includeTasks", "includeTasks 'FILE', when: ..., loop: ..., tags: ..., name: value...", "include_tasks",
                "Takes in a task file's tasks on each host when the run reaches it: its when and loop are asked once"
                        + " there (item in the closures of the tasks inside), not again before each task. The file is"
                        + " built and checked with the plan, before any host. Its tags select the include alone.",
                "includeTasks 'tasks/legacy.groovy', when: { vars.legacy }");
        word("importTasks", "importTasks 'FILE', when: ..., tags: ..., name: value...", "import_tasks",
                "Takes in a task file's tasks when the plan is made: its when goes on every task inside and is asked"
                        + " before each of them, so a task inside that changes what it reads changes whether the next"
                        + " ones run (includeTasks asks once).",
                "importTasks 'tasks/firewall.groovy', port: 80");
        word("role", "role 'NAME', when: ..., tags: ..., param: value...", "roles:, import_role",
                "Takes in a role's dependencies, tasks and handlers when the plan is made; gplay doc ROLE lists its"
                        + " parameters.",
                "role 'ctdb', sharedDir: '/mnt/lock'");
        word("block", "block('TITLE', when: ..., tags: ..., vars: [...]) { tasks } rescue { tasks } always { tasks }",
                "block", "Tasks that run as Ansible's block: a host that fails one goes to the rescue; always runs on"
                        + " every host that entered. The block's keywords apply to each task inside.",
                "block('config') {\n    command 'check', cmd: 'app --check'\n} rescue {\n    debug 'why', msg: { failedResult.msg }\n}");
        word("rescue", "after a block's closing brace: } rescue { tasks }", "rescue",
                "The tasks a host that failed in the block runs; failedTask and failedResult say what failed.",
                "block { command 'x', cmd: 'false' } rescue { debug 'why', msg: { failedResult.msg } }");
        word("always", "after a block's closing brace (or its rescue's): } always { tasks }", "always",
                "The tasks every host that entered the block runs, whatever happened.",
                "block { command 'x', cmd: 'true' } always { debug 'done', msg: 'done' }");
        word("flushHandlers", "flushHandlers()", "meta: flush_handlers",
                "Runs the handlers notified so far here, not at the end of the play.", "flushHandlers()");
        word("handlers", "handlers { tasks }", "handlers",
                "A play's handlers: tasks that run at the end of the play on the hosts where a task notified them.",
                "handlers {\n    service 'reload nginx', name: 'nginx', state: 'reloaded'\n}");
        word("item", "a name in a loop's closures", "item",
                "The value of the loop (a task's, or an includeTasks') for this run of the task.",
                "debug 'each', msg: { item }, loop: [1, 2]");
    }

    private WordDocs() {
    }

    private static void keyword(String name, String takes, String ansible, String does, String example) {
        word(name, name + ": " + takes + " (a task keyword)", ansible, does, example);
    }

    private static void word(String name, String form, String ansible, String does, String example) {
        DOCS.put(name, name.toUpperCase() + " - " + form + "\n\n" + does + "\n\nAnsible: " + ansible
                + "\n\nEXAMPLE\n  " + example.replace("\n", "\n  ") + "\n");
    }

    /** The words documented, task keywords and the DSL's. */
    public static Set<String> names() {
        return new TreeSet<>(DOCS.keySet());
    }

    /** What {@code gplay doc NAME} prints of a keyword or DSL word, Ansible's spelling of one found too. */
    public static Optional<String> of(String name) {
        if (DOCS.containsKey(name)) {
            return Optional.of(DOCS.get(name));
        }
        String gplay = AnsibleHabits.gplayName(name, DOCS.keySet());
        if (gplay == null && name.matches("with_[a-z_]+")) {
            gplay = "loop";
        }
        if (gplay == null) {
            gplay = switch (name) {
                case "check_mode" -> "check";
                case "include_tasks" -> "includeTasks";
                case "import_tasks" -> "importTasks";
                case "import_role", "include_role" -> "role";
                default -> null;
            };
        }
        return gplay == null ? Optional.empty() : Optional.of("(Ansible's " + name + ": gplay's " + gplay + ")\n"
                + DOCS.get(gplay));
    }
}
