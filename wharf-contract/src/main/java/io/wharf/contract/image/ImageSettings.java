package io.wharf.contract.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What an image config says about running the image ({@code config} of the OCI image config: entrypoint, command,
 * environment, working directory, user, exposed ports, labels) and how it was built ({@code history}). Fields an
 * image does not set are empty, never null.
 */
public record ImageSettings(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
        String user, List<String> exposedPorts, Map<String, String> labels, List<HistoryStep> history) {

    /** One build step: what created it, when, and whether it added a layer. */
    public record HistoryStep(String created, String createdBy, String comment, boolean emptyLayer) {
    }

    /** The settings in the image config {@code config}. */
    public static ImageSettings of(JsonNode config) {
        JsonNode run = config.path("config");
        List<HistoryStep> history = new ArrayList<>();
        for (JsonNode step : config.path("history")) {
            history.add(new HistoryStep(text(step, "created"), text(step, "created_by"), text(step, "comment"),
                    step.path("empty_layer").asBoolean(false)));
        }
        List<String> ports = new ArrayList<>();
        run.path("ExposedPorts").propertyNames().forEach(ports::add);
        Map<String, String> labels = new LinkedHashMap<>();
        run.path("Labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString("")));
        return new ImageSettings(strings(run.path("Entrypoint")), strings(run.path("Cmd")), strings(run.path("Env")),
                text(run, "WorkingDir"), text(run, "User"), List.copyOf(ports), labels, List.copyOf(history));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(value.asString(""));
        }
        return List.copyOf(values);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asString("");
    }
}
