package io.gplay.modules.files;

import groovy.lang.GroovyShell;
import groovy.text.SimpleTemplateEngine;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.plan.PlaybookCodeFailure;
import io.gplay.engine.vault.ResolvingVars;
import org.codehaus.groovy.control.CompilerConfiguration;

import java.nio.file.Path;
import java.util.Map;

/** Renders a Groovy template ({@code ${x}}, {@code <% %>}) with the host's variables and writes it like copy. */
public final class TemplateModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("template", "Renders a Groovy template (${var}, <% code %>) with the host's variables and facts, then writes it like copy.")
            .param(Param.required("src", ParamType.LOCAL_FILE, "the template file on the control machine (a relative path is relative to the playbook)"))
            .param(Param.required("dest", ParamType.PATH, "the path on the host"))
            .param(Param.optional("vars", ParamType.MAP, null, "extra variables for the template, beside what the task sees: every variable by name, host, vars, facts, groups, hostvars, item"))
            .param(FileContent.BACKUP).param(FileContent.VALIDATE)
            .param(Attributes.PARAMS.get(0)).param(Attributes.PARAMS.get(1)).param(Attributes.PARAMS.get(2))
            .example("template 'ctdb nodes', src: 'templates/nodes.tpl', dest: '/mnt/lock/nodes', vars: { [nodes: groups.ovirt] }");

    /** Templates compile on {@link TemplateScript}, whose {@code out} refuses a text that took in a null. */
    private static final SimpleTemplateEngine ENGINE = new SimpleTemplateEngine(new GroovyShell(
            TemplateModule.class.getClassLoader(), configuration()));

    private static CompilerConfiguration configuration() {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(TemplateScript.class.getName());
        return cc;
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        Path src = ctx.localFile(ctx.str("src"));
        // a copy that decrypts only the vault values the template reads
        Map<String, Object> binding = ResolvingVars.copyOf(ctx.variables());
        binding.putAll(ctx.map("vars"));
        binding.put(TemplateScript.HOST, ctx.host().name());
        groovy.text.Template template = ENGINE.createTemplate(LocalText.read(ctx, src, "template"));
        String text;
        try {
            text = template.make(binding).toString();
        } catch (Throwable t) {
            // the template's code is the playbook's: an Error or a failed assert there fails the task
            throw PlaybookCodeFailure.of(t);
        }
        FileContent.ensureWithAttributes(ctx, ctx.str("dest"), text);
    }
}
