package io.gplay.modules.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gplay.engine.module.ModuleFailure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The installation report of {@code pip install --dry-run --report -}: what pip would install, "name version" each. */
final class PipReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipReport() {
    }

    static List<String> installs(String stdout) {
        int start = stdout.indexOf('{');
        if (start < 0) {
            throw new ModuleFailure("pip's dry run printed no report: " + stdout);
        }
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode item : JSON.readTree(stdout.substring(start)).path("install")) {
                JsonNode md = item.path("metadata");
                out.add(md.path("name").asText() + " " + md.path("version").asText());
            }
            return out;
        } catch (IOException e) {
            throw new ModuleFailure("pip's dry run report is no JSON: " + e.getMessage());
        }
    }
}
