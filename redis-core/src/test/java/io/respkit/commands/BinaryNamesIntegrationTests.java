package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.exceptions.RedisDecodingException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Field and key names that are not text in the codec's charset: two different byte strings must never be handed back
 * as one name (a map entry silently lost), and a charset that maps every byte must round-trip them exactly.
 */
@ExtendWith(RedisServerExtension.class)
class BinaryNamesIntegrationTests {

    private static final byte[] FF = {(byte) 0xff};
    private static final byte[] FE = {(byte) 0xfe};

    private static RedisClient<byte[]> utf8(RedisServer server, RespVersion protocol) {
        RedisClient<byte[]> raw = RedisClient.create(server.configBuilder().protocol(protocol).build())
                .withCodec(ByteArrayCodec.INSTANCE);
        raw.execute("FLUSHDB");
        raw.execute("HSET", "h", FF, "1", FE, "2");
        raw.execute("XADD", "s", "1-1", FF, "1", FE, "2");
        raw.execute("SET", FF, "k1");
        return raw;
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void namesThatAreNotUtf8FailTypedInsteadOfCollapsing(RespVersion protocol, RedisServer server) {
        try (RedisClient<byte[]> raw = utf8(server, protocol)) {
            assertThatThrownBy(() -> raw.hgetall("h")).isInstanceOf(RedisDecodingException.class)
                    .hasMessageContaining("UTF-8").hasMessageContaining("ISO-8859-1");
            assertThatThrownBy(() -> raw.hkeys("h")).isInstanceOf(RedisDecodingException.class);
            assertThatThrownBy(() -> raw.xrange("s")).isInstanceOf(RedisDecodingException.class);
            assertThatThrownBy(() -> raw.keys("*")).isInstanceOf(RedisDecodingException.class);
            // the reply was read whole: the connection is fine and the data untouched
            assertThat(raw.hlen("h")).isEqualTo(2);
            assertThat(raw.xlen("s")).isEqualTo(1);
            assertThat(raw.ping()).isEqualTo("PONG");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void latin1CharsetRoundTripsEveryByte(RespVersion protocol, RedisServer server) {
        String ff = new String(FF, StandardCharsets.ISO_8859_1);
        String fe = new String(FE, StandardCharsets.ISO_8859_1);
        try (RedisClient<byte[]> setup = utf8(server, protocol);
                RedisClient<byte[]> raw = RedisClient.create(server.configBuilder().protocol(protocol).build())
                        .withCodec(ByteArrayCodec.of(StandardCharsets.ISO_8859_1))) {
            Map<String, byte[]> hash = raw.hgetall("h");
            assertThat(hash).containsOnlyKeys(ff, fe);
            assertThat(hash.get(ff)).containsExactly('1');
            assertThat(raw.hget("h", fe)).containsExactly('2');
            assertThat(raw.hkeys("h")).containsExactlyInAnyOrder(ff, fe);
            List<StreamEntry<byte[]>> entries = raw.xrange("s");
            assertThat(entries.get(0).fields()).containsOnlyKeys(ff, fe);
            assertThat(raw.keys("*")).contains(ff);
            assertThat(raw.get(ff)).containsExactly('k', '1');
            raw.hset("h", fe, new byte[] {'3'});
            assertThat((byte[]) setup.execute("HGET", "h", FE)).containsExactly('3');
        }
    }
}
