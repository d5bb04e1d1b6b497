package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.IfTag;
import com.hubspot.jinjava.tree.TagNode;

/** {@code if} and {@code elif} with Python's truth: Jinjava takes the string "false" for false, Jinja2 for true. */
final class PyIfTag extends IfTag {
    @Override
    public boolean isPositiveIfElseNode(TagNode tagNode, JinjavaInterpreter interpreter) {
        return Py.truth(interpreter.resolveELExpression(tagNode.getHelpers(), tagNode.getLineNumber(),
                tagNode.getStartPosition()));
    }
}
