package io.gplay.engine.run;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code --slice K/N}: the part of the targeted hosts that one of N runs works on, K counting from 1 (as GitLab's
 * {@code CI_NODE_INDEX} does). A host's slice depends on its inventory name and N only, by rendezvous hashing: each
 * slice weighs the name (SHA-256 of {@code K:name}, its first 8 bytes unsigned) and the heaviest takes it. So
 * adding or removing a host moves no other host, and going from N to N+1 slices moves only the hosts the new slice
 * takes (about one in N+1), where {@code hash mod N} would move most of them (D45).
 */
public record Slice(int index, int count) {
    public Slice {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--slice " + index + "/" + count + ": " + (count < 1
                    ? "N is the number of slices, at least 1"
                    : "K counts from 1 to N (1/" + count + " to " + count + "/" + count + ")"
                    + (index == 0 ? "; a Kubernetes completion index counts from 0: pass"
                    + " $((JOB_COMPLETION_INDEX + 1))/" + count : "")));
        }
    }

    /** {@code K/N}, as written on the command line; a clear error for anything else. */
    public static Slice parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 2 || !parts[0].matches("\\d{1,9}") || !parts[1].matches("\\d{1,9}")) {
            throw new IllegalArgumentException("--slice " + text + ": expected K/N, two whole numbers, e.g. --slice 2/4"
                    + " for the second of four slices");
        }
        return new Slice(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /** Whether the host of this inventory name is in this slice. */
    public boolean contains(String host) {
        return of(host, count) == index;
    }

    /** The slice, from 1 to {@code count}, that a host of this name falls in. */
    public static int of(String host, int count) {
        int best = 1;
        long bestWeight = 0;
        for (int k = 1; k <= count; k++) {
            long w = weight(k, host);
            if (k == 1 || Long.compareUnsigned(w, bestWeight) > 0) {
                best = k;
                bestWeight = w;
            }
        }
        return best;
    }

    private static long weight(int k, String host) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((k + ":" + host).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
