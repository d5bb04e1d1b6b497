package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.util.HasObjectTruthValue;

/**
 * A variable set to nothing ({@code x:} in YAML, Python's None): defined, false, shown as "None". Jinjava takes a
 * variable whose value is null for one not defined, which StrictUndefined would then refuse.
 */
public final class PyNone implements HasObjectTruthValue {
    public static final PyNone NONE = new PyNone();

    private PyNone() {
    }

    @Override
    public boolean getObjectTruthValue() {
        return false;
    }

    @Override
    public String toString() {
        return "None";
    }
}
