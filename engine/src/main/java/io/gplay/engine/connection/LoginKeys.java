package io.gplay.engine.connection;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import net.schmizz.sshj.userauth.method.AuthPublickey;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a login offers, in OpenSSH's order: the inventory's key file, then ssh_config's IdentityFile ones that
 * exist (ssh skips a missing one too), then the keys of ssh-agent (when {@code SSH_AUTH_SOCK} names one that
 * answers, and IdentitiesOnly is off), then, when no key file is given, ~/.ssh/id_ed25519, id_ecdsa,
 * id_rsa; last, the password when one is given (as SSH's "password" method and as "keyboard-interactive",
 * which sshd uses for passwords through PAM). Holds the agent's connection until the login is over.
 */
final class LoginKeys implements Closeable {
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    final List<AuthMethod> methods = new ArrayList<>();
    /** What was offered, for the message when the login fails. */
    private final List<String> offered = new ArrayList<>();
    private SshAgent agent;

    private LoginKeys() {
    }

    static LoginKeys of(SSHClient client, SshTarget target) throws IOException {
        LoginKeys keys = new LoginKeys();
        if (target.privateKey() != null) {
            keys.methods.add(new AuthPublickey(client.loadKeys(target.privateKey().toString())));
            keys.offered.add("key " + target.privateKey());
        }
        for (Path p : target.identityFiles()) {
            if (Files.isReadable(p)) {
                keys.methods.add(new AuthPublickey(client.loadKeys(p.toString())));
                keys.offered.add("key " + p);
            } else {
                keys.offered.add("key " + p + " (not found)");
            }
        }
        if (!target.identitiesOnly()) {
            keys.addAgent(target.agentSocket());
        }
        if (target.privateKey() == null && target.identityFiles().isEmpty()) {
            Path home = Path.of(System.getProperty("user.home"), ".ssh");
            for (String name : DEFAULT_KEYS) {
                Path p = home.resolve(name);
                if (Files.isReadable(p)) {
                    keys.methods.add(new AuthPublickey(client.loadKeys(p.toString())));
                    keys.offered.add("key " + p);
                }
            }
        }
        if (target.password() != null) {
            PasswordFinder password = new PasswordFinder() {
                @Override
                public char[] reqPassword(Resource<?> resource) {
                    return target.password().toCharArray();
                }

                @Override
                public boolean shouldRetry(Resource<?> resource) {
                    return false; // a wrong password is not asked again: the login fails and says so
                }
            };
            keys.methods.add(new AuthPassword(password));
            keys.methods.add(new AuthKeyboardInteractive(new PasswordResponseProvider(password)));
            keys.offered.add("a password");
        }
        return keys;
    }

    /** An agent that is gone or does not answer is skipped, as ssh does: the other keys may still do. */
    private void addAgent(Path socket) {
        if (socket == null) {
            return;
        }
        try {
            agent = SshAgent.open(socket);
            List<AgentIdentity> identities = agent.identities();
            for (AgentIdentity identity : identities) {
                methods.add(new AgentAuth(agent, identity));
            }
            offered.add("ssh-agent " + socket + " (" + identities.size()
                    + (identities.size() == 1 ? " key)" : " keys)"));
        } catch (IOException | RuntimeException e) {
            offered.add("ssh-agent " + socket + " (no answer: " + e.getMessage() + ")");
            close();
        }
    }

    /** E.g. "tried key /k/id_ed25519, ssh-agent /tmp/agent.sock (2 keys)". */
    String describe() {
        if (offered.isEmpty()) {
            return "no key to offer: no key file given, SSH_AUTH_SOCK not set, no ~/.ssh/"
                    + String.join(", ", DEFAULT_KEYS) + ", no password (ansible_password, --ask-pass)";
        }
        return "tried " + String.join(", ", offered);
    }

    @Override
    public void close() {
        if (agent != null) {
            try {
                agent.close();
            } catch (IOException ignored) {
                // the login is over either way
            }
            agent = null;
        }
    }
}
