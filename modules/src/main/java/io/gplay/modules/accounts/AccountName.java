package io.gplay.modules.accounts;

import io.gplay.engine.module.ModuleContext;

/**
 * A user or group name as the shadow tools take it. Quoting keeps any name from the shell; these names are
 * refused before the host is asked, because useradd and groupadd refuse them too (a check run would otherwise
 * predict a change the real run cannot make) or because they would break /etc/passwd's format.
 */
final class AccountName {
    private AccountName() {
    }

    static String of(ModuleContext ctx, String param) {
        String name = ctx.str(param);
        if (name.isEmpty() || name.length() > 32 || "-~+".indexOf(name.charAt(0)) >= 0 || name.chars().anyMatch(c -> c == ':' || c == ',' || c == '/'
                || Character.isWhitespace(c) || Character.isISOControl(c))) {
            ctx.fail(param + " '" + name + "' is not a valid account name: it may not be empty or longer than 32"
                    + " characters, start with '-', '~' or '+', or hold ':', ',', '/', a space or a control character");
        }
        return name;
    }
}
