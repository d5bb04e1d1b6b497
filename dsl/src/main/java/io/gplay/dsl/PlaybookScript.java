package io.gplay.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import io.gplay.engine.plan.Playbook;

/** The base class of every playbook script: {@code playbook('name') { play(...) { ... } }}. */
public abstract class PlaybookScript extends Script {
    private BuildContext ctx;
    private Playbook playbook;

    void init(BuildContext ctx) {
        this.ctx = ctx;
    }

    public void playbook(String name,
                         @DelegatesTo(value = PlaybookBuilder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        if (playbook != null) {
            ctx.problem(ctx.here(), "a file holds one playbook { } block");
            return;
        }
        PlaybookBuilder b = new PlaybookBuilder(ctx);
        body.setDelegate(b);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        body.call();
        playbook = b.build(name);
    }

    public void playbook(Closure<?> body) {
        playbook(ctx.displayName, body);
    }

    /** Quotes a value for a shell command line. */
    public String quote(Object value) {
        return TaskCollector.quote(value);
    }

    Playbook built() {
        return playbook;
    }
}
