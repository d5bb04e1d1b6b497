package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import jinjava.javax.el.CompositeELResolver;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;

import java.util.Map;

/**
 * Renders a Jinja2 template as Ansible's template module does: Ansible's environment (trim_blocks on, undefined
 * variables an error), its {@code #jinja2:} header, its trailing newlines, Python's way of printing values, and
 * Ansible's filters and tests, on HubSpot's Jinjava.
 */
public final class JinjaTemplate {
    private JinjaTemplate() {
    }

    /** Jinjava with Ansible's filters and tests, made on first use: most runs render no Jinja2 template. */
    private static final class Holder {
        static final Jinjava JINJAVA = Library.install(new Jinjava());
    }

    /**
     * {@code source} rendered with {@code vars} (read by name as the template uses them); {@code name} is how errors
     * name the template, as {@code NAME:LINE}.
     */
    public static String render(String name, String source, Map<String, Object> vars) {
        Header header = Header.parse(name, source);
        String text = header.body().replace("\r\n", "\n").replace('\r', '\n');
        if (!header.keepTrailingNewline() && text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        JinjavaConfig config = config(header);
        JinjavaInterpreter interpreter = new PyInterpreter(Holder.JINJAVA,
                new Context(Holder.JINJAVA.getGlobalContextCopy(), null, config.getDisabled()), config, vars);
        JinjavaInterpreter.pushCurrent(interpreter);
        String out;
        try {
            out = interpreter.render(Rewrite.apply(text, header.trimBlocks()));
        } catch (InterpretException e) {
            throw new JinjaException(JinjaErrors.describe(name, text, header.lines(), e.getLineNumber(), e.getMessage()));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        for (TemplateError e : interpreter.getErrorsCopy()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new JinjaException(JinjaErrors.describe(name, text, header.lines(), e.getLineno(), e.getMessage()));
            }
        }
        // as Ansible: as many newlines at the end as the template has, whatever Jinja2 dropped
        int missing = trailingNewlines(source) - trailingNewlines(out);
        return missing > 0 ? out + "\n".repeat(missing) : out;
    }

    private static JinjavaConfig config(Header header) {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PyMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        return JinjavaConfig.newBuilder()
                .withTrimBlocks(header.trimBlocks())
                .withLstripBlocks(header.lstripBlocks())
                .withFailOnUnknownTokens(true)
                .withNestedInterpretationEnabled(false)
                .withElResolver(resolver)
                .withInterperterFactory(PyInterpreter.FACTORY)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUsePyishObjectMapper(true)
                        .withKeepNullableLoopValues(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .build())
                .build();
    }

    private static int trailingNewlines(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(s.length() - 1 - n) == '\n') {
            n++;
        }
        return n;
    }
}
