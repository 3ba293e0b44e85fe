package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.clients.ExternalTool;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 7: {@code docker-compose.yml} validates with Debian's {@code docker-compose} and wires the services
 * together: every address points at a service of the file and a port it listens on, both sides of every shared
 * secret are the same variable, every variable an app is given is one it reads, and the health checks ask the
 * readiness probes. No images are needed for this; CI fails without the tool, a developer machine skips.
 */
class ComposeFileTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final Map<String, String> SECRETS = Map.of(
            "WHARF_DB_PASSWORD", "db-secret", "WHARF_S3_ACCESS_KEY", "s3-user", "WHARF_S3_SECRET_KEY", "s3-secret-key",
            "WHARF_ADMIN_PASSWORD", "admin-secret", "WHARF_EVENTS_SECRET", "events-secret");
    /** Spring Boot's own properties the file sets, which no application.yml mentions. */
    /** Variables read by Spring Boot itself or by the JVM, not by the apps' application.yml. */
    private static final Set<String> BOOT_PROPERTIES = Set.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "JAVA_TOOL_OPTIONS");

    private final Path root = Path.of(System.getProperty("wharf.project.root")).toAbsolutePath().normalize();
    private final Path composeFile = root.resolve("docker-compose.yml");

    @Test
    void validatesOnlyWithItsSecretsSet() {
        ExternalTool compose = ExternalTool.require("docker-compose");
        compose.withEnvironment(SECRETS).run(TIMEOUT, "-f", composeFile.toString(), "config", "-q");

        ExternalTool.Result withoutSecrets = compose.attempt(TIMEOUT, "-f", composeFile.toString(), "config", "-q");
        assertThat(withoutSecrets.succeeded()).isFalse();
        assertThat(withoutSecrets.stderr()).contains("config/compose.env.example");
    }

    @Test
    @SuppressWarnings("unchecked")
    void wiresDatabaseStorageTokensAndEvents() throws IOException {
        String printed = ExternalTool.require("docker-compose").withEnvironment(SECRETS)
                .run(TIMEOUT, "-f", composeFile.toString(), "config");
        Map<String, Object> services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(printed)
                .get("services");
        assertThat(services).containsOnlyKeys("postgres", "minio", "minio-bucket", "index", "registry");
        Map<String, String> registry = environment(services, "registry");
        Map<String, String> index = environment(services, "index");
        Map<String, String> postgres = environment(services, "postgres");
        Map<String, String> minio = environment(services, "minio");

        assertThat(registry.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/wharf_registry");
        assertThat(index.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/wharf_index");
        for (Map<String, String> app : List.of(registry, index)) {
            assertThat(app.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(app.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"))
                    .isEqualTo("db-secret");
        }
        String initScript = Files.readString(root.resolve("config/compose/postgres-init.sql"));
        assertThat(initScript).contains("CREATE DATABASE wharf_registry", "CREATE DATABASE wharf_index");
        assertThat((List<Object>) ((Map<String, Object>) services.get("postgres")).get("volumes")).asString()
                .contains(root.resolve("config/compose/postgres-init.sql").toString());

        assertThat(registry).containsEntry("WHARF_STORAGE_DRIVER", "s3").containsEntry("WHARF_S3_PATH_STYLE", "true")
                .containsEntry("WHARF_S3_ENDPOINT", "http://minio:9000")
                .containsEntry("WHARF_S3_ACCESS_KEY", minio.get("MINIO_ROOT_USER"))
                .containsEntry("WHARF_S3_SECRET_KEY", minio.get("MINIO_ROOT_PASSWORD"));
        assertThat(((Map<String, Object>) services.get("minio-bucket")).get("command")).asString()
                .contains("wharf/" + registry.get("WHARF_S3_BUCKET"));

        assertThat(registry.get("WHARF_EVENTS_SECRET")).isEqualTo(index.get("WHARF_EVENTS_SECRET"))
                .isEqualTo("events-secret");
        assertThat(URI.create(registry.get("WHARF_EVENTS_URL"))).hasHost("index").hasPort(8080).hasPath("/api/events");
        assertThat(URI.create(registry.get("WHARF_AUTH_JWKS_URI"))).hasHost("index").hasPort(8080)
                .hasPath("/.well-known/jwks.json");
        assertThat(URI.create(registry.get("WHARF_REGISTRY_SEARCH_INDEXURL"))).hasHost("index").hasPort(8080);
        assertThat(URI.create(registry.get("WHARF_AUTH_REALM"))).hasPath("/v2/token");
        assertThat(URI.create(index.get("WHARF_REGISTRY_URL"))).hasHost("registry").hasPort(5000);
        // What users see is the published side, not the compose network's names.
        assertThat(index.get("WHARF_REGISTRY_HOST")).isEqualTo("127.0.0.1:5000");
        assertThat(index.get("WHARF_PUBLIC_URL") + "/v2/token").isEqualTo(registry.get("WHARF_AUTH_REALM"));

        // S3 uploads each collect a 10 MB part (40 MB of them on the heap): a larger heap than the image's default
        // for disk storage.
        assertThat(registry.get("JAVA_TOOL_OPTIONS")).startsWith("-Xmx256m ").endsWith(" -Dspring.aot.enabled=true");
        assertThat(index.get("JAVA_TOOL_OPTIONS")).startsWith("-Xmx128m ").contains("-XX:+UseSerialGC")
                .endsWith(" -Dspring.aot.enabled=true");
        assertThat(unknownVariables(registry, "registry-app")).isEmpty();
        assertThat(unknownVariables(index, "index-app")).isEmpty();

        for (String app : List.of("index", "registry")) {
            Map<String, Object> service = (Map<String, Object>) services.get(app);
            assertThat(service.get("healthcheck")).asString().contains("/readyz");
            assertThat(service.get("volumes")).asString().contains("/var/lib/wharf");
        }
        assertThat(((Map<String, Object>) services.get("registry")).get("depends_on")).asString()
                .contains("postgres", "minio-bucket", "index");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> services, String service) {
        return (Map<String, String>) ((Map<String, Object>) services.get(service)).get("environment");
    }

    /**
     * The variables given to an app that it does not read: neither a placeholder of its application.yml
     * ({@code ${WHARF_S3_BUCKET:}}) nor the environment form of one of its properties (spring.datasource.url is
     * SPRING_DATASOURCE_URL, wharf.registry.search.index-url is WHARF_REGISTRY_SEARCH_INDEXURL).
     */
    @SuppressWarnings("unchecked")
    private Set<String> unknownVariables(Map<String, String> environment, String module) throws IOException {
        String yaml = Files.readString(root.resolve(module).resolve("src/main/resources/application.yml"));
        Set<String> known = new HashSet<>(BOOT_PROPERTIES);
        collectEnvironmentNames("", new Yaml().<Map<String, Object>>load(yaml), known);
        Set<String> unknown = new HashSet<>();
        for (String variable : environment.keySet()) {
            if (!known.contains(variable) && !yaml.contains("${" + variable + ":")) {
                unknown.add(variable);
            }
        }
        return unknown;
    }

    @SuppressWarnings("unchecked")
    private static void collectEnvironmentNames(String prefix, Map<String, Object> properties, Set<String> names) {
        properties.forEach((key, value) -> {
            String name = prefix + key.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_');
            names.add(name);
            if (value instanceof Map<?, ?> nested) {
                collectEnvironmentNames(name + "_", (Map<String, Object>) nested, names);
            }
        });
    }
}
