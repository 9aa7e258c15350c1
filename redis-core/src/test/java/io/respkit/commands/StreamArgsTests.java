package io.respkit.commands;

import io.respkit.codec.StringCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamArgsTests {

    private static List<String> words(Command<?> cmd) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cmd.argumentCount(); i++) {
            out.add(cmd.argumentText(i));
        }
        return out;
    }

    private static Command<Object> cmd() {
        return Command.create(StringCodec.UTF8, "X", ReplyDecoders.raw());
    }

    @Test
    void idsParseFormatAndCompareAsUnsigned() {
        assertThat(StreamEntryId.parse("1700000000000-3")).isEqualTo(StreamEntryId.of(1700000000000L, 3));
        assertThat(StreamEntryId.parse("0-0")).isEqualTo(StreamEntryId.MIN);
        StreamEntryId max = StreamEntryId.parse("18446744073709551615-18446744073709551615");
        assertThat(max).isEqualTo(StreamEntryId.MAX);
        assertThat(max.toString()).isEqualTo("18446744073709551615-18446744073709551615");
        assertThat(StreamEntryId.parse("18446744073709551615-0".getBytes(StandardCharsets.US_ASCII)).millis())
                .isEqualTo(-1L);
        assertThat(StreamEntryId.of(1, 2).toString()).isEqualTo("1-2");
        assertThat(StreamEntryId.MAX).isGreaterThan(StreamEntryId.of(Long.MAX_VALUE, 0));
        assertThat(StreamEntryId.of(2, 0)).isGreaterThan(StreamEntryId.of(1, 99));
        assertThat(StreamEntryId.of(1, 1)).isLessThan(StreamEntryId.of(1, 2));
        assertThat(StreamEntryId.MIN.isMin()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "$", ">", "-", "+", "5", "5-", "-5", "5-*", "a-1", "1-a", "1-2-3", " 1-2",
            "18446744073709551616-0", "0-18446744073709551616", "99999999999999999999-0", "(1-0", "1-+2"})
    void badIdsAreRefused(String text) {
        assertThatThrownBy(() -> StreamEntryId.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a stream entry id");
        assertThatThrownBy(() -> StreamEntryId.parse(text.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boundsAndOffsetsSpellTheSpecialWords() {
        assertThat(StreamBound.unbounded().lowerText()).isEqualTo("-");
        assertThat(StreamBound.unbounded().upperText()).isEqualTo("+");
        assertThat(StreamBound.exclusive(StreamEntryId.of(3, 1)).lowerText()).isEqualTo("(3-1");
        assertThat(StreamBound.inclusive(StreamEntryId.of(3, 1)).upperText()).isEqualTo("3-1");
        assertThat(StreamOffset.latest().offsetText()).isEqualTo("$");
        assertThat(StreamOffset.undelivered().offsetText()).isEqualTo(">");
        assertThat(StreamOffset.after(StreamEntryId.of(4, 0)).offsetText()).isEqualTo("4-0");
        assertThatThrownBy(() -> StreamBound.exclusive(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void trimArgs() {
        Command<Object> c = cmd();
        XTrimArgs.maxLen(10).appendTo(c);
        XTrimArgs.minId(StreamEntryId.of(5, 0)).withApproximate().withLimit(100).appendTo(c);
        assertThat(words(c)).containsExactly("X", "MAXLEN", "=", "10", "MINID", "~", "5-0", "LIMIT", "100");
        assertThatThrownBy(() -> XTrimArgs.maxLen(10).withLimit(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("~");
        assertThatThrownBy(() -> XTrimArgs.maxLen(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XTrimArgs.maxLen(1).withApproximate().withLimit(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XTrimArgs(5, StreamEntryId.MIN, false, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XTrimArgs(-1, null, false, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addArgs() {
        Command<Object> c = cmd();
        XAddArgs.NONE.appendTo(c);
        XAddArgs.NONE.withNoMkStream().withTrim(XTrimArgs.maxLen(3).withApproximate()).withId(StreamEntryId.of(9, 1))
                .appendTo(c);
        XAddArgs.NONE.withAutoSequence(42).appendTo(c);
        assertThat(words(c)).containsExactly("X", "*", "NOMKSTREAM", "MAXLEN", "~", "3", "9-1", "42-*");
        assertThatThrownBy(() -> XAddArgs.NONE.withId(StreamEntryId.MIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XAddArgs.NONE.withAutoSequence(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XAddArgs(StreamEntryId.of(1, 0), 1, false, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(XAddArgs.NONE.withAutoSequence(5).withId(StreamEntryId.of(1, 1)).autoSequenceMillis()).isEqualTo(-1);
    }

    @Test
    void readArgsBlockInWholeMillisecondsRoundedUp() {
        Command<Object> c = cmd();
        XReadArgs.count(5).withBlock(Duration.ofNanos(1)).withNoAck().appendTo(c);
        assertThat(words(c)).containsExactly("X", "COUNT", "5", "BLOCK", "1", "NOACK");
        assertThat(c.blockMillis()).isGreaterThanOrEqualTo(0);
        Command<Object> forever = cmd();
        XReadArgs.block(Duration.ZERO).appendTo(forever);
        assertThat(words(forever)).containsExactly("X", "BLOCK", "0");
        assertThat(forever.blockMillis()).isZero();
        Command<Object> none = cmd();
        XReadArgs.NONE.appendTo(none);
        assertThat(none.blockMillis()).isEqualTo(-1);
        assertThatThrownBy(() -> XReadArgs.count(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XReadArgs.block(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
