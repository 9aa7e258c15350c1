package io.respkit.internal.commands;

import io.respkit.exceptions.RedisDecodingException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Strict decoding of names: what is text comes back exactly, what is not fails typed, without the bytes. */
class NamesTests {

    @Test
    void aNameSpellingTheReplacementCharacterIsText() {
        byte[] replacementChar = "a\uFFFDb".getBytes(StandardCharsets.UTF_8);
        assertThat(Names.strict(replacementChar, StandardCharsets.UTF_8)).isEqualTo("a\uFFFDb");
        assertThat(Names.strict("plain".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("plain");
        assertThat(Names.strict(42L, StandardCharsets.UTF_8)).isEqualTo("42");
    }

    @Test
    void bytesThatAreNotTextInTheCharsetFailWithoutEchoingThem() {
        byte[] truncated = {'k', (byte) 0xe2, (byte) 0x82};
        assertThatThrownBy(() -> Names.strict(truncated, StandardCharsets.UTF_8))
                .isInstanceOf(RedisDecodingException.class)
                .hasMessageContaining("3 bytes").hasMessageContaining("UTF-8").hasMessageNotContaining("\uFFFD");
        assertThatThrownBy(() -> Names.strict(new byte[] {(byte) 0x80}, StandardCharsets.US_ASCII))
                .isInstanceOf(RedisDecodingException.class);
    }

    @Test
    void latin1DecodesEveryByteAndEncodesItBack() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        String name = Names.strict(all, StandardCharsets.ISO_8859_1);
        assertThat(name.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(all);
    }
}
