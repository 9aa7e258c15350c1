package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.TransactionResult;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class BitmapCommandsIntegrationTests {

    private static final BitFieldType U8 = BitFieldType.unsigned(8);
    private static final BitFieldType I8 = BitFieldType.signed(8);

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        return redis;
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void setbitAndGetbit(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.setbit("b", 7, true)).isFalse();
            assertThat(redis.setbit("b", 7, true)).isTrue();
            assertThat(redis.getbit("b", 7)).isTrue();
            assertThat(redis.getbit("b", 6)).isFalse();
            assertThat(redis.getbit("b", 1000)).isFalse();
            assertThat(redis.getbit("missing", 0)).isFalse();
            assertThat(redis.get("b")).isEqualTo("\u0001");
            assertThat(redis.setbit("b", 7, false)).isTrue();
            assertThat(redis.setbit("b", 17, true)).isFalse();
            assertThat(redis.strlen("b")).isEqualTo(3);
            assertThatThrownBy(() -> redis.setbit("b", -1, true)).isInstanceOf(RedisServerException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void bitcountWithByteAndBitRanges(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.set("s", "foobar");
            assertThat(redis.bitcount("s")).isEqualTo(26);
            assertThat(redis.bitcount("s", 0, 0)).isEqualTo(4);
            assertThat(redis.bitcount("s", 1, 1)).isEqualTo(6);
            assertThat(redis.bitcount("s", 1, 1, BitUnit.BYTE)).isEqualTo(6);
            assertThat(redis.bitcount("s", 5, 30, BitUnit.BIT)).isEqualTo(17);
            assertThat(redis.bitcount("s", -1, -1)).isEqualTo(4);
            assertThat(redis.bitcount("missing")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void bitposInEveryForm(RespVersion protocol, RedisServer server) {
        try (RedisClient<byte[]> raw = RedisClient.create(server.configBuilder().protocol(protocol).build())
                .withCodec(ByteArrayCodec.INSTANCE)) {
            raw.execute("FLUSHDB");
            raw.set("k", new byte[] {(byte) 0xff, (byte) 0xf0, 0x00});
            assertThat(raw.bitpos("k", false)).isEqualTo(12);
            assertThat(raw.bitpos("k", true)).isZero();
            assertThat(raw.bitpos("k", true, 2)).isEqualTo(-1);
            assertThat(raw.bitpos("k", true, 1)).isEqualTo(8);
            assertThat(raw.bitpos("k", false, 0, 0)).isEqualTo(-1);
            assertThat(raw.bitpos("k", true, 7, 15, BitUnit.BIT)).isEqualTo(7);
            assertThat(raw.bitpos("k", false, 7, 15, BitUnit.BIT)).isEqualTo(12);
            assertThat(raw.bitpos("k", true, 2, 2, BitUnit.BYTE)).isEqualTo(-1);
            assertThat(raw.bitpos("missing", true)).isEqualTo(-1);
            assertThat(raw.bitpos("missing", false)).isZero();
            raw.set("ones", new byte[] {(byte) 0xff});
            assertThat(raw.bitpos("ones", false)).isEqualTo(8);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void bitopAndOrXorNot(RespVersion protocol, RedisServer server) {
        try (RedisClient<byte[]> raw = RedisClient.create(server.configBuilder().protocol(protocol).build())
                .withCodec(ByteArrayCodec.INSTANCE)) {
            raw.execute("FLUSHDB");
            raw.set("a", new byte[] {0b0011, 0x01});
            raw.set("b", new byte[] {0b0101});
            assertThat(raw.bitop(BitOperation.AND, "and", "a", "b")).isEqualTo(2);
            assertThat(raw.get("and")).containsExactly(0b0001, 0);
            assertThat(raw.bitop(BitOperation.OR, "or", List.of("a", "b"))).isEqualTo(2);
            assertThat(raw.get("or")).containsExactly(0b0111, 1);
            assertThat(raw.bitop(BitOperation.XOR, "xor", "a", "b")).isEqualTo(2);
            assertThat(raw.get("xor")).containsExactly(0b0110, 1);
            assertThat(raw.bitop(BitOperation.NOT, "not", "b")).isEqualTo(1);
            assertThat(raw.get("not")).containsExactly((byte) 0b11111010);
            assertThat(raw.bitop(BitOperation.AND, "none", "missing1", "missing2")).isZero();
            assertThat(raw.exists("none")).isZero();
            assertThatThrownBy(() -> raw.bitop(BitOperation.NOT, "x", "a", "b"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> raw.bitop(BitOperation.OR, "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void bitfieldSubOperationsAndOverflow(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.bitfield("f", BitFieldArgs.NONE)).isEmpty();
            assertThat(redis.bitfield("f", BitFieldArgs.NONE.set(U8, 0, 200).get(U8, 0).incrby(U8, 0, 100)))
                    .containsExactly(0L, 200L, 44L); // WRAP by default: 300 - 256
            assertThat(redis.bitfield("f", BitFieldArgs.NONE.overflow(BitFieldOverflow.SAT).incrby(U8, 0, 1000)
                    .overflow(BitFieldOverflow.FAIL).incrby(U8, 0, 1).incrby(U8, 0, -5)))
                    .isEqualTo(Arrays.asList(255L, null, 250L));
            assertThat(redis.bitfield("f", BitFieldArgs.NONE.set(I8, BitFieldArgs.Offset.index(1), -3)
                    .get(I8, BitFieldArgs.Offset.index(1)).get(I8, 8).get(BitFieldType.signed(64), 0)
                    .get(BitFieldType.unsigned(63), 0).get(BitFieldType.unsigned(1), 0)))
                    .containsExactly(0L, -3L, -3L, 0xFAFD000000000000L, 0xFAFD000000000000L >>> 1, 1L);
            assertThat(redis.bitfieldRo("f", BitFieldArgs.NONE.get(U8, 0).get(I8, BitFieldArgs.Offset.index(1))
                    .get(U8, 1000))).containsExactly(250L, -3L, 0L);
            assertThat(redis.bitfieldRo("missing", BitFieldArgs.NONE.get(U8, 0))).containsExactly(0L);
            assertThatThrownBy(() -> redis.bitfieldRo("f", BitFieldArgs.NONE.set(U8, 0, 1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelineTransactionAndAsync(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            List<Object> results = redis.pipelined(p -> {
                p.setbit("p", 1, true);
                p.getbit("p", 1);
                p.bitcount("p");
                p.bitpos("p", true);
                p.bitop(BitOperation.NOT, "q", "p");
                p.bitfield("p", BitFieldArgs.NONE.get(U8, 0));
                p.bitfieldRo("p", BitFieldArgs.NONE.get(BitFieldType.unsigned(2), 0));
            });
            assertThat(results).containsExactly(false, true, 1L, 1L, 1L, List.of(64L), List.of(1L));

            TransactionResult tx = redis.multi(t -> {
                t.setbit("t", 0, true);
                t.bitcount("t", 0, -1, BitUnit.BIT);
                t.bitpos("t", false, 0, -1);
                t.bitfield("t", BitFieldArgs.NONE.incrby(U8, 0, 1));
            });
            assertThat(tx.results()).containsExactly(false, 1L, 1L, List.of(129L));

            assertThat(redis.async().setbit("a", 3, true).join()).isFalse();
            assertThat(redis.async().getbit("a", 3).join()).isTrue();
            assertThat(redis.async().bitcount("a", 0, 0).join()).isEqualTo(1L);
            assertThat(redis.async().bitfield("a", BitFieldArgs.NONE.get(U8, 0)).join()).containsExactly(16L);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void wrongType(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.sadd("set", "a");
            assertThatThrownBy(() -> redis.getbit("set", 0)).isInstanceOfSatisfying(RedisServerException.class,
                    e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThatThrownBy(() -> redis.bitfield("set", BitFieldArgs.NONE.get(U8, 0)))
                    .isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
        }
    }
}
