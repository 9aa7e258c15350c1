package io.respkit.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link ReadFrom#parse(String)}: every usual spelling of every value, in any case, and
 * a message listing the valid values for anything else. Stateless; safe to run in parallel.
 */
class ReadFromTests {

    @Test
    void parsesTheEnumNameKebabCaseAndCamelCaseInAnyCase() {
        for (ReadFrom r : ReadFrom.values()) {
            String kebab = r.name().toLowerCase().replace('_', '-');
            assertThat(ReadFrom.parse(r.name())).isEqualTo(r);
            assertThat(ReadFrom.parse(r.name().toLowerCase())).isEqualTo(r);
            assertThat(ReadFrom.parse(kebab)).isEqualTo(r);
            assertThat(ReadFrom.parse(kebab.toUpperCase())).isEqualTo(r);
        }
        assertThat(ReadFrom.parse("replica-preferred")).isEqualTo(ReadFrom.REPLICA_PREFERRED);
        assertThat(ReadFrom.parse("REPLICA_PREFERRED")).isEqualTo(ReadFrom.REPLICA_PREFERRED);
        assertThat(ReadFrom.parse("replicaPreferred")).isEqualTo(ReadFrom.REPLICA_PREFERRED);
        assertThat(ReadFrom.parse("ReplicaPreferred")).isEqualTo(ReadFrom.REPLICA_PREFERRED);
        assertThat(ReadFrom.parse("primaryPreferred")).isEqualTo(ReadFrom.PRIMARY_PREFERRED);
        assertThat(ReadFrom.parse("Primary")).isEqualTo(ReadFrom.PRIMARY);
        assertThat(ReadFrom.parse("any")).isEqualTo(ReadFrom.ANY);
        assertThat(ReadFrom.parse("replica")).isEqualTo(ReadFrom.REPLICA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "master", "slave", "nearest", "replicas", "replica--preferred",
            "replica preferred", " primary", "r-e-plica", "-replica", "primary_preferred_"})
    void anythingElseIsRefusedWithTheValidValues(String text) {
        assertThatThrownBy(() -> ReadFrom.parse(text))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readFrom must be one of primary, primary-preferred, replica-preferred, "
                        + "replica, any")
                .hasMessageEndingWith("was '" + text + "'");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> ReadFrom.parse(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessageContaining("readFrom");
    }

    @Test
    void primaryComesFirstAsTheDefaultEveryConfigurationUses() {
        assertThat(ReadFrom.values()).containsExactly(ReadFrom.PRIMARY, ReadFrom.PRIMARY_PREFERRED,
                ReadFrom.REPLICA_PREFERRED, ReadFrom.REPLICA, ReadFrom.ANY);
    }
}
