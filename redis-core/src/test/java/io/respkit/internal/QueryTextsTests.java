package io.respkit.internal;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.CommandObserver.QueryText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link QueryTexts}: what an observer that asked for query text is shown, and what it never is. */
class QueryTextsTests {

    private static Command<Object> command(String name, String... args) {
        Command<Object> c = Command.create(StringCodec.UTF8, name, ReplyDecoders.raw());
        for (String a : args) {
            c.arg(a);
        }
        return c;
    }

    private static String text(QueryText mode, String password, Command<?>... commands) {
        List<Command<?>> list = List.of(commands);
        return QueryTexts.of(mode, list.size(), list::get, password);
    }

    @Test
    void noneBuildsNothing() {
        assertThat(text(QueryText.NONE, null, command("SET").key("k").value("v"))).isNull();
        assertThat(QueryTexts.of(null, 1, i -> command("GET").key("k"), null)).isNull();
    }

    @Test
    void sanitizedShowsTheNameAndKeysOnly() {
        assertThat(text(QueryText.SANITIZED, null, command("SET").key("user:1").value("Ada").arg("EX").arg(60)))
                .isEqualTo("SET user:1 ? ? ?");
        assertThat(text(QueryText.SANITIZED, null, command("MSET").key("a").value("1").key("b").value("2")))
                .isEqualTo("MSET a ? b ?");
        assertThat(text(QueryText.SANITIZED, null, command("config get", "maxmemory"))).isEqualTo("CONFIG GET ?");
        // words passed in the name are not keys
        assertThat(text(QueryText.SANITIZED, null, command("SET k Ada"))).isEqualTo("SET ? ?");
        assertThat(text(QueryText.SANITIZED, null, command("NOSUCHCOMMAND", "x"))).isEqualTo("NOSUCHCOMMAND ?");
    }

    @Test
    void fullShowsEveryArgument() {
        assertThat(text(QueryText.FULL, null, command("SET").key("user:1").value("Ada").arg("PX").arg(1500L)))
                .isEqualTo("SET user:1 Ada PX 1500");
        assertThat(text(QueryText.FULL, null, command("ZADD").key("z").arg(1.5).value("m"))).isEqualTo("ZADD z 1.5 m");
        Command<Object> binary = Command.create(ByteArrayCodec.INSTANCE, "SET", ReplyDecoders.raw()).key("k")
                .value(new byte[] {'a', 0, '\r', '\n', 0x7f, 'b'});
        assertThat(text(QueryText.FULL, null, binary)).isEqualTo("SET k a\\x00\\x0d\\x0a\\x7fb");
    }

    /** Credentials are never shown, however the command was written. */
    @ParameterizedTest
    @EnumSource(value = QueryText.class, names = {"SANITIZED", "FULL"})
    void credentialCarryingCommandsShowNoArgument(QueryText mode) {
        assertThat(text(mode, null, command("AUTH", "LEAKpw"))).isEqualTo("AUTH ?");
        assertThat(text(mode, null, command("AUTH user LEAKpw"))).isEqualTo("AUTH ? ?");
        assertThat(text(mode, null, command("auth\tLEAKpw"))).isEqualTo("AUTH ?");
        assertThat(text(mode, null, command("HELLO", "3", "AUTH", "u", "LEAKpw"))).isEqualTo("HELLO ? ? ? ?");
        assertThat(text(mode, null, command("acl\nsetuser bob\non >LEAK"))).isEqualTo("ACL SETUSER ? ? ?");
        assertThat(text(mode, null, command("CONFIG SET", "requirepass", "LEAKpw"))).isEqualTo("CONFIG SET ? ?");
        assertThat(text(mode, null, command("MIGRATE", "h", "6379", "", "0", "5000", "AUTH", "LEAKpw")))
                .doesNotContain("LEAK").startsWith("MIGRATE ");
        assertThat(text(mode, null, command("SENTINEL SET", "m", "auth-pass", "LEAKpw"))).doesNotContain("LEAK");
        // a command without credentials still shows what its mode shows
        assertThat(text(mode, null, command("CONFIG SET", "maxmemory", "1mb")))
                .isEqualTo(mode == QueryText.FULL ? "CONFIG SET maxmemory 1mb" : "CONFIG SET ? ?");
    }

    /** The passphrases of the server's TLS keys are passwords as much as requirepass is. */
    @ParameterizedTest
    @EnumSource(value = QueryText.class, names = {"SANITIZED", "FULL"})
    void configSetOfATlsKeyPassphraseShowsNoArgument(QueryText mode) {
        assertThat(text(mode, null, command("CONFIG SET", "tls-key-file-pass", "LEAKpw"))).isEqualTo("CONFIG SET ? ?");
        assertThat(text(mode, null, command("config", "set", "TLS-CLIENT-KEY-FILE-PASS", "LEAKpw")))
                .isEqualTo("CONFIG SET ? ?");
        assertThat(text(mode, null, command("CONFIG SET maxmemory 1mb tls-key-file-pass LEAKpw")))
                .isEqualTo("CONFIG SET ? ? ? ?");
        assertThat(command("CONFIG SET tls-key-file-pass LEAKpw").name()).isEqualTo("CONFIG SET");
    }

    @ParameterizedTest
    @EnumSource(value = QueryText.class, names = {"SANITIZED", "FULL"})
    void theConfiguredPasswordIsNeverShownWhereverItIs(QueryText mode) {
        assertThat(text(mode, "s3cret", command("SET").key("k:s3cret:x").value("a s3cret b")))
                .isEqualTo("SET ? ?");
        assertThat(text(mode, "s3cret", command("ECHO", "s3cret"))).isEqualTo("ECHO ?");
        assertThat(text(mode, "", command("GET").key("k"))).isEqualTo("GET k"); // an empty password hides nothing
    }

    @Test
    void longArgumentsAndLongTextsAreCut() {
        String big = "x".repeat(CommandObserver.MAX_ARGUMENT_CHARS + 1);
        assertThat(text(QueryText.FULL, null, command("SET").key("k").value(big)))
                .isEqualTo("SET k " + "x".repeat(CommandObserver.MAX_ARGUMENT_CHARS) + "...");
        Command<?>[] many = new Command<?>[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = command("SET").key("key:" + i).value(big);
        }
        String t = text(QueryText.FULL, null, many);
        assertThat(t).hasSize(CommandObserver.MAX_QUERY_TEXT_CHARS).endsWith("...").startsWith("SET key:0 xxx");
        // a password longer than the cut is still recognised before cutting
        String longSecret = "p".repeat(CommandObserver.MAX_ARGUMENT_CHARS * 2);
        assertThat(text(QueryText.FULL, longSecret, command("ECHO", longSecret))).isEqualTo("ECHO ?");
    }

    /** C1 controls (U+0080 to U+009F, NEL and CSI among them) are control characters too. */
    @Test
    void c1ControlCharactersAreEscaped() {
        assertThat(text(QueryText.FULL, null, command("SET").key("k\u0085").value("a\u009b2Jb\u0080")))
                .isEqualTo("SET k\\x85 a\\x9b2Jb\\x80");
    }

    /** A cut never leaves half of a surrogate pair: the text stays well-formed UTF-16, as exporters need. */
    @Test
    void aCutNeverSplitsASurrogatePair() {
        String smile = "\uD83D\uDE00";
        String arg = "x".repeat(CommandObserver.MAX_ARGUMENT_CHARS - 1) + smile;
        assertThat(text(QueryText.FULL, null, command("SET").key("k").value(arg)))
                .isEqualTo("SET k " + "x".repeat(CommandObserver.MAX_ARGUMENT_CHARS - 1) + "...");
        Command<?>[] many = new Command<?>[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = command("SET").key("k").value(smile.repeat(CommandObserver.MAX_ARGUMENT_CHARS / 2));
        }
        String t = text(QueryText.FULL, null, many);
        assertThat(t).endsWith("...").hasSizeLessThanOrEqualTo(CommandObserver.MAX_QUERY_TEXT_CHARS);
        assertThat(wellFormed(t)).as(t).isTrue();
        for (int shift = 0; shift < 2; shift++) { // the whole-text cut at either half of a pair
            Command<?>[] shifted = many.clone();
            shifted[0] = command("SET").key("k" + "y".repeat(shift)).value(smile.repeat(10));
            assertThat(wellFormed(text(QueryText.FULL, null, shifted))).isTrue();
        }
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void batchesJoinTheirCommandsAndACommandAlreadyLetGoIsAQuestionMark() {
        assertThat(text(QueryText.SANITIZED, null, command("INCR").key("a"), command("GET").key("b")))
                .isEqualTo("INCR a; GET b");
        assertThat(QueryTexts.of(QueryText.FULL, 2, i -> i == 0 ? command("PING") : null, null)).isEqualTo("PING; ?");
        assertThat(QueryTexts.of(QueryText.FULL, 0, i -> null, null)).isNull();
        assertThat(text(QueryText.FULL, null, command("SET").key("k").value("é"))).isEqualTo("SET k é");
    }
}
