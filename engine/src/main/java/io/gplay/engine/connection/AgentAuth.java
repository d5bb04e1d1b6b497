package io.gplay.engine.connection;

import com.hierynomus.sshj.key.KeyAlgorithm;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * The {@code publickey} login with a key that stays in ssh-agent: as sshj's {@code AuthPublickey}, the key is
 * offered first without a signature; when the server accepts it ({@code SSH_MSG_USERAUTH_PK_OK}, sshj's
 * {@code USERAUTH_60}) the request is sent again, signed by the agent.
 *
 * <p>An RSA key can sign as rsa-sha2-512, rsa-sha2-256 or ssh-rsa: the algorithms sshj is configured with for
 * the key's type are tried in its order, the next one when the server refuses one, as sshj does for key files.
 */
final class AgentAuth extends AbstractAuthMethod {
    private final SshAgent agent;
    private final AgentIdentity identity;
    /** Signature algorithms still to try for this key; the head is the one being offered. */
    private Queue<String> algorithms;

    AgentAuth(SshAgent agent, AgentIdentity identity) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
    }

    @Override
    public void handle(Message msg, SSHPacket buf) throws UserAuthException, TransportException {
        if (msg == Message.USERAUTH_60) {
            params.getTransport().write(signed(request(true)));
        } else {
            super.handle(msg, buf);
        }
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    @Override
    public boolean shouldRetry() {
        if (algorithms == null) {
            return false;
        }
        algorithms.poll();
        return !algorithms.isEmpty();
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        SSHPacket req = super.buildReq();
        req.putBoolean(signed).putString(algorithm()).putString(identity.blob());
        return req;
    }

    /**
     * Appends the agent's signature over the session id and the request so far (RFC 4252 section 7). The
     * packet's readable part starts at its message byte, which is what is signed.
     */
    private SSHPacket signed(SSHPacket req) throws UserAuthException {
        byte[] data = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(req)
                .getCompactData();
        try {
            req.putString(agent.sign(identity.blob(), data, flags(algorithm())));
            return req;
        } catch (IOException e) {
            throw new UserAuthException("ssh-agent could not sign with " + identity + ": " + e.getMessage(), e);
        }
    }

    private String algorithm() throws UserAuthException {
        if (algorithms == null) {
            algorithms = new ArrayDeque<>(candidates());
        }
        String head = algorithms.peek();
        if (head == null) {
            throw new UserAuthException("no signature algorithm left for " + identity);
        }
        return head;
    }

    private List<String> candidates() {
        String type = identity.type();
        try {
            return params.getTransport().getClientKeyAlgorithms(KeyType.fromString(type)).stream()
                    .map(KeyAlgorithm::getKeyAlgorithm).toList();
        } catch (TransportException e) {
            // a type sshj has no algorithm for (a security-key type, say): the agent signs it, the server judges
            return List.of(type);
        }
    }

    /** The agent signs RSA keys with SHA-1 (ssh-rsa) unless asked for SHA-2; other types ignore the flags. */
    static int flags(String algorithm) {
        if (algorithm.startsWith("rsa-sha2-256")) {
            return SshAgent.RSA_SHA2_256;
        }
        if (algorithm.startsWith("rsa-sha2-512")) {
            return SshAgent.RSA_SHA2_512;
        }
        return 0;
    }

    @Override
    public String toString() {
        return "ssh-agent key " + identity;
    }
}
