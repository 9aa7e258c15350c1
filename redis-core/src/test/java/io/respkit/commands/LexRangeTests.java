package io.respkit.commands;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LexRangeTests {

    @Test
    void acceptsTheServersBoundsAndRefusesOthers() {
        assertThat(LexRange.of("-", "+")).isEqualTo(LexRange.ALL);
        assertThat(LexRange.closed("a", "c")).isEqualTo(new LexRange("[a", "[c"));
        assertThat(LexRange.atLeast("a")).isEqualTo(new LexRange("[a", "+"));
        assertThat(LexRange.lessThan("c")).isEqualTo(new LexRange("-", "(c"));
        assertThat(LexRange.of("(", "[")).isNotNull(); // the empty member is a valid bound
        assertThatThrownBy(() -> LexRange.of("a", "+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LexRange.of("-", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LexRange.of("--", "+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LexRange.of(null, "+")).isInstanceOf(NullPointerException.class);
    }
}
