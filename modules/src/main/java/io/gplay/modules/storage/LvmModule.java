package io.gplay.modules.storage;

/** The ssm module under the name users of the LVM2 tools look for; the same parameters and behaviour. */
public final class LvmModule extends SsmModule {
    public LvmModule() {
        super("lvm");
    }
}
