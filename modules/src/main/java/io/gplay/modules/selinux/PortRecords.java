package io.gplay.modules.selinux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The port records {@code semanage port -l} prints (policycoreutils 2.5, seobject.py portRecords.list): a heading
 * and an empty line, then one line per type and protocol, "TYPE PROTO PORT, LOW-HIGH, ...". Read into the records
 * seobject's get_all gives, keyed by protocol and range, so a port's type and a type's ports are both at hand.
 */
final class PortRecords {
    /** A protocol and a range, as semanage keys a record; a single port has low == high. */
    record Key(String proto, int low, int high) {
        static Key of(String proto, String port) {
            String[] p = port.split("-", 2);
            int low = Integer.parseInt(p[0]);
            return new Key(proto, low, p.length == 2 ? Integer.parseInt(p[1]) : low);
        }

        boolean covers(Key other) {
            return proto.equals(other.proto) && low <= other.low && other.high <= high;
        }

        /** As semanage prints it, and as Ansible compares it: "8080", or "8080-8090". */
        String port() {
            return low == high ? Integer.toString(low) : low + "-" + high;
        }
    }

    private final Map<Key, String> types = new LinkedHashMap<>();

    static PortRecords parse(String listing) {
        PortRecords r = new PortRecords();
        for (String line : listing.split("\n")) {
            String[] f = line.strip().split("\\s+", 3);
            if (f.length < 3 || line.startsWith("SELinux Port Type")) {
                continue;
            }
            for (String port : f[2].split(",\\s*")) {
                r.types.put(Key.of(f[1], port.strip()), f[0]);
            }
        }
        return r;
    }

    /** The type of exactly this record, or null (seobject's get_all()[(low, high, proto)], as Ansible looks it up). */
    String typeOf(Key key) {
        return types.get(key);
    }

    /** The ports and ranges a type holds for a protocol, as semanage prints them. */
    List<Key> ofType(String setype, String proto) {
        List<Key> keys = new ArrayList<>();
        types.forEach((k, t) -> {
            if (t.equals(setype) && k.proto().equals(proto)) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** A check run's predicted change: the record now of this type, or gone when type is empty. */
    void set(Key key, String type) {
        if (type.isEmpty()) {
            types.remove(key);
        } else {
            types.put(key, type);
        }
    }
}
