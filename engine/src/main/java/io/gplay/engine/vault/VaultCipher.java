package io.gplay.engine.vault;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ansible Vault's AES256 cipher: PBKDF2-HMAC-SHA256 (10000 rounds) turns the password and a 32-byte salt into
 * an AES-256 key, an HMAC-SHA256 key and a CTR counter; the PKCS#7-padded plain text is encrypted with AES-CTR
 * and authenticated with the HMAC of the cipher text. The body is hex of "hex(salt)\nhex(hmac)\nhex(cipher)".
 */
public final class VaultCipher {
    private static final int ITERATIONS = 10_000;
    private static final int KEY_LENGTH = 32;
    private static final int IV_LENGTH = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultCipher() {
    }

    /** Thrown when the HMAC does not match: a wrong password, or a body changed since it was written. */
    public static final class WrongPassword extends Exception {
        WrongPassword() {
            super("HMAC verification failed", null, false, false);
        }
    }

    /** The hex body for {@code plain}, with a fresh random salt. */
    public static String encrypt(byte[] plain, byte[] password) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        Keys keys = Keys.derive(password, salt);
        byte[] cipherText = keys.crypt(Cipher.ENCRYPT_MODE, pad(plain));
        String inner = HEX.formatHex(salt) + "\n" + HEX.formatHex(keys.hmac(cipherText)) + "\n" + HEX.formatHex(cipherText);
        return HEX.formatHex(inner.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * The plain text of a hex body.
     *
     * @throws WrongPassword when the password does not fit (or the body was tampered with)
     * @throws IllegalArgumentException when the body is not a vault body at all (bad hex, missing parts)
     */
    public static byte[] decrypt(String body, byte[] password) throws WrongPassword {
        String inner = new String(HEX.parseHex(body), java.nio.charset.StandardCharsets.US_ASCII);
        String[] parts = inner.split("\n", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected salt, HMAC and cipher text, found " + parts.length + " part(s)");
        }
        byte[] salt = HEX.parseHex(parts[0]);
        byte[] expectedHmac = HEX.parseHex(parts[1]);
        byte[] cipherText = HEX.parseHex(parts[2]);
        Keys keys = DERIVED.computeIfAbsent(new KeyId(ByteBuffer.wrap(password.clone()), ByteBuffer.wrap(salt)),
                id -> Keys.derive(password, salt));
        // MessageDigest.isEqual takes the same time wherever the first difference is
        if (!MessageDigest.isEqual(keys.hmac(cipherText), expectedHmac)) {
            throw new WrongPassword();
        }
        return unpad(keys.crypt(Cipher.DECRYPT_MODE, cipherText));
    }

    private static byte[] pad(byte[] plain) {
        int n = 16 - plain.length % 16;
        byte[] out = Arrays.copyOf(plain, plain.length + n);
        Arrays.fill(out, plain.length, out.length, (byte) n);
        return out;
    }

    private static byte[] unpad(byte[] padded) {
        int n = padded.length == 0 ? 0 : padded[padded.length - 1];
        if (n < 1 || n > 16 || n > padded.length) {
            throw new IllegalArgumentException("bad padding after decryption");
        }
        for (int i = padded.length - n; i < padded.length; i++) {
            if (padded[i] != n) {
                throw new IllegalArgumentException("bad padding after decryption");
            }
        }
        return Arrays.copyOf(padded, padded.length - n);
    }

    /**
     * Keys derived for decryption, by password and salt: a file read twice, or values encrypted with a fixed salt
     * (Ansible's vault_encrypt_salt), cost one PBKDF2. Encryption always takes a fresh salt.
     */
    private static final Map<KeyId, Keys> DERIVED = new ConcurrentHashMap<>();

    /** Whether keys for this password and salt are kept, so decrypting with them again derives none. */
    static boolean keysKept(byte[] password, byte[] salt) {
        return DERIVED.containsKey(new KeyId(ByteBuffer.wrap(password.clone()), ByteBuffer.wrap(salt)));
    }

    /** ByteBuffers compare by content. */
    private record KeyId(ByteBuffer password, ByteBuffer salt) {
    }

    private record Keys(byte[] cipherKey, byte[] hmacKey, byte[] iv) {
        static Keys derive(byte[] password, byte[] salt) {
            byte[] m = pbkdf2(password, salt, 2 * KEY_LENGTH + IV_LENGTH);
            return new Keys(Arrays.copyOfRange(m, 0, KEY_LENGTH), Arrays.copyOfRange(m, KEY_LENGTH, 2 * KEY_LENGTH),
                    Arrays.copyOfRange(m, 2 * KEY_LENGTH, 2 * KEY_LENGTH + IV_LENGTH));
        }

        byte[] crypt(int mode, byte[] in) {
            try {
                Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
                c.init(mode, new SecretKeySpec(cipherKey, "AES"), new IvParameterSpec(iv));
                return c.doFinal(in);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-CTR is part of every JDK", e);
            }
        }

        byte[] hmac(byte[] data) {
            return mac(hmacKey).doFinal(data);
        }
    }

    /**
     * PBKDF2-HMAC-SHA256 (RFC 8018) over the password's bytes. The JDK's PBKDF2WithHmacSHA256 takes a char[]
     * and encodes it as UTF-8, which cannot carry a password file's bytes that are not UTF-8.
     */
    static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
        Prf prf = new Prf(password);
        byte[] out = new byte[length];
        byte[] u = new byte[Prf.LENGTH];
        byte[] t = new byte[Prf.LENGTH];
        for (int block = 1, done = 0; done < length; block++) {
            byte[] first = Arrays.copyOf(salt, salt.length + 4);
            first[salt.length] = (byte) (block >>> 24);
            first[salt.length + 1] = (byte) (block >>> 16);
            first[salt.length + 2] = (byte) (block >>> 8);
            first[salt.length + 3] = (byte) block;
            prf.mac(first, u);
            System.arraycopy(u, 0, t, 0, t.length);
            for (int i = 1; i < ITERATIONS; i++) {
                prf.mac(u, u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /**
     * HMAC-SHA256 (RFC 2104) for PBKDF2's 30,000 rounds a vault file: SHA-256 states after the key's inner and
     * outer pads are made once and copied for each message. The JDK's Mac hashes both pads again every time,
     * twice the work, the larger part of gplay's start-up on an inventory with a vault file.
     */
    private static final class Prf {
        static final int LENGTH = 32;
        private static final int BLOCK = 64;
        private final MessageDigest inner;
        private final MessageDigest outer;

        Prf(byte[] key) {
            byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            inner = sha256();
            inner.update(ipad);
            outer = sha256();
            outer.update(opad);
        }

        /** HMAC(key, message) into {@code into} (which may be the message). */
        void mac(byte[] message, byte[] into) {
            try {
                MessageDigest in = (MessageDigest) inner.clone();
                in.update(message);
                in.digest(into, 0, LENGTH);
                MessageDigest out = (MessageDigest) outer.clone();
                out.update(into, 0, LENGTH);
                out.digest(into, 0, LENGTH);
            } catch (CloneNotSupportedException | GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's SHA-256 can be copied", e);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
