package io.respkit.commands;

import io.respkit.codec.StringCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeoArgsTests {

    private static List<String> words(GeoSearchArgs args) {
        Command<Object> cmd = Command.create(StringCodec.UTF8, "GEOSEARCH", ReplyDecoders.raw()).key("k");
        args.appendTo(cmd);
        List<String> words = new ArrayList<>();
        for (int i = 2; i < cmd.argumentCount(); i++) {
            words.add(cmd.argumentText(i));
        }
        return words;
    }

    @Test
    void coordinatesOutsideTheServersRangeAreRefused() {
        assertThat(GeoCoordinates.of(-180, GeoCoordinates.MIN_LATITUDE)).isNotNull();
        assertThat(GeoCoordinates.of(180, GeoCoordinates.MAX_LATITUDE)).isNotNull();
        assertThatThrownBy(() -> GeoCoordinates.of(180.0001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoCoordinates.of(-200, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoCoordinates.of(10, 86)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0,86.0");
        assertThatThrownBy(() -> GeoCoordinates.of(10, -85.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoCoordinates.of(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoSearchArgs.fromLonLat(0, 90)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void geoaddOptionsAreCheckedAndSentInOrder() {
        assertThatThrownBy(() -> GeoAddArgs.NX.withXx()).isInstanceOf(IllegalArgumentException.class);
        Command<Object> cmd = Command.create(StringCodec.UTF8, "GEOADD", ReplyDecoders.raw());
        GeoAddArgs.XX.withCh().appendTo(cmd);
        assertThat(cmd.argumentText(1)).isEqualTo("XX");
        assertThat(cmd.argumentText(2)).isEqualTo("CH");
        assertThat(GeoAddArgs.NONE.withNx().withCh()).isEqualTo(new GeoAddArgs(true, false, true));
    }

    @Test
    void aSearchHasExactlyOneCentreAndOneShape() {
        assertThat(words(GeoSearchArgs.fromMember("m").byRadius(5, GeoUnit.KM)))
                .containsExactly("FROMMEMBER", "m", "BYRADIUS", "5", "KM");
        assertThat(words(GeoSearchArgs.fromLonLat(GeoCoordinates.of(1.5, -2)).byBox(3, 4, GeoUnit.FT).desc()
                .countAny(7).withCoord().withDist().withHash()))
                .containsExactly("FROMLONLAT", "1.5", "-2", "BYBOX", "3", "4", "FT", "DESC", "COUNT", "7",
                        "ANY", "WITHCOORD", "WITHDIST", "WITHHASH");
        assertThat(words(GeoSearchArgs.fromMember("m").byRadius(1, GeoUnit.M).countAny(3).count(2).asc()))
                .containsExactly("FROMMEMBER", "m", "BYRADIUS", "1", "M", "ASC", "COUNT", "2");

        assertThatThrownBy(() -> new GeoSearchArgs("m", GeoCoordinates.of(0, 0), false, 1, 0, 0, GeoUnit.M,
                GeoSearchArgs.Order.NONE, 0, false, false, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoSearchArgs(null, null, false, 1, 0, 0, GeoUnit.M,
                GeoSearchArgs.Order.NONE, 0, false, false, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoSearchArgs.Center(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesTheServerRefusesAreRefused() {
        GeoSearchArgs.Center centre = GeoSearchArgs.fromMember("m");
        assertThatThrownBy(() -> centre.byRadius(-1, GeoUnit.M)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> centre.byRadius(Double.NaN, GeoUnit.M)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> centre.byBox(1, -1, GeoUnit.M)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> centre.byBox(-1, 1, GeoUnit.M)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> centre.byRadius(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> centre.byRadius(1, GeoUnit.M).count(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> centre.byRadius(1, GeoUnit.M).countAny(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoSearchArgs("m", null, false, 1, 0, 0, GeoUnit.M, GeoSearchArgs.Order.NONE,
                0, true, false, false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoSearchArgs.fromMember(null)).isInstanceOf(NullPointerException.class);
        assertThat(centre.byRadius(0, GeoUnit.M).hasWithOptions()).isFalse();
        assertThat(centre.byRadius(0, GeoUnit.M).withHash().hasWithOptions()).isTrue();
    }
}
