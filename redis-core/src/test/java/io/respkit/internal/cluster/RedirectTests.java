package io.respkit.internal.cluster;

import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisServerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectTests {

    private static final HostAndPort FROM = new HostAndPort("10.0.0.9", 7000);

    private static RedisServerException error(String code, String message) {
        return new RedisServerException(code, message, message + " (command GET on 10.0.0.9:7000)");
    }

    @Test
    void movedAndAskNameTheSlotAndTheNode() {
        assertThat(Redirect.of(error("MOVED", "MOVED 3999 127.0.0.1:6381"), FROM))
                .isEqualTo(new Redirect(true, 3999, new HostAndPort("127.0.0.1", 6381)));
        assertThat(Redirect.of(error("ASK", "ASK 3999 127.0.0.1:6381"), FROM))
                .isEqualTo(new Redirect(false, 3999, new HostAndPort("127.0.0.1", 6381)));
        // the server's message without the code, as some paths keep it
        assertThat(Redirect.of(error("MOVED", "3999 127.0.0.1:6381"), FROM).slot()).isEqualTo(3999);
    }

    @Test
    void anUnknownEndpointMeansTheNodeThatAnswered() {
        assertThat(Redirect.of(error("MOVED", "MOVED 1 :6390"), FROM).target())
                .isEqualTo(new HostAndPort("10.0.0.9", 6390));
        assertThat(Redirect.of(error("MOVED", "MOVED 1 ?:6390"), FROM).target())
                .isEqualTo(new HostAndPort("10.0.0.9", 6390));
        assertThat(Redirect.of(error("ASK", "ASK 16383 [::1]:7001"), FROM).target())
                .isEqualTo(new HostAndPort("::1", 7001));
        assertThat(Redirect.of(error("ASK", "ASK 16383 ::1:7001"), FROM).target())
                .isEqualTo(new HostAndPort("::1", 7001));
    }

    @Test
    void anythingElseIsNoRedirect() {
        assertThat(Redirect.of(error("ERR", "ERR unknown command"), FROM)).isNull();
        assertThat(Redirect.of(error("MOVED", "MOVED"), FROM)).isNull();
        assertThat(Redirect.of(error("MOVED", "MOVED x 127.0.0.1:1"), FROM)).isNull();
        assertThat(Redirect.of(error("MOVED", "MOVED 16384 127.0.0.1:1"), FROM)).isNull();
        assertThat(Redirect.of(error("MOVED", "MOVED 1 127.0.0.1:0"), FROM)).isNull();
        assertThat(Redirect.of(error("MOVED", "MOVED 1 127.0.0.1"), FROM)).isNull();
    }
}
