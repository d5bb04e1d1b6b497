package io.gplay.dsl.build;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.gplay.engine.plan.Playbook;

/** The base class of every playbook script: {@code playbook('name') { play(...) { ... } }}. */
public abstract class PlaybookScript extends DslScript {
    public static final String ONE_PLAYBOOK = "a file holds one playbook { } block";
    public static final String NO_PLAYBOOK = "no playbook('name') { ... } block";

    private Playbook playbook;

    public void playbook(String name,
                         @DelegatesTo(value = PlaybookBuilder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        BuildContext ctx = context();
        if (playbook != null) {
            ctx.problem(ctx.here(), ONE_PLAYBOOK);
            return;
        }
        PlaybookBuilder b = new PlaybookBuilder(ctx);
        body.setDelegate(b);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        body.call();
        playbook = b.build(name);
    }

    public void playbook(Closure<?> body) {
        playbook(context().displayName(), body);
    }

    Playbook built() {
        return playbook;
    }
}
