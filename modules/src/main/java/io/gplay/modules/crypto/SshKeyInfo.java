package io.gplay.modules.crypto;

/**
 * What {@code ssh-keygen -l -f KEY} says of a key: {@code 256 SHA256:... comment (ED25519)}, read as
 * community.crypto's PrivateKey.from_string reads it.
 */
record SshKeyInfo(int size, String type, String fingerprint) {
    static SshKeyInfo parse(String line) {
        String[] words = line.strip().split(" ");
        String last = words[words.length - 1];
        String type = last.replaceAll("[()]", "").toLowerCase();
        return new SshKeyInfo(Integer.parseInt(words[0]), type, words[1]);
    }
}
