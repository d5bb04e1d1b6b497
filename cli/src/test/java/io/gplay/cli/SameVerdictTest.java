package io.gplay.cli;

import io.gplay.dsl.DslException;
import io.gplay.dsl.PlaybookLoader;
import io.gplay.dsl.build.TaskCollector;
import io.gplay.engine.module.ModuleRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A module call gets the same verdict from {@code gplay exec} ({@code -m} and {@code -a}, parsed by ExecCommand
 * and made a task by the rule a playbook's calls go through) as written in a playbook and built into its plan:
 * the same problems, or none. ConsoleTest puts the same calls to the console.
 */
class SameVerdictTest {
    static final ModuleRegistry MODULES = ModuleRegistry.load();

    @TempDir
    Path dir;

    /** {@code -m}, {@code -a}, and the same call in the DSL. */
    static Stream<List<String>> calls() {
        return Stream.of(
                List.of("file", "path=/tmp/x state=directory", "file path: '/tmp/x', state: 'directory'"),
                List.of("file", "path=/tmp/x state=dir", "file path: '/tmp/x', state: 'dir'"),
                List.of("file", "path=tmp/x", "file path: 'tmp/x'"),
                List.of("file", "path=/tmp/x stat=absent", "file path: '/tmp/x', stat: 'absent'"),
                List.of("file", "path=/tmp/x state=link", "file path: '/tmp/x', state: 'link'"),
                List.of("file", "path=/tmp/x force=maybe", "file path: '/tmp/x', force: 'maybe'"),
                List.of("command", "uptime", "command 'uptime'"),
                List.of("command", "chdir=/tmp", "command chdir: '/tmp'"),
                List.of("command", "cmd=ls when=x", "command cmd: 'ls', when: 'x'"),
                List.of("command", "cmd=ls check=false", "command cmd: 'ls', check: 'false'"),
                List.of("command", "cmd=ls register=vars", "command cmd: 'ls', register: 'vars'"),
                List.of("command", "cmd=ls retries=many", "command cmd: 'ls', retries: 'many'"),
                List.of("copy", "content=x dest=/tmp/y", "copy content: 'x', dest: '/tmp/y'"),
                List.of("copy", "dest=/tmp/y", "copy dest: '/tmp/y'"),
                List.of("copy", "src=no-such-file dest=/tmp/y", "copy src: 'no-such-file', dest: '/tmp/y'"),
                List.of("copy", "src=/etc/passwd dest=/tmp/y", "copy src: '/etc/passwd', dest: '/tmp/y'"),
                List.of("service", "name=x state=begun", "service name: 'x', state: 'begun'"),
                List.of("service", "name=x", "service name: 'x'"),
                List.of("glusterPeer", "peers=a,b wait=ten", "glusterPeer peers: ['a', 'b'], wait: 'ten'"),
                List.of("packages", "nginx", "packages 'nginx'"),
                List.of("setFact", "port=80", "setFact port: '80'"),
                List.of("debug", "{\"msg\": [1, 2]}", "debug msg: [1, 2]"),
                List.of("debug", "msg=hi name=greet", "debug msg: 'hi', name: 'greet'"),
                List.of("lineinfile", "path=/etc/x regexp=(", "lineinfile path: '/etc/x', regexp: '('"),
                List.of("iptables", "{\"content\": \"x\", \"rules\": [\"y\"]}", "iptables content: 'x', rules: ['y']"),
                List.of("setup", "", "setup()"));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void execSaysWhatThePlanSays(List<String> call) {
        assertEquals(plan(call.get(2), dir), exec(call.get(0), call.get(1)), call.toString());
    }

    @Test
    void aFreeFormValueForAModuleWithoutAMainParameterIsRefusedNotDropped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecCommand.parse("hello", "setup", MODULES));
        assertEquals("-a hello: setup has no main parameter to take a free-form value; give its parameters as k=v words",
                e.getMessage());
    }

    /** What {@code gplay exec -m MODULE -a ARGS} says before it connects: 'ok', or its problems without their place. */
    static String exec(String module, String args) {
        try {
            TaskCollector.standalone(MODULES, "gplay exec").task(module, null, ExecCommand.parse(args, module, MODULES));
            return "ok";
        } catch (DslException e) {
            return verdict(e.problems());
        }
    }

    /**
     * What building the plan of a play holding the call says: 'ok', or its problems without their place. The
     * playbook is given as text, so its local files are looked for in the current folder, as exec's and the
     * console's are.
     */
    static String plan(String call, Path dir) {
        try {
            new PlaybookLoader(MODULES, dir.resolve("cache")).load("p.groovy", "p.groovy",
                    "playbook('p') {\n  play('p', hosts: 'all') {\n    " + call + "\n  }\n}\n");
            return "ok";
        } catch (DslException e) {
            return verdict(e.problems());
        }
    }

    static String verdict(List<String> problems) {
        return String.join("\n", problems.stream().map(SameVerdictTest::withoutPlace).sorted().toList());
    }

    /** A problem without the {@code FILE:LINE: } (or {@code gplay exec: }, {@code console: }) it starts with. */
    static String withoutPlace(String problem) {
        return problem.replaceFirst("^(p\\.groovy:\\d+|gplay exec|console): ", "");
    }
}
