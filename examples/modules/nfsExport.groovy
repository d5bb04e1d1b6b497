// A module of one's own: exports a folder over NFS. It sits in modules/ beside the playbook that calls it
// (nfsExport '/srv/share', clients: '10.0.0.0/24'); docs/writing-a-module.md walks through it.
import io.gplay.engine.connection.RemoteFile

class NfsExport implements Module {
    // made once: the registry, the DSL, gplay doc and the console's completion all read it
    private final ModuleSpec spec = new ModuleSpec('nfsExport', 'exports a folder over NFS: its line in the exports file, then a reload')
            .param(Param.required('path', ParamType.PATH, 'the folder to export'))
            .param(Param.optional('clients', ParamType.STRING, null, 'who may mount it: a host, a network (10.0.0.0/24) or *'))
            .param(Param.optional('options', ParamType.STRING, 'rw,sync,no_subtree_check', 'the export options, as exports(5) takes them'))
            .param(Param.choice('state', 'present', ['present', 'absent'], 'present: the line is there; absent: no line exports the folder'))
            .param(Param.optional('exportsFile', ParamType.PATH, '/etc/exports', 'the file the line goes in'))
            .param(Param.optional('reload', ParamType.LIST, ['exportfs', '-ra'], 'the command run after the file changed, as a list of words'))
            .requiredIf('state', 'present', 'clients')
            .primary('path')
            .notes('One line a folder: the line that exports the folder is replaced, any other line is kept as it is.')
            .example("nfsExport '/srv/share', clients: '10.0.0.0/24', options: 'ro,sync'")

    ModuleSpec spec() { spec }

    void run(ModuleContext ctx) {
        String path = ctx.str('path')
        String file = ctx.str('exportsFile')
        String clients = ctx.str('clients')
        String options = ctx.str('options')
        // a value with a blank or a line break would write a line of another meaning into the file
        for (String v : [path, clients, options]) {
            if (v != null && v =~ /[\s"]/) {
                ctx.fail("'${v}' has a blank, a quote or a line break, which an exports line cannot hold")
                return
            }
        }
        RemoteFile now = ctx.stat(file, true)
        String before = now.exists() ? now.content() : ''
        List<String> lines = before.readLines().findAll { it.split(/\s+/)[0] != path }
        if (ctx.str('state') == 'present') {
            lines << "${path} ${clients}(${options})".toString()
        }
        String after = lines ? lines.join('\n') + '\n' : ''
        if (after == before) {
            return // nothing differs: nothing changes, nothing reloads
        }
        String mode = now.exists() ? now.mode() : '0644'
        ctx.converge("${ctx.str('state') == 'present' ? 'export' : 'stop exporting'} ${path} in ${file}",
                new Diff(file, before, after)) {
            ctx.writeFile(file, after, mode)
        }
        ctx.predict(new RemoteFile(file, 'file', now.owner(), now.group(), mode, null, after))
        List<Object> reload = ctx.list('reload')
        if (reload) {
            ctx.converge("reload the exports: ${reload.join(' ')}") {
                ctx.change(Cmd.of(reload[0].toString()).args(reload.drop(1)))
            }
        }
    }
}
