package io.gplay.engine.run;

import io.gplay.engine.plan.Task;

/**
 * {@code --start-at-task}: the tasks before the one of this title (or of this {@code ROLE : TITLE}, as Ansible
 * heads a role's task) are skipped, across plays, until it is reached.
 */
final class StartAt {
    private final String title;
    private boolean reached;

    StartAt(String title) {
        this.title = title;
        this.reached = title == null;
    }

    boolean reached() {
        return reached;
    }

    /** Whether {@code name} names the task: its title, or its heading. */
    static boolean names(Task task, String name) {
        return task.title().equals(name) || task.heading().equals(name);
    }

    /** Whether {@code task} is the one to start at; once it is, every task after it runs. */
    boolean reachedAt(Task task) {
        reached = reached || names(task, title);
        return reached;
    }
}
