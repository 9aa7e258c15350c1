package io.respkit.commands;

import io.respkit.codec.StringCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BitFieldArgsTests {

    private static List<String> words(BitFieldArgs args) {
        Command<Object> cmd = Command.create(StringCodec.UTF8, "BITFIELD", ReplyDecoders.raw()).key("k");
        args.appendTo(cmd);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < cmd.argumentCount(); i++) {
            words.add(cmd.argumentText(i));
        }
        return words;
    }

    @Test
    void subOperationsAreSentInOrderWithTypesAndOffsets() {
        BitFieldArgs args = BitFieldArgs.NONE.get(BitFieldType.signed(8), 0)
                .overflow(BitFieldOverflow.FAIL)
                .set(BitFieldType.unsigned(4), BitFieldArgs.Offset.index(3), 7)
                .incrby(BitFieldType.signed(64), 100, -2);
        assertThat(words(args)).containsExactly("BITFIELD", "k", "GET", "i8", "0", "OVERFLOW", "FAIL", "SET", "u4", "#3", "7",
                "INCRBY", "i64", "100", "-2");
        assertThat(args.isReadOnly()).isFalse();
        assertThat(BitFieldArgs.NONE.get(BitFieldType.unsigned(1), 1).isReadOnly()).isTrue();
        assertThat(BitFieldArgs.NONE.isReadOnly()).isTrue();
        assertThat(BitFieldArgs.NONE.operations()).isEmpty();
    }

    @Test
    void eachStepReturnsANewValue() {
        BitFieldArgs one = BitFieldArgs.NONE.get(BitFieldType.signed(8), 0);
        BitFieldArgs two = one.get(BitFieldType.signed(8), 8);
        assertThat(one.operations()).hasSize(1);
        assertThat(two.operations()).hasSize(2);
        assertThat(two).isEqualTo(BitFieldArgs.NONE.get(BitFieldType.signed(8), 0).get(BitFieldType.signed(8), 8));
        assertThatThrownBy(() -> two.operations().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void typesAndOffsetsAreCheckedAsTheServerWould() {
        assertThat(BitFieldType.signed(64).text()).isEqualTo("i64");
        assertThat(BitFieldType.unsigned(63).text()).isEqualTo("u63");
        assertThat(BitFieldType.signed(1)).hasToString("i1");
        assertThatThrownBy(() -> BitFieldType.unsigned(64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitFieldType.signed(65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitFieldType.signed(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitFieldArgs.Offset.bit(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitFieldArgs.NONE.get(BitFieldType.signed(8), -8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitFieldArgs.NONE.overflow(null)).isInstanceOf(NullPointerException.class);
    }
}
