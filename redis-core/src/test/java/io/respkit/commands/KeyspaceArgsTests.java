package io.respkit.commands;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyspaceArgsTests {

    private static List<String> args(Command<?> cmd) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cmd.argumentCount(); i++) {
            out.add(cmd.argumentText(i));
        }
        return out;
    }

    private static Command<Object> cmd(String name) {
        return Command.create(io.respkit.codec.StringCodec.UTF8, name, ReplyDecoders.raw()).key("k");
    }

    @Test
    void sortArgsInServerOrder() {
        Command<Object> c = cmd("SORT");
        SortArgs.NONE.alpha().desc().get("#").get("n_*").limit(1, 2).by("w_*").appendTo(c);
        assertThat(args(c)).containsExactly("SORT", "k", "BY", "w_*", "LIMIT", "1", "2", "GET", "#", "GET", "n_*",
                "DESC", "ALPHA");
        Command<Object> none = cmd("SORT");
        SortArgs.NONE.appendTo(none);
        assertThat(args(none)).containsExactly("SORT", "k");
        Command<Object> nosort = cmd("SORT");
        SortArgs.NONE.noSort().limit(0, 5).appendTo(nosort);
        assertThat(args(nosort)).containsExactly("SORT", "k", "BY", "nosort", "LIMIT", "0", "5");
        Command<Object> all = cmd("SORT");
        SortArgs.NONE.limit(0, -1).appendTo(all);
        assertThat(args(all)).as("offset 0 and no count is no LIMIT").containsExactly("SORT", "k");
    }

    @Test
    void sortArgsRejectWhatTheServerWould() {
        assertThatThrownBy(() -> SortArgs.NONE.limit(-1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortArgs.NONE.by("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortArgs.NONE.get("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortArgs.NONE.get(null)).isInstanceOf(NullPointerException.class);
        List<String> patterns = new ArrayList<>(List.of("#"));
        SortArgs args = new SortArgs(null, 0, -1, patterns, false, false);
        patterns.add("x");
        assertThat(args.getPatterns()).containsExactly("#");
    }

    @Test
    void copyArgs() {
        Command<Object> c = cmd("COPY");
        CopyArgs.NONE.replace().toDatabase(3).appendTo(c);
        assertThat(args(c)).containsExactly("COPY", "k", "DB", "3", "REPLACE");
        assertThatThrownBy(() -> CopyArgs.NONE.toDatabase(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoreArgs() {
        Command<Object> c = cmd("RESTORE");
        RestoreArgs abs = RestoreArgs.NONE.expireAt(Instant.ofEpochMilli(5000)).replace().idleTime(Duration.ofSeconds(9));
        abs.appendTo(c);
        assertThat(abs.ttlArgument()).isEqualTo(5000);
        assertThat(args(c)).containsExactly("RESTORE", "k", "REPLACE", "ABSTTL", "IDLETIME", "9");
        assertThat(RestoreArgs.NONE.ttlArgument()).isZero();
        assertThat(RestoreArgs.NONE.ttl(Duration.ofMillis(1500)).ttlArgument()).isEqualTo(1500);
        Command<Object> f = cmd("RESTORE");
        RestoreArgs.NONE.frequency(7).appendTo(f);
        assertThat(args(f)).containsExactly("RESTORE", "k", "FREQ", "7");

        assertThatThrownBy(() -> RestoreArgs.NONE.ttl(Duration.ofSeconds(1)).expireAt(Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestoreArgs.NONE.ttl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestoreArgs.NONE.frequency(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestoreArgs.NONE.frequency(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestoreArgs.NONE.frequency(1).idleTime(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestoreArgs.NONE.idleTime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expireTime() {
        assertThat(ExpireTime.NO_KEY.keyExists()).isFalse();
        assertThat(ExpireTime.NO_EXPIRY.keyExists()).isTrue();
        assertThat(ExpireTime.NO_EXPIRY.hasExpiry()).isFalse();
        assertThat(ExpireTime.at(Instant.EPOCH).hasExpiry()).isTrue();
        assertThatThrownBy(() -> new ExpireTime(Instant.EPOCH, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrateArgsInServerOrderAndMasked() {
        Command<Object> c = Command.create(io.respkit.codec.StringCodec.UTF8, "MIGRATE", ReplyDecoders.raw());
        MigrateArgs.NONE.replace().copy().auth("u", "pw").appendTo(c);
        assertThat(args(c)).containsExactly("MIGRATE", "COPY", "REPLACE", "AUTH2", "u", "pw");
        Command<Object> p = Command.create(io.respkit.codec.StringCodec.UTF8, "MIGRATE", ReplyDecoders.raw());
        MigrateArgs.NONE.auth("pw").appendTo(p);
        assertThat(args(p)).containsExactly("MIGRATE", "AUTH", "pw");
        assertThat(MigrateArgs.NONE.auth("u", "pw").toString()).doesNotContain("pw").contains("***");
        assertThat(MigrateArgs.NONE.toString()).doesNotContain("***");
        assertThatThrownBy(() -> new MigrateArgs(false, false, "u", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
