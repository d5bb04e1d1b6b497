package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;

/** Puts Ansible's filters and tests, and Python's truth in {@code if}, into a Jinjava; they replace Jinjava's own. */
final class Library {
    private Library() {
    }

    static Jinjava install(Jinjava jinjava) {
        // Jinjava would read an included template from its classpath: include, import and extends are refused
        jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new java.io.IOException("'" + name + "': gplay's Jinja2 templates cannot include, import or "
                    + "extend another template; put what it holds in this one");
        });
        jinjava.getGlobalContext().registerTag(new PyIfTag());
        jinjava.getGlobalContext().registerFilter(new LoopIf());
        for (Filter f : TextFilters.all()) {
            jinjava.getGlobalContext().registerFilter(f);
        }
        for (Filter f : DataFilters.all()) {
            jinjava.getGlobalContext().registerFilter(f);
        }
        for (Filter f : Serialize.all()) {
            jinjava.getGlobalContext().registerFilter(f);
        }
        for (ExpTest t : AnsibleTests.all()) {
            jinjava.getGlobalContext().registerExpTest(t);
        }
        return jinjava;
    }
}
