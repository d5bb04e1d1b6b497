package io.gplay.engine.connection;

import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command whose host dies under it is a lost host (unreachable, as Ansible says), even in the moment before
 * sshj's reader has marked the transport dead; a command that fails with the transport whole is a failed task.
 */
class TransportGoneTest {
    @Test
    void aSocketClosedOrAtItsEndBeneathTheFailureIsTheTransportsEndWhileItStillLooksAlive() {
        assertTrue(SshConnection.transportGone(new ConnectionException("Socket closed",
                new TransportException(new SocketException("Socket closed"))), () -> true));
        assertTrue(SshConnection.transportGone(new IllegalStateException(
                new TransportException("Broken transport; encountered EOF")), () -> true));
        assertTrue(SshConnection.transportGone(new TransportException(DisconnectReason.CONNECTION_LOST, "gone"), () -> true));
    }

    @Test
    void anyOtherFailureOfALiveTransportIsTheCommandsOwn() {
        assertFalse(SshConnection.transportGone(new IOException("no such file"), () -> true));
        assertFalse(SshConnection.transportGone(new EOFException("the host's probe shell ended"), () -> true),
                "a shell that ends is not the transport's end: the next read gets a new shell");
        assertTrue(SshConnection.transportGone(new IOException("no such file"), () -> false));
    }
}
