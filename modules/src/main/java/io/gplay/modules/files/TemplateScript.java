package io.gplay.modules.files;

import groovy.lang.GString;
import groovy.lang.Script;
import io.gplay.engine.plan.HostScope;

import java.io.PrintWriter;

/**
 * The base of every template's compiled script. Groovy's template engine prints each piece of text with
 * {@code out.print(GString)}, and a GString writes a null as "null": {@code listen ${vars.app_prot}} would put
 * "listen null" into the file. Here {@code out} refuses a text that took in a null, as a per-host value in a
 * playbook does; {@code ${vars.x ?: 80}} and {@code <% if (vars.tls) { %>} stay the ways to say "optional".
 */
public abstract class TemplateScript extends Script {
    /** Set by the module before rendering: the host the template is for, named in the failure. */
    static final String HOST = "__gplay_host";

    @Override
    public void setProperty(String name, Object value) {
        super.setProperty(name, name.equals("out") && value instanceof PrintWriter w
                ? new Out(w, String.valueOf(getBinding().getVariables().get(HOST))) : value);
    }

    /** What the template's code may call on {@code out}: print, println, write and {@code <<}. */
    public static final class Out {
        private final PrintWriter writer;
        private final String host;

        Out(PrintWriter writer, String host) {
            this.writer = writer;
            this.host = host;
        }

        public void print(Object text) {
            if (text instanceof GString g && HostScope.UndefinedVariable.holdsNull(g.getValues())) {
                throw HostScope.UndefinedVariable.inText(g.getStrings(), g.getValues(), host);
            }
            writer.print(text);
        }

        public void println(Object text) {
            print(text);
            writer.println();
        }

        public void println() {
            writer.println();
        }

        public void write(String text) {
            print(text);
        }

        public Out leftShift(Object text) {
            print(text);
            return this;
        }

        public void flush() {
            writer.flush();
        }
    }
}
