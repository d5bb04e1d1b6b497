package io.gplay.engine.connection;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import net.schmizz.sshj.DefaultConfig;

import java.util.List;

/**
 * sshj's configuration with OpenSSH's default ciphers, in its order of preference (AES-CBC last, for old
 * servers such as CentOS 6's). sshj's own default offers 33, weak ones included (arcfour, 3DES, Blowfish),
 * and initialises each at start-up to drop those the JVM lacks: a fifth of the CPU samples of a one-task run
 * on five hosts. All of these exist in every Java 17 with the bundled Bouncy Castle provider.
 */
final class SshConfig extends DefaultConfig {
    /** One for all connections: clients only read it, and its one random source fills under a lock. */
    static final SshConfig SHARED = new SshConfig();

    @Override
    protected void initCipherFactories() {
        setCipherFactories(List.of(
                ChachaPolyCiphers.CHACHA_POLY_OPENSSH(),
                BlockCiphers.AES128CTR(), BlockCiphers.AES192CTR(), BlockCiphers.AES256CTR(),
                GcmCiphers.AES128GCM(), GcmCiphers.AES256GCM(),
                BlockCiphers.AES128CBC(), BlockCiphers.AES192CBC(), BlockCiphers.AES256CBC()));
    }
}
