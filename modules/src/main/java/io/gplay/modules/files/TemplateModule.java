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
import io.gplay.modules.files.jinja.JinjaException;
import io.gplay.modules.files.jinja.JinjaTemplate;
import org.codehaus.groovy.control.CompilerConfiguration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Renders a template and writes it like copy: a Jinja2 template ({@code .j2}) as Ansible's template module does, or
 * a Groovy one ({@code .gtpl}, {@code ${x}}, {@code <% %>}). The language is never guessed: any other name needs
 * {@code engine:}, so a shell's {@code $host} cannot be taken for Groovy's by accident.
 */
public final class TemplateModule implements Module {
    private static final ModuleSpec SPEC = FileContent.declareWritten(new ModuleSpec("template", "Renders a Jinja2 template (.j2, as Ansible's template module) or a Groovy one (.gtpl) with the host's variables and facts, then writes it like copy.")
            .param(Param.required("src", ParamType.LOCAL_FILE, "the template file on the control machine (a relative path is relative to the playbook)"))
            .param(Param.required("dest", ParamType.PATH, "the path on the host"))
            .param(Param.choice("engine", null, List.of("jinja2", "groovy"), "the template's language; needed when src ends neither in .j2 (Jinja2) nor in .gtpl (Groovy)"))
            .param(Param.optional("vars", ParamType.MAP, null, "extra variables for the template, beside what the task sees"))
            .param(FileContent.BACKUP).param(FileContent.VALIDATE)
            .params(Attributes.PARAMS)
            .notes("Jinja2 (.j2) is rendered as Ansible renders it: trim_blocks on, a '#jinja2:' first line "
                    + "(trim_blocks, lstrip_blocks, keep_trailing_newline), an undefined variable an error naming "
                    + "TEMPLATE:LINE, Ansible's filters and tests. It sees every variable by name, ansible_facts and "
                    + "ansible_<fact> (os_family, distribution...), inventory_hostname, groups, hostvars, item, "
                    + "ansible_managed (ansible.cfg's [defaults] ansible_managed, else \"Ansible managed\") and "
                    + "template_path, template_fullpath, template_destpath, template_host, template_uid. "
                    + "Groovy (.gtpl) sees what the task's closures see: every variable by name, host, vars, facts, "
                    + "groups, hostvars, item; a null it prints fails the task.")
            .example("template 'nginx config', src: 'templates/nginx.conf.j2', dest: '/etc/nginx/nginx.conf'")
            .leavesOut("variable_start_string", "Jinja2's delimiters are Ansible's defaults; use a '#jinja2:' first line for trim_blocks and the like")
            .leavesOut("variable_end_string", "as variable_start_string")
            .leavesOut("block_start_string", "as variable_start_string")
            .leavesOut("block_end_string", "as variable_start_string")
            .leavesOut("comment_start_string", "as variable_start_string")
            .leavesOut("comment_end_string", "as variable_start_string")
            .leavesOut("trim_blocks", "set it in the template's '#jinja2:' first line")
            .leavesOut("lstrip_blocks", "set it in the template's '#jinja2:' first line")
            .leavesOut("newline_sequence", "a template's lines end as the template's do")
            .leavesOut("output_encoding", "the file is written as UTF-8")
            .leavesOut("force", "the file is always made to hold the rendered text")
            .leavesOut("follow", "a link at dest is replaced by the file, never followed")
            .leavesOut("attributes", "no chattr attributes: run command 'chattr' where needed")
            .leavesOut("seuser", "no SELinux context: run command 'chcon' where needed")
            .leavesOut("serole", "no SELinux context")
            .leavesOut("setype", "no SELinux context")
            .leavesOut("selevel", "no SELinux context")
            .leavesOut("unsafe_writes", "writes are always atomic")
            .returns("src", "string", "success", "the template rendered", "templates/nginx.conf.j2")
            .example("template 'ctdb nodes', src: 'templates/nodes.gtpl', dest: '/mnt/lock/nodes', vars: { [nodes: groups.ovirt] }"));

    /** Templates compile on {@link TemplateScript}, whose {@code out} refuses a text that took in a null. */
    private static final SimpleTemplateEngine GROOVY = new SimpleTemplateEngine(new GroovyShell(
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
        String name = ctx.str("src");
        Path src = ctx.localFile(name);
        String source = LocalText.read(ctx, src, "template");
        String text = engine(ctx, name).equals("jinja2") ? jinja(ctx, name, src, source) : groovy(ctx, source);
        FileContent.ensureWithAttributes(ctx, ctx.str("dest"), text);
        ctx.set("src", name);
    }

    /** The language: engine: if given, else by the file's name; a name that says neither is refused. */
    static String engine(ModuleContext ctx, String src) {
        if (ctx.has("engine")) {
            return ctx.str("engine");
        }
        if (src.endsWith(".j2") || src.endsWith(".jinja2")) {
            return "jinja2";
        }
        if (src.endsWith(".gtpl")) {
            return "groovy";
        }
        ctx.fail("template " + src + ": which language is it? Name it .j2 for Jinja2 (as Ansible's templates) or "
                + ".gtpl for a Groovy template, or say engine: 'jinja2' or engine: 'groovy'");
        return null; // not reached: fail throws
    }

    private static String jinja(ModuleContext ctx, String name, Path src, String source) {
        try {
            return JinjaTemplate.render(name, source, JinjaVariables.of(ctx, name, src, ctx.str("dest")));
        } catch (JinjaException e) {
            ctx.fail(e.getMessage());
            return null; // not reached: fail throws
        }
    }

    private static String groovy(ModuleContext ctx, String source) throws Exception {
        // a copy that decrypts only the vault values the template reads
        Map<String, Object> binding = ResolvingVars.copyOf(ctx.variables());
        binding.putAll(ctx.map("vars"));
        binding.put(TemplateScript.HOST, ctx.host().name());
        groovy.text.Template template = GROOVY.createTemplate(source);
        try {
            return template.make(binding).toString();
        } catch (Throwable t) {
            // the template's code is the playbook's: an Error or a failed assert there fails the task
            throw PlaybookCodeFailure.of(t);
        }
    }
}
