package io.respkit.spring.core;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The JSON codec behind {@link RedisTemplate#forType(Class)}. */
class JacksonJsonCodecTests {

    record Person(String name, int age, List<String> tags) {
    }

    private final JacksonJsonCodec<Person> codec = JacksonJsonCodec.of(Person.class);

    @Test
    void writesUtf8JsonAndReadsItBack() {
        Person ada = new Person("Adä", 36, List.of("math"));
        byte[] bytes = codec.encode(ada);
        assertThat(JsonMapper.shared().readTree(bytes).path("name").asString()).isEqualTo("Adä");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{").doesNotContain("\\u");
        assertThat(codec.decode(bytes)).isEqualTo(ada);
        assertThat(codec.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void nonJsonBytesFailAsIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> codec.decode(new byte[] {(byte) 0xAC, (byte) 0xED}))
                .withMessageContaining(Person.class.getName());
    }

    @Test
    void factoryUsesTheGivenMapper() {
        JsonMapper mapper = JsonMapper.builder().build();
        ValueCodecFactory factory = JacksonJsonCodec.factory(mapper);
        assertThat(factory.codecFor(Person.class).decode("{\"name\":\"x\",\"age\":1,\"tags\":[]}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new Person("x", 1, List.of()));
    }
}
