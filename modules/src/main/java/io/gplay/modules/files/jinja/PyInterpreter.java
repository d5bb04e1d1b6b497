package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

import java.util.Map;

/**
 * Jinjava's interpreter with Python's {@code str()} for what a template prints ({@code True}, not {@code true}), and
 * the template's variables looked up by name as they are read, not copied in: a vault value is decrypted only when
 * the template reads it.
 */
final class PyInterpreter extends JinjavaInterpreter {
    PyInterpreter(Jinjava jinjava, Context context, JinjavaConfig config, Map<String, Object> vars) {
        super(jinjava, context, config);
        context.setDynamicVariableResolver(name -> vars.containsKey(name) ? PyValues.of(vars.get(name)) : null);
    }

    private PyInterpreter(JinjavaInterpreter orig) {
        super(orig);
    }

    /** What {{ x }} prints: Python's str(x), and nothing for None (Ansible's finalize). */
    @Override
    public String getAsString(Object object) {
        return object == null || object == PyNone.NONE ? "" : Py.str(object);
    }

    /** Makes the interpreters Jinjava starts inside a rendering (for a macro, say) {@link PyInterpreter}s too. */
    static final InterpreterFactory FACTORY = new InterpreterFactory() {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
            return new PyInterpreter(orig);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava jinjava, Context context, JinjavaConfig config) {
            return new PyInterpreter(jinjava, context, config, Map.of());
        }
    };
}
