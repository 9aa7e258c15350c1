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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(RedisServerExtension.class)
@SuppressWarnings("deprecation") // the GEORADIUS family is tested too
class GeoCommandsIntegrationTests {

    private static final GeoCoordinates PALERMO = GeoCoordinates.of(13.361389, 38.115556);
    private static final GeoCoordinates CATANIA = GeoCoordinates.of(15.087269, 37.502669);
    private static final long PALERMO_HASH = 3479099956230698L;
    private static final long CATANIA_HASH = 3479447370796909L;

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        return redis;
    }

    private static Map<String, GeoCoordinates> sicily() {
        Map<String, GeoCoordinates> m = new LinkedHashMap<>();
        m.put("Palermo", PALERMO);
        m.put("Catania", CATANIA);
        return m;
    }

    private static void assertNear(GeoCoordinates actual, GeoCoordinates expected) {
        assertThat(actual.longitude()).isCloseTo(expected.longitude(), within(1e-5));
        assertThat(actual.latitude()).isCloseTo(expected.latitude(), within(1e-5));
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void geoaddWithOptions(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.geoadd("sicily", sicily())).isEqualTo(2);
            assertThat(redis.geoadd("sicily", 13.583333, 37.316667, "Agrigento")).isEqualTo(1);
            assertThat(redis.geoadd("sicily", Map.of("Palermo", CATANIA))).isZero();
            assertThat(redis.geoadd("sicily", Map.of("Palermo", PALERMO), GeoAddArgs.CH)).isEqualTo(1);
            assertThat(redis.geoadd("sicily", Map.of("Palermo", CATANIA), GeoAddArgs.NX.withCh())).isZero();
            assertThat(redis.geoadd("sicily", Map.of("Ragusa", CATANIA), GeoAddArgs.XX)).isZero();
            assertThat(redis.geoadd("sicily", Map.of("Catania", PALERMO, "Enna", CATANIA), GeoAddArgs.XX.withCh()))
                    .isEqualTo(1);
            assertThat(redis.zcard("sicily")).isEqualTo(3);
            assertThatThrownBy(() -> redis.geoadd("sicily", Map.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void geodistGeohashGeopos(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.geoadd("sicily", sicily());
            assertThat(redis.geodist("sicily", "Palermo", "Catania")).isCloseTo(166274.1516, within(1e-3));
            assertThat(redis.geodist("sicily", "Palermo", "Catania", GeoUnit.KM)).isCloseTo(166.2742, within(1e-4));
            assertThat(redis.geodist("sicily", "Palermo", "Catania", GeoUnit.MI)).isCloseTo(103.3182, within(1e-4));
            assertThat(redis.geodist("sicily", "Palermo", "Catania", GeoUnit.FT))
                    .isCloseTo(545518.8700, within(1e-3));
            assertThat(redis.geodist("sicily", "Palermo", "Nowhere")).isNull();
            assertThat(redis.geodist("missing", "a", "b")).isNull();

            assertThat(redis.geohash("sicily", "Palermo", "Nowhere", "Catania"))
                    .isEqualTo(Arrays.asList("sqc8b49rny0", null, "sqdtr74hyu0"));
            assertThat(redis.geohash("missing", List.of("a"))).isEqualTo(Arrays.asList((String) null));

            List<GeoCoordinates> positions = redis.geopos("sicily", "Palermo", "Nowhere", "Catania");
            assertThat(positions).hasSize(3);
            assertNear(positions.get(0), PALERMO);
            assertThat(positions.get(1)).isNull();
            assertNear(positions.get(2), CATANIA);
            assertThat(redis.geopos("missing", List.of("a", "b"))).containsExactly(null, null);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void geosearchWithEveryOption(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.geoadd("sicily", sicily());
            GeoSearchArgs near = GeoSearchArgs.fromLonLat(15, 37).byRadius(200, GeoUnit.KM);

            assertThat(redis.geosearch("sicily", near.asc()))
                    .containsExactly(GeoResult.of("Catania"), GeoResult.of("Palermo"));
            assertThat(redis.geosearch("sicily", near.desc()))
                    .containsExactly(GeoResult.of("Palermo"), GeoResult.of("Catania"));
            assertThat(redis.geosearch("sicily", near.count(1))).containsExactly(GeoResult.of("Catania"));
            assertThat(redis.geosearch("sicily", near.countAny(1))).hasSize(1);
            assertThat(redis.geosearch("sicily", GeoSearchArgs.fromLonLat(15, 37).byRadius(100, GeoUnit.KM)))
                    .containsExactly(GeoResult.of("Catania"));

            List<GeoResult<String>> full = redis.geosearch("sicily", near.asc().withHash().withCoord().withDist());
            assertThat(full).extracting(GeoResult::member).containsExactly("Catania", "Palermo");
            assertThat(full.get(0).distance()).isCloseTo(56.4413, within(1e-4));
            assertThat(full.get(0).hash()).isEqualTo(CATANIA_HASH);
            assertNear(full.get(0).coordinates(), CATANIA);
            assertThat(full.get(1).distance()).isCloseTo(190.4424, within(1e-4));
            assertThat(full.get(1).hash()).isEqualTo(PALERMO_HASH);
            assertNear(full.get(1).coordinates(), PALERMO);

            List<GeoResult<String>> distOnly = redis.geosearch("sicily", near.asc().withDist());
            assertThat(distOnly.get(0).hash()).isNull();
            assertThat(distOnly.get(0).coordinates()).isNull();
            assertThat(distOnly.get(0).distance()).isCloseTo(56.4413, within(1e-4));
            List<GeoResult<String>> hashOnly = redis.geosearch("sicily", near.asc().withHash());
            assertThat(hashOnly).containsExactly(new GeoResult<>("Catania", null, CATANIA_HASH, null),
                    new GeoResult<>("Palermo", null, PALERMO_HASH, null));
            List<GeoResult<String>> coordOnly = redis.geosearch("sicily", near.asc().withCoord());
            assertNear(coordOnly.get(1).coordinates(), PALERMO);
            assertThat(coordOnly.get(1).distance()).isNull();

            GeoSearchArgs box = GeoSearchArgs.fromMember("Palermo").byBox(400, 400, GeoUnit.KM).asc().withDist();
            List<GeoResult<String>> boxed = redis.geosearch("sicily", box);
            assertThat(boxed).extracting(GeoResult::member).containsExactly("Palermo", "Catania");
            assertThat(boxed.get(0).distance()).isZero();
            assertThat(boxed.get(1).distance()).isCloseTo(166.2742, within(1e-4));
            assertThat(redis.geosearch("sicily", GeoSearchArgs.fromMember("Palermo").byBox(10, 10, GeoUnit.KM)))
                    .containsExactly(GeoResult.of("Palermo"));

            assertThat(redis.geosearch("missing", near)).isEmpty();
            assertThatThrownBy(() -> redis.geosearch("sicily", GeoSearchArgs.fromMember("Nowhere")
                    .byRadius(1, GeoUnit.M))).isInstanceOf(RedisServerException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void geosearchstoreAsGeoSetOrDistances(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.geoadd("sicily", sicily());
            GeoSearchArgs near = GeoSearchArgs.fromLonLat(15, 37).byRadius(200, GeoUnit.KM).asc();
            assertThat(redis.geosearchstore("stored", "sicily", near.count(1))).isEqualTo(1);
            assertNear(redis.geopos("stored", "Catania").get(0), CATANIA);
            assertThat(redis.geosearchstore("dists", "sicily", near, true)).isEqualTo(2);
            assertThat(redis.zscore("dists", "Catania")).isCloseTo(56.4413, within(1e-4));
            assertThat(redis.geosearchstore("stored", "sicily", GeoSearchArgs.fromLonLat(0, 0)
                    .byRadius(1, GeoUnit.M), false)).isZero();
            assertThat(redis.exists("stored")).isZero();
            assertThatThrownBy(() -> redis.geosearchstore("x", "sicily", near.withDist()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void deprecatedGeoradiusFamily(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.geoadd("sicily", sicily());
            GeoSearchArgs fromPosition = GeoSearchArgs.fromLonLat(15, 37).byRadius(200, GeoUnit.KM).asc();
            List<GeoResult<String>> found = redis.georadius("sicily", fromPosition.withDist().withHash());
            assertThat(found).extracting(GeoResult::member).containsExactly("Catania", "Palermo");
            assertThat(found.get(0).distance()).isCloseTo(56.4413, within(1e-4));
            assertThat(found.get(0).hash()).isEqualTo(CATANIA_HASH);
            assertThat(redis.georadiusRo("sicily", fromPosition.desc().count(1)))
                    .containsExactly(GeoResult.of("Palermo"));

            GeoSearchArgs fromMember = GeoSearchArgs.fromMember("Palermo").byRadius(100, GeoUnit.KM);
            assertThat(redis.georadiusbymember("sicily", fromMember)).containsExactly(GeoResult.of("Palermo"));
            List<GeoResult<String>> withCoord = redis.georadiusbymemberRo("sicily",
                    GeoSearchArgs.fromMember("Palermo").byRadius(200, GeoUnit.KM).asc().withCoord());
            assertThat(withCoord).extracting(GeoResult::member).containsExactly("Palermo", "Catania");
            assertNear(withCoord.get(1).coordinates(), CATANIA);

            assertThat(redis.georadiusStore("sicily", fromPosition.count(1), "near", false)).isEqualTo(1);
            assertNear(redis.geopos("near", "Catania").get(0), CATANIA);
            assertThat(redis.georadiusbymemberStore("sicily", GeoSearchArgs.fromMember("Palermo")
                    .byRadius(200, GeoUnit.KM), "dists", true)).isEqualTo(2);
            assertThat(redis.zscore("dists", "Catania")).isCloseTo(166.2742, within(1e-4));
            assertThat(redis.zscore("dists", "Palermo")).isZero();
            assertThatThrownBy(() -> redis.georadiusStore("sicily", fromPosition.withDist(), "x", false))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThatThrownBy(() -> redis.georadius("sicily", fromMember))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> redis.georadiusbymember("sicily", fromPosition))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> redis.georadiusRo("sicily", GeoSearchArgs.fromLonLat(1, 1)
                    .byBox(1, 1, GeoUnit.KM))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void binaryMembers(RespVersion protocol, RedisServer server) {
        try (RedisClient<byte[]> raw = RedisClient.create(server.configBuilder().protocol(protocol).build())
                .withCodec(ByteArrayCodec.INSTANCE)) {
            raw.execute("FLUSHDB");
            byte[] member = "\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8);
            assertThat(raw.geoadd("b", 2.35, 48.85, member)).isEqualTo(1);
            List<GeoResult<byte[]>> found = raw.geosearch("b", GeoSearchArgs.fromMember(member)
                    .byRadius(1, GeoUnit.KM).withDist());
            assertThat(found).hasSize(1);
            assertThat(found.get(0).member()).isEqualTo(member);
            assertThat(found.get(0).distance()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelineTransactionAndAsync(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            GeoSearchArgs near = GeoSearchArgs.fromLonLat(15, 37).byRadius(200, GeoUnit.KM).asc();
            List<Object> results = redis.pipelined(p -> {
                p.geoadd("sicily", sicily());
                p.geodist("sicily", "Palermo", "Catania", GeoUnit.KM);
                p.geohash("sicily", "Palermo");
                p.geosearch("sicily", near);
                p.geosearchstore("copy", "sicily", near);
                p.georadiusbymemberRo("sicily", GeoSearchArgs.fromMember("Catania").byRadius(1, GeoUnit.KM));
            });
            assertThat(results).hasSize(6);
            assertThat(results.get(0)).isEqualTo(2L);
            assertThat((Double) results.get(1)).isCloseTo(166.2742, within(1e-4));
            assertThat(results.get(2)).isEqualTo(List.of("sqc8b49rny0"));
            assertThat(results.get(3)).isEqualTo(List.of(GeoResult.of("Catania"), GeoResult.of("Palermo")));
            assertThat(results.get(4)).isEqualTo(2L);
            assertThat(results.get(5)).isEqualTo(List.of(GeoResult.of("Catania")));

            TransactionResult tx = redis.multi(t -> {
                t.geoadd("t", 2.35, 48.85, "Paris");
                t.geopos("t", "Paris", "Lyon");
                t.geodist("t", "Paris", "Lyon");
                t.georadius("t", GeoSearchArgs.fromLonLat(2.35, 48.85).byRadius(1, GeoUnit.KM).withDist());
            });
            assertThat(tx.results()).hasSize(4);
            assertThat(tx.results().get(0)).isEqualTo(1L);
            @SuppressWarnings("unchecked")
            List<GeoCoordinates> positions = (List<GeoCoordinates>) tx.results().get(1);
            assertNear(positions.get(0), GeoCoordinates.of(2.35, 48.85));
            assertThat(positions.get(1)).isNull();
            assertThat(tx.results().get(2)).isNull();
            @SuppressWarnings("unchecked")
            List<GeoResult<String>> around = (List<GeoResult<String>>) tx.results().get(3);
            assertThat(around).extracting(GeoResult::member).containsExactly("Paris");

            assertThat(redis.async().geoadd("a", Map.of("x", PALERMO), GeoAddArgs.NX).join()).isEqualTo(1L);
            assertNear(redis.async().geopos("a", "x").join().get(0), PALERMO);
            assertThat(redis.async().geosearch("a", GeoSearchArgs.fromMember("x").byRadius(1, GeoUnit.M)).join())
                    .containsExactly(GeoResult.of("x"));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void wrongType(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.set("str", "v");
            assertThatThrownBy(() -> redis.geoadd("str", 1, 1, "m")).isInstanceOfSatisfying(
                    RedisServerException.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThatThrownBy(() -> redis.geosearch("str", GeoSearchArgs.fromLonLat(1, 1).byRadius(1, GeoUnit.M)))
                    .isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
        }
    }
}
