package io.gplay.engine.run;

import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.Include;
import io.gplay.engine.module.ModuleFailure;

import java.nio.file.Path;

/**
 * One taking-in of an include's file on a host: the loop item it is for ({@link TaskOnHost#NO_LOOP} without a
 * loop) and the file, one of the include's {@link Include#files}: its literal name, or the name computed on the
 * host (with the item in scope), which must be one of the files built with the plan.
 */
record IncludePick(Object item, String file) {
    /** The file the include takes in on the host for this item; a name that picks none fails the host. */
    static IncludePick of(Include include, Object item, HostScope scope) {
        Object name = include.header().params().get("file");
        if (!(name instanceof Deferred d)) {
            return new IncludePick(item, (String) name);
        }
        Object v = d.resolve(item == TaskOnHost.NO_LOOP ? scope : scope.withItem(item));
        String picked = v == null ? null : Path.of(v.toString()).normalize().toString();
        if (picked == null || !include.files().containsKey(picked)) {
            throw new ModuleFailure(missing(include, v == null ? null : v.toString()));
        }
        return new IncludePick(item, picked);
    }

    /** Why a computed name takes nothing in: what it computed, where it was looked for, and what is there. */
    private static String missing(Include include, String name) {
        String from = include.source().file();
        String what = name == null ? "a file name computed null"
                : Path.of(name).isAbsolute() || Path.of(name).normalize().startsWith("..")
                ? "'" + name + "' is outside the folder of " + from + ", and gplay reads no task file outside it"
                : "no task file '" + name + "' for this host";
        return "includeTasks: " + what + "; the files this include can pick (" + include.header().params().get("picks")
                + ", checked with the plan): " + String.join(", ", include.files().keySet());
    }
}
