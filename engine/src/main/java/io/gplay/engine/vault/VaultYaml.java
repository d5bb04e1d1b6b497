package io.gplay.engine.vault;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Reads a YAML variables file or inventory that may hold vault data: the whole file encrypted, or single
 * values tagged {@code !vault}. Each value that came from a vault is decrypted now (a wrong password fails
 * before any host is touched) and registered with the {@link SecretMask}.
 */
public final class VaultYaml {
    private static final Tag VAULT = new Tag("!vault");

    private VaultYaml() {
    }

    /**
     * SnakeYAML's limit on a document (3 MB by default) refused a 60,000-host inventory that Ansible reads; the
     * text is in memory already when it is parsed, so this only has to be far above any real file. Its limits
     * on aliases and nesting, which guard against documents that expand, stay.
     */
    public static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

    /**
     * The YAML document in {@code text} ({@code where}: the file, for errors), its vault data decrypted;
     * {@code options} with its code point limit raised to {@link #MAX_CODE_POINTS}.
     */
    public static Object load(String text, String where, LoaderOptions options, VaultSecrets secrets) {
        options.setCodePointLimit(MAX_CODE_POINTS);
        boolean encrypted = VaultFormat.isEncrypted(text);
        String clear = secrets.open(text, where);
        Object doc;
        try {
            doc = new Yaml(new Constructor(options, secrets, where)).load(clear);
        } catch (MarkedYAMLException e) {
            throw encrypted ? new VaultException(hidden(e, where)) : new IllegalArgumentException(shown(e, where));
        } catch (YAMLException e) {
            // a limit (size, aliases, nesting): no content in the message
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        if (encrypted) {
            registerLeaves(doc, SecretMask.global());
        }
        return doc;
    }

    /**
     * A syntax error in decrypted text: FILE:LINE and the problem, with no line, caret or quoted character of
     * the clear text (as Ansible, and as group_vars/ files are reported).
     */
    public static String hidden(MarkedYAMLException e, String where) {
        String problem = String.valueOf(e.getProblem()).replaceAll("'(?!<)[^'\n]*'", "'...'");
        return where + ":" + (e.getProblemMark().getLine() + 1) + ": " + problem + context(e)
                + " (the file is vault-encrypted, so its content is not shown: see it with gplay vault view)";
    }

    private static String shown(MarkedYAMLException e, String where) {
        Mark m = e.getProblemMark();
        return where + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + e.getProblem() + context(e)
                + "\n" + m.get_snippet();
    }

    private static String context(MarkedYAMLException e) {
        Mark c = e.getContextMark();
        return c == null || c.getLine() == e.getProblemMark().getLine() ? ""
                : " (" + e.getContext() + " from line " + (c.getLine() + 1) + ")";
    }

    /** Every value in a decrypted file is a secret: strings and numbers (keys, booleans and nulls are not). */
    public static void registerLeaves(Object node, SecretMask mask) {
        if (node instanceof Map<?, ?> m) {
            m.values().forEach(v -> registerLeaves(v, mask));
        } else if (node instanceof Collection<?> c) {
            c.forEach(v -> registerLeaves(v, mask));
        } else if (node instanceof CharSequence || node instanceof Number) {
            mask.add(node.toString());
        }
    }

    /**
     * Adds {@code !vault} scalars to a SnakeYAML constructor's tags: as their clear text, or, {@code lazy}, as
     * {@link VaultValue}s decrypted when read (an inventory's, most of which a run never reads).
     */
    public static void addTo(Map<Tag, org.yaml.snakeyaml.constructor.Construct> constructors, VaultSecrets secrets,
                             String where, boolean lazy) {
        constructors.put(VAULT, new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                String at = where + ":" + (node.getStartMark().getLine() + 1);
                if (!(node instanceof ScalarNode scalar)) {
                    throw new VaultException(at + ": !vault must tag a string (the output of "
                            + "gplay vault encrypt_string)");
                }
                if (lazy) {
                    return new VaultValue(scalar.getValue(), at, secrets);
                }
                String clear = new String(secrets.decrypt(scalar.getValue(), at), StandardCharsets.UTF_8);
                SecretMask.global().add(clear);
                return clear;
            }
        });
    }

    /** SnakeYAML's safe constructor, and {@code !vault} scalars as their clear text. */
    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options, VaultSecrets secrets, String where) {
            super(options);
            addTo(yamlConstructors, secrets, where, false);
        }
    }
}
