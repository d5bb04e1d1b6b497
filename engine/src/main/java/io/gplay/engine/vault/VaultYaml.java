package io.gplay.engine.vault;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
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

    /** The YAML document in {@code text} ({@code where}: the file, for errors), its vault data decrypted. */
    public static Object load(String text, String where, LoaderOptions options, VaultSecrets secrets) {
        if (VaultFormat.isEncrypted(text)) {
            Object doc = new Yaml(new Constructor(options, secrets, where)).load(secrets.open(text, where));
            registerLeaves(doc, SecretMask.global());
            return doc;
        }
        return new Yaml(new Constructor(options, secrets, where)).load(text);
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

    /** Adds {@code !vault} scalars, as their clear text, to a SnakeYAML constructor's tags. */
    public static void addTo(Map<Tag, org.yaml.snakeyaml.constructor.Construct> constructors, VaultSecrets secrets,
                             String where) {
        constructors.put(VAULT, new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                String at = where + ":" + (node.getStartMark().getLine() + 1);
                if (!(node instanceof ScalarNode scalar)) {
                    throw new VaultException(at + ": !vault must tag a string (the output of "
                            + "gplay vault encrypt_string)");
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
            addTo(yamlConstructors, secrets, where);
        }
    }
}
