package io.gplay.modules.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A crontab's lines edited as Ansible's cron module edits them (ansible-core 2.14, modules/cron.py: CronTab's
 * find_job, _update_job, add_env, render): a job is the line after its {@code #Ansible: NAME} line; a job line
 * found without that line gets it; a variable is its {@code NAME=} line, a new one going first.
 */
final class CronTable {
    static final String MARK = "#Ansible: ";

    private final List<String> lines;

    CronTable(String text) {
        lines = new ArrayList<>(text.isEmpty() ? List.of() : Arrays.asList(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
    }

    /** The job line under NAME's mark, or null. */
    private int jobAt(String name) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals(MARK + name)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Puts the job under its mark: replaced when it differs, marked when found unmarked, else added at the end. */
    void putJob(String name, String job) {
        int at = jobAt(name);
        if (at >= 0) {
            lines.set(at, job);
            return;
        }
        int bare = lines.indexOf(job);
        if (bare >= 0) {
            if (bare > 0 && lines.get(bare - 1).equals(MARK + "None")) {
                lines.set(bare - 1, MARK + name);  // an unnamed mark takes the name, as in Ansible
            } else {
                lines.add(bare, MARK + name);
            }
            return;
        }
        lines.add(MARK + name);
        lines.add(job);
    }

    /** Removes every job under NAME's mark, with the mark. */
    void removeJob(String name) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals(MARK + name)) {
                lines.remove(i + 1);
                lines.remove(i--);
            }
        }
    }

    boolean hasJob(String name) {
        return jobAt(name) >= 0;
    }

    /** Sets NAME="VALUE": in place of the variable's lines, or first. */
    void putEnv(String name, String decl) {
        if (lines.stream().anyMatch(l -> l.startsWith(name + "="))) {
            lines.replaceAll(l -> l.startsWith(name + "=") ? decl : l);
        } else {
            lines.add(0, decl);
        }
    }

    void removeEnv(String name) {
        lines.removeIf(l -> l.startsWith(name + "="));
    }

    /** The names of the marked jobs, and of the variables, as register gives them. */
    List<String> jobs() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith(MARK)) {
                names.add(lines.get(i).substring(MARK.length()));
            }
        }
        return names;
    }

    List<String> envs() {
        return lines.stream().filter(l -> l.matches("[A-Za-z_][A-Za-z0-9_]*=.*")).map(l -> l.substring(0, l.indexOf('='))).toList();
    }

    boolean isEmpty() {
        return lines.stream().allMatch(String::isBlank);
    }

    String render() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
