package io.respkit.spring.boot.autoconfigure;

import io.respkit.spring.core.RedisTemplate;
import io.respkit.spring.core.ValueCodecFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** How the template bean gets its JSON support, with and without Jackson. No server is needed. */
class RedisTemplateAutoConfigurationTests {

    record Person(String firstName, int age) {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    @Test
    void forTypeUsesTheApplicationsJsonMapper() {
        runner.withBean(JsonMapper.class, () -> JsonMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
                .run(context -> {
                    RedisTemplate<Person> people = context.getBean(RedisTemplate.class).forType(Person.class);
                    byte[] json = people.codec().encode(new Person("Ada", 36));
                    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"first_name\":\"Ada\"");
                    assertThat(people.codec().decode(json)).isEqualTo(new Person("Ada", 36));
                });
    }

    @Test
    void forTypeUsesJacksonDefaultsWithoutAMapperBean() {
        runner.run(context -> {
            RedisTemplate<Person> people = context.getBean(RedisTemplate.class).forType(Person.class);
            String json = new String(people.codec().encode(new Person("Ada", 36)), StandardCharsets.UTF_8);
            assertThat(json).contains("\"firstName\":\"Ada\"").contains("\"age\":36");
        });
    }

    @Test
    void withoutJacksonTheStringTemplateWorksAndForTypeExplains() {
        runner.withClassLoader(new FilteredClassLoader("tools.jackson")).run(context -> {
            assertThat(context).hasNotFailed();
            RedisTemplate<?> template = context.getBean(RedisTemplate.class);
            assertThat(template.codec().decode("v".getBytes(StandardCharsets.UTF_8))).isEqualTo("v");
            assertThatIllegalStateException().isThrownBy(() -> template.forType(Person.class))
                    .withMessageContaining("Jackson 3")
                    .withMessageContaining("tools.jackson.core:jackson-databind");
        });
    }

    @Test
    void userCodecFactoryWins() {
        ValueCodecFactory mine = ValueCodecFactory.unavailable("mine");
        runner.withBean(ValueCodecFactory.class, () -> mine).run(context ->
                assertThatIllegalStateException()
                        .isThrownBy(() -> context.getBean(RedisTemplate.class).forType(Person.class))
                        .withMessage("mine"));
    }
}
