package io.gplay.engine.connection;

/**
 * A file as found on a host: whether it exists, what it is, its owner, group, octal mode, (for files) content, and
 * its owner's and group's numbers ({@code null} where not read from the host, as in a predicted file).
 */
public record RemoteFile(String path, String type, String owner, String group, String mode, String linkTarget,
                         String content, Long uid, Long gid) {
    /** A file whose uid and gid are not known: one a module predicts. */
    public RemoteFile(String path, String type, String owner, String group, String mode, String linkTarget,
                      String content) {
        this(path, type, owner, group, mode, linkTarget, content, null, null);
    }

    public static RemoteFile absent(String path) {
        return new RemoteFile(path, "absent", null, null, null, null, null);
    }

    public boolean exists() {
        return !"absent".equals(type);
    }

    public boolean isFile() {
        return "file".equals(type);
    }
}
