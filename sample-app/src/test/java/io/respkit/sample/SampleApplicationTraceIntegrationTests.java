package io.respkit.sample;

import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --sample.trace=true}: every Redis call of the demo is logged as an observation, with the database tags. */
@ExtendWith({RedisServerExtension.class, OutputCaptureExtension.class})
class SampleApplicationTraceIntegrationTests {

    @Test
    void withTheTracePropertyEveryRedisCallIsLoggedAsASpan(RedisServer server, CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .properties("redis.url=" + server.url(), "sample.trace=true").run()) {
            assertThat(context.getBean(DemoReport.class).completed()).isTrue();
        }
        assertThat(output.getOut()).contains("span db.client.operation 'SET'", "db.system.name=redis",
                "db.operation.name=PIPELINE", "server.port=" + server.port(), "outcome=success");
        // the sample asks for sanitized query text: the command and its keys, never a value
        assertThat(output.getOut()).containsPattern("db\\.query\\.text=SET \\S+ \\?");
    }
}
