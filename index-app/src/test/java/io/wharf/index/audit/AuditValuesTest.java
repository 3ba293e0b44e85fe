package io.wharf.index.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.index.role.Role;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the audit trail lets into an entry: small non-secret fields, whatever a caller passes by mistake. */
class AuditValuesTest {

    private final AuditValues values = new AuditValues(JsonMapper.builder().build());

    @Test
    void fieldsNamedLikeASecretAreRefused() {
        for (String key : List.of("password", "newPassword", "secret", "webhookSecret", "passwordHash", "secretHash",
                "credential", "token", "value")) {
            assertThatThrownBy(() -> values.json(Map.of(key, "x"))).as(key)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never holds secrets");
        }
        assertThat(values.json(Map.of("tokenName", "ci"))).isEqualTo("{\"tokenName\":\"ci\"}");
    }

    @Test
    void onlyScalarsEnumsAndListsOfThemAreWrittenAndLongOnesAreCut() {
        assertThat(values.json(Map.of())).isNull();
        assertThat(values.json(Map.of("role", Role.ADMIN))).isEqualTo("{\"role\":\"admin\"}");
        assertThat(values.fields(values.json(Map.of("text", "x".repeat(300)))).get("text"))
                .isEqualTo("x".repeat(AuditValues.MAX_STRING_LENGTH) + "…");
        assertThat(values.fields(values.json(Map.of("items", Collections.nCopies(40, "a")))).get("items"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .hasSize(AuditValues.MAX_COLLECTION_SIZE + 1).endsWith("… 8 more");
        assertThatThrownBy(() -> values.json(Map.of("account", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a Object");
    }
}
