package io.gplay.engine.inventory;

import io.gplay.engine.vault.SecretMask;
import io.gplay.engine.vault.VaultFormat;
import io.gplay.engine.vault.VaultSecrets;
import io.gplay.engine.vault.VaultValue;
import io.gplay.engine.vault.VaultYaml;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.util.regex.Pattern;

/**
 * YAML as Ansible reads it (PyYAML, YAML 1.1): yes/no/on/off are booleans, 010 and 0x10 and 1:30 numbers, but a
 * float needs a dot ({@code 1e3} and {@code 1.0e3} stay text, {@code 1.0e+3} is a number), and a date stays the
 * text it was written as (ansible-inventory prints dates as text). {@code !unsafe} text is text.
 */
final class AnsibleYaml {
    private AnsibleYaml() {
    }

    /** PyYAML's float: snakeyaml's also takes 1e3 and .5e3, which PyYAML leaves as text. */
    private static final Pattern PY_FLOAT = Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])++\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

    private static final class Yaml11Resolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            // an int before a float: the float pattern matches ints too
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, PY_FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** Builds values from nodes; a public door to snakeyaml's protected {@code constructDocument}. */
    static final class Values extends SafeConstructor {
        Values(LoaderOptions options, VaultSecrets vault, String file) {
            super(options);
            VaultYaml.addTo(yamlConstructors, vault, file, true);
            yamlConstructors.put(new Tag("!unsafe"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return constructScalar((ScalarNode) node);
                }
            });
        }

        Object value(Node node) {
            return constructDocument(node);
        }
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        // a key given twice (a host listed twice, say) is an error, not a silent "the last one wins"
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(VaultYaml.MAX_CODE_POINTS);
        return options;
    }

    private static Yaml yaml(Values values) {
        DumperOptions unused = new DumperOptions();
        return new Yaml(values, new Representer(unused), unused, options(), new Yaml11Resolver());
    }

    static Values values(VaultSecrets vault, String file) {
        return new Values(options(), vault, file);
    }

    /** The document's node tree, or null for an empty document; a syntax error names FILE:LINE. */
    static Node compose(String text, String file) {
        return compose(text, file, false);
    }

    /** As above; {@code decrypted} text is never quoted, not even a character, in the error. */
    private static Node compose(String text, String file, boolean decrypted) {
        try {
            return yaml(values(VaultSecrets.none(), file)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw decrypted ? new InventoryException(VaultYaml.hidden(e, file)) : error(file, e);
        } catch (YAMLException e) {
            throw error(file, e);
        }
    }

    /**
     * The document's value, a whole encrypted file or {@code !vault} values opened with {@code vault} (each value
     * that came from a vault is a secret, masked in every output); errors name FILE:LINE.
     */
    static Object load(String text, String file, VaultSecrets vault) {
        boolean encrypted = VaultFormat.isEncrypted(text);
        Node node = encrypted ? compose(vault.open(text, file), file, true) : compose(text, file);
        Object doc = node == null ? null : value(node, file, vault);
        if (encrypted) {
            VaultYaml.registerLeaves(doc, SecretMask.global());
        }
        VaultValue.openFirst(doc);
        return doc;
    }

    static Object value(Node node, String file, VaultSecrets vault) {
        if (node == null) {
            return null;
        }
        try {
            return values(vault, file).value(node);
        } catch (YAMLException e) {
            throw error(file, e);
        }
    }

    /** FILE:LINE and the problem; a limit (on aliases, nesting, size) has no line, and is named with the file. */
    private static InventoryException error(String file, YAMLException e) {
        return e instanceof MarkedYAMLException m && m.getProblemMark() != null
                ? new InventoryException(file + ":" + (m.getProblemMark().getLine() + 1) + ": " + m.getProblem())
                : new InventoryException(file + ": " + e.getMessage());
    }
}
