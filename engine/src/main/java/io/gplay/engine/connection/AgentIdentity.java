package io.gplay.engine.connection;

import net.schmizz.sshj.common.Buffer;

/** A key held by ssh-agent: its public key blob in SSH wire format and the comment it was added with. */
public record AgentIdentity(byte[] blob, String comment) {
    /** The key's type as named in its blob ({@code ssh-ed25519}, {@code ssh-rsa}, ...). */
    public String type() {
        try {
            return new Buffer.PlainBuffer(blob).readString();
        } catch (Buffer.BufferException e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return type() + " " + comment;
    }
}
