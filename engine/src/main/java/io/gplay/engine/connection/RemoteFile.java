package io.gplay.engine.connection;

/** A file as found on a host: whether it exists, what it is, its owner, group, octal mode and (for files) content. */
public record RemoteFile(String path, String type, String owner, String group, String mode, String linkTarget,
                         String content) {
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
