package io.respkit.internal.cluster;

import io.respkit.commands.ResponsePolicy;
import io.respkit.protocol.RespMap;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RepliesTests {

    @Test
    void aggregatesNumbers() {
        assertThat(Replies.merge(ResponsePolicy.AGG_SUM, List.of(3L, 4L, 0L))).isEqualTo(7L);
        assertThat(Replies.merge(ResponsePolicy.AGG_MIN, List.of(3L, -4L, 0L))).isEqualTo(-4L);
        assertThat(Replies.merge(ResponsePolicy.AGG_MAX, List.of(3L, -4L, 9L))).isEqualTo(9L);
    }

    @Test
    void combinesFlagsElementByElement() {
        assertThat(Replies.merge(ResponsePolicy.AGG_LOGICAL_AND, List.of(List.of(1L, 1L, 0L), List.of(1L, 0L, 0L))))
                .isEqualTo(List.of(1L, 0L, 0L));
        assertThat(Replies.merge(ResponsePolicy.AGG_LOGICAL_OR, List.of(List.of(1L, 0L, 0L), List.of(0L, 0L, 1L))))
                .isEqualTo(List.of(1L, 0L, 1L));
        assertThat(Replies.merge(ResponsePolicy.AGG_LOGICAL_AND, List.of(1L, 0L))).isEqualTo(0L);
        assertThat(Replies.merge(ResponsePolicy.AGG_LOGICAL_OR, List.of(1L, 0L))).isEqualTo(1L);
    }

    @Test
    void joinsArraysAndMapsAndKeepsAnythingElse() {
        assertThat(Replies.merge(ResponsePolicy.DEFAULT, List.of(List.of("a"), List.of(), List.of("b", "c"))))
                .isEqualTo(List.of("a", "b", "c"));
        assertThat(Replies.merge(ResponsePolicy.DEFAULT, List.of(new RespMap(List.of("a", 1L)),
                new RespMap(List.of("b", 2L))))).isEqualTo(new RespMap(List.of("a", 1L, "b", 2L)));
        assertThat(Replies.merge(ResponsePolicy.ALL_SUCCEEDED, List.of("OK", "OK"))).isEqualTo("OK");
        assertThat(Replies.merge(ResponsePolicy.DEFAULT, List.of("PONG", "PONG"))).isEqualTo("PONG");
    }

    @Test
    void specialPicksAPresentReply() {
        // RANDOMKEY: a node without keys answers nil; another node's key is the answer
        assertThat(Replies.merge(ResponsePolicy.SPECIAL, Arrays.asList(null, "k", null))).isEqualTo("k");
        assertThat(Replies.merge(ResponsePolicy.SPECIAL, Arrays.asList(null, null))).isNull();
    }
}
