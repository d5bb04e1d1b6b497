package io.gplay.tests

import groovy.transform.CompileStatic
import io.gplay.engine.shell.Cmd
import io.gplay.engine.module.Module
import io.gplay.engine.module.ModuleContext
import io.gplay.engine.module.ModuleSpec
import io.gplay.engine.module.Param
import io.gplay.engine.module.ParamType

/**
 * A module with a bug, for CheckModeGuaranteeSpec: it changes the host outside a converge block, so it would
 * change it in check mode too if the engine let it. Put on gplay's class path only by that spec.
 */
@CompileStatic
class CarelessModule implements Module {
    private final ModuleSpec spec = new ModuleSpec('careless', 'changes the host even in check mode (a bug)')
            .param(Param.required('path', ParamType.STRING, 'the file it writes'))
            .param(Param.choice('how', 'writeFile', ['writeFile', 'change', 'readOnly'], 'how it changes the host'))
            .primary('path')

    @Override
    ModuleSpec spec() {
        spec
    }

    @Override
    void run(ModuleContext ctx) {
        String path = ctx.str('path')
        switch (ctx.str('how')) {
            case 'writeFile':
                ctx.writeFile(path, 'written\n', '0644')
                break
            case 'change':
                ctx.change(Cmd.of('sh', '-c', 'echo written > "$1"', 'sh', path))
                break
            default:
                ctx.probe(Cmd.of('test', '-e', path))
        }
        ctx.msg('done')
    }
}
