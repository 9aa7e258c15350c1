package io.respkit.commands;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.StringCodec;
import io.respkit.protocol.RespWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link Command}: the exact RESP bytes a command writes, multi-word names, argument
 * inspection and that {@code toString()} never shows arguments. Not thread-safe; each test builds its own commands.
 */
class CommandTests {

    private static String wire(Command<?> command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RespWriter writer = new RespWriter(out);
        command.writeTo(writer);
        writer.flush();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static Command<Object> create(String name) {
        return Command.create(StringCodec.UTF8, name, ReplyDecoders.raw());
    }

    /** A whole command line given as the name is sent as words, and named by its command words only. */
    @Test
    void aCommandLineGivenAsTheNameIsNamedWithoutItsArguments() {
        Command<Object> set = Command.create(StringCodec.UTF8, "SET user:1 s3cret-value", ReplyDecoders.raw());
        assertThat(set.name()).isEqualTo("SET");
        assertThat(set.argumentCount()).isEqualTo(3);
        assertThat(set.argumentText(2)).isEqualTo("s3cret-value");
        assertThat(Command.create(StringCodec.UTF8, "config get maxmemory", ReplyDecoders.raw()).name())
                .isEqualTo("CONFIG GET");
        assertThat(Command.create(StringCodec.UTF8, "FT.SEARCH idx hello", ReplyDecoders.raw()).name())
                .isEqualTo("FT.SEARCH");
        assertThat(Command.create(StringCodec.UTF8, "echo\tvalue", ReplyDecoders.raw()).name()).isEqualTo("ECHO");
        // a single word keeps its spelling, as before
        assertThat(Command.create(StringCodec.UTF8, "get", ReplyDecoders.raw()).name()).isEqualTo("get");
        assertThat(Command.create(StringCodec.UTF8, "CONFIG GET", ReplyDecoders.raw()).name()).isEqualTo("CONFIG GET");
    }

    @Test
    void setWithKeyValueLongAndDouble() throws IOException {
        Command<Object> set = create("SET").key("k").value("v").arg(10L).arg(1.5);
        assertThat(wire(set)).isEqualTo("*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n$2\r\n10\r\n$3\r\n1.5\r\n");
        assertThat(set.argumentCount()).isEqualTo(5);
        assertThat(set.name()).isEqualTo("SET");
    }

    @Test
    void keysAndValuesAreEncodedWithTheCodecCharset() throws IOException {
        Command<Object> set = create("SET").key("clé").value("€");
        assertThat(wire(set).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(
                "*3\r\n$3\r\nSET\r\n$4\r\nclé\r\n$3\r\n€\r\n".getBytes(StandardCharsets.UTF_8));

        Command<Object> latin = Command.create(StringCodec.of(StandardCharsets.ISO_8859_1), "SET",
                ReplyDecoders.raw()).key("clé").value("é");
        assertThat(wire(latin)).isEqualTo("*3\r\n$3\r\nSET\r\n$3\r\nclé\r\n$1\r\né\r\n");
    }

    @Test
    void binaryValuesAndArgumentsAreSentAsIs() throws IOException {
        byte[] value = {0, '\r', '\n', (byte) 0xff};
        Command<Object> set = Command.create(ByteArrayCodec.INSTANCE, "SET", ReplyDecoders.raw())
                .key("k").value(value).arg(new byte[] {'x'});
        String expected = "*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\n\u0000\r\n\u00ff\r\n$1\r\nx\r\n";
        assertThat(wire(set)).isEqualTo(expected);
    }

    @Test
    void numbersAreWrittenAsRedisParsesThem() throws IOException {
        Command<Object> cmd = create("ZADD").key("z").arg(Double.POSITIVE_INFINITY).arg("a")
                .arg(Double.NEGATIVE_INFINITY).arg("b").arg(3.0).arg("c").arg(Long.MIN_VALUE).arg(-0.5);
        assertThat(wire(cmd)).isEqualTo("*10\r\n$4\r\nZADD\r\n$1\r\nz\r\n$4\r\n+inf\r\n$1\r\na\r\n$4\r\n-inf\r\n"
                + "$1\r\nb\r\n$1\r\n3\r\n$1\r\nc\r\n$20\r\n-9223372036854775808\r\n$4\r\n-0.5\r\n");
    }

    @Test
    void multiWordNamesBecomeSeveralArguments() throws IOException {
        Command<Object> config = create("CONFIG GET").arg("maxmemory");
        assertThat(wire(config)).isEqualTo("*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$9\r\nmaxmemory\r\n");
        assertThat(config.argumentCount()).isEqualTo(3);
        assertThat(config.name()).isEqualTo("CONFIG GET");
        assertThat(config.argumentText(0)).isEqualTo("CONFIG");
        assertThat(config.argumentText(1)).isEqualTo("GET");

        Command<Object> spaced = create("  SCRIPT   LOAD ");
        assertThat(wire(spaced)).isEqualTo("*2\r\n$6\r\nSCRIPT\r\n$4\r\nLOAD\r\n");
    }

    @Test
    void manyArgumentsOfEveryKindGrowTheCommand() throws IOException {
        Command<Object> cmd = create("RPUSH").key("list");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String text;
            switch (i % 3) {
                case 0 -> {
                    cmd.arg((long) i);
                    text = Integer.toString(i);
                }
                case 1 -> {
                    cmd.arg("s" + i);
                    text = "s" + i;
                }
                default -> {
                    cmd.arg(i + 0.5);
                    text = (i + 0.5) + "";
                }
            }
            expected.append('$').append(text.length()).append("\r\n").append(text).append("\r\n");
        }
        assertThat(cmd.argumentCount()).isEqualTo(42);
        assertThat(wire(cmd)).isEqualTo("*42\r\n$5\r\nRPUSH\r\n$4\r\nlist\r\n" + expected);
        assertThat(cmd.argumentText(2)).isEqualTo("0");
        assertThat(cmd.argumentText(3)).isEqualTo("s1");
        assertThat(cmd.argumentText(41)).isEqualTo("39");
    }

    @Test
    void keysFromAnIterable() throws IOException {
        Command<Object> del = create("DEL").keys(List.of("a", "b"));
        assertThat(wire(del)).isEqualTo("*3\r\n$3\r\nDEL\r\n$1\r\na\r\n$1\r\nb\r\n");
    }

    @Test
    void toStringNeverShowsArguments() {
        Command<Object> auth = create("AUTH").arg("admin").arg("s3cr3t-pw");
        assertThat(auth.toString()).isEqualTo("Command[AUTH]").doesNotContain("s3cr3t-pw").doesNotContain("admin");
        Command<Object> set = create("SET").key("session:1").value("s3cr3t-pw").arg(5L);
        assertThat(set.toString()).isEqualTo("Command[SET]").doesNotContain("s3cr3t-pw");
        assertThat(create("CONFIG SET").arg("requirepass").arg("s3cr3t-pw").toString())
                .isEqualTo("Command[CONFIG SET]");
    }

    @Test
    void nanIsRejected() {
        Command<Object> zadd = create("ZADD").key("z");
        assertThatThrownBy(() -> zadd.arg(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN")
                .hasMessageContaining("ZADD");
        assertThat(zadd.argumentCount()).isEqualTo(2);
    }

    @Test
    void argumentTextShowsEachArgument() {
        Command<Object> cmd = Command.create(StringCodec.UTF8, "SET", ReplyDecoders.raw())
                .key("k").arg("é".getBytes(StandardCharsets.UTF_8)).arg(-42L).arg(1.5);
        assertThat(cmd.argumentText(0)).isEqualTo("SET");
        assertThat(cmd.argumentText(1)).isEqualTo("k");
        assertThat(cmd.argumentText(2)).isEqualTo("é");
        assertThat(cmd.argumentText(3)).isEqualTo("-42");
        assertThat(cmd.argumentText(4)).isEqualTo("1.5");
        assertThatThrownBy(() -> cmd.argumentText(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> cmd.argumentText(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> create("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> create("   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> create(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Command.create(null, "GET", ReplyDecoders.raw()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Command.create(StringCodec.UTF8, "GET", null))
                .isInstanceOf(NullPointerException.class);
        Command<Object> get = create("GET");
        assertThatThrownBy(() -> get.key(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> get.arg((String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> get.arg((byte[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> get.value(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void blockingMarksTheBlockTime() {
        assertThat(create("GET").blockMillis()).isEqualTo(-1);
        assertThat(create("BLPOP").blocking(Duration.ofSeconds(2)).blockMillis()).isEqualTo(2000);
        assertThat(create("BLPOP").blocking(Duration.ZERO).blockMillis()).isZero();
        assertThat(create("BLPOP").blocking(Duration.ofNanos(1)).blockMillis()).as("not 0, forever").isEqualTo(1);
        assertThat(create("BLPOP").blocking(Duration.ofNanos(1_500_000)).blockMillis()).isEqualTo(2);
        assertThat(create("BLPOP").blocking(java.time.temporal.ChronoUnit.FOREVER.getDuration()).blockMillis())
                .as("no overflow").isGreaterThan(Integer.MAX_VALUE);
        assertThatThrownBy(() -> create("BLPOP").blocking(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactlySizedCommandsStillGrowAndWriteTheSameBytes() throws IOException {
        Command<Object> tight = Command.create(StringCodec.UTF8, "CONFIG SET",
                ReplyDecoders.raw(), 0).arg("maxmemory").arg(10L).arg("x").arg(1.5);
        assertThat(wire(tight)).isEqualTo(wire(create("CONFIG SET").arg("maxmemory").arg(10L).arg("x").arg(1.5)));
        assertThat(tight.argumentCount()).isEqualTo(6);
        assertThat(tight.decoder()).isSameAs(ReplyDecoders.raw());
        assertThat(wire(io.respkit.internal.commands.StringDefs.get(StringCodec.UTF8, "k")))
                .isEqualTo("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        assertThat(wire(io.respkit.internal.commands.HashDefs.hset(StringCodec.UTF8, "h",
                new java.util.LinkedHashMap<>(java.util.Map.of("f", "v")))))
                .isEqualTo("*4\r\n$4\r\nHSET\r\n$1\r\nh\r\n$1\r\nf\r\n$1\r\nv\r\n");
    }

    @Test
    void readOnlyAndBlockingAreIndependent() {
        Command<Object> plain = create("SET"); // GET would be read-only by its spec
        assertThat(plain.isReadOnly()).isFalse();
        Command<Object> both = create("BLMOVE").readOnly().blocking(Duration.ofMillis(1500));
        assertThat(both.isReadOnly()).isTrue();
        assertThat(both.blockMillis()).isEqualTo(1500);
        Command<Object> other = create("BLPOP").blocking(Duration.ZERO).readOnly();
        assertThat(other.isReadOnly()).isTrue();
        assertThat(other.blockMillis()).isZero();
        assertThat(create("BLPOP").blocking(Duration.ofMillis(Long.MAX_VALUE)).blockMillis())
                .as("an endless block stays positive").isGreaterThan(Integer.MAX_VALUE);
    }

    @Test
    void textRepliesAreDecodedStraightFromTheBufferOnlyWhenTheDecoderWouldMakeTheSameString() {
        java.nio.charset.Charset latin1 = StandardCharsets.ISO_8859_1;
        assertThat(bulkText(io.respkit.internal.commands.StringDefs.get(StringCodec.UTF8, "k")))
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(bulkText(io.respkit.internal.commands.StringDefs.get(StringCodec.of(latin1), "k")))
                .as("a non-UTF-8 value codec keeps its bytes").isNull();
        assertThat(bulkText(
                io.respkit.internal.commands.StringDefs.get(ByteArrayCodec.INSTANCE, "k"))).isNull();
        assertThat(bulkText(Command.create(StringCodec.of(latin1), "CLIENT GETNAME", ReplyDecoders.string())))
                .isEqualTo(latin1);
        assertThat(bulkText(create("GET"))).isNull();

        Command<String> get = io.respkit.internal.commands.StringDefs.get(StringCodec.UTF8, "k");
        assertThat(get.decode("v€")).isEqualTo("v€");
        assertThat(get.decode("v€".getBytes(StandardCharsets.UTF_8))).isEqualTo("v€");
        Command<String> latinGet = io.respkit.internal.commands.StringDefs.get(StringCodec.of(latin1), "k");
        assertThat(latinGet.decode("v€")).as("unchanged: re-encoded in the codec's charset").isEqualTo("v?");
    }

    @Test
    void decodeUsesTheDecoderAndCodec() {
        Command<Long> incr = Command.create(StringCodec.UTF8, "INCR", ReplyDecoders.integer()).key("n");
        assertThat(incr.decode(5L)).isEqualTo(5L);
        Command<String> get = Command.create(StringCodec.UTF8, "GET", ReplyDecoders.<String>value()).key("k");
        assertThat(get.decode("é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
        assertThat(get.decode(null)).isNull();
        assertThat(get.codec()).isSameAs(StringCodec.UTF8);
    }

    @Test
    void keyPositionsAreRecordedInOrderWhateverTheMix() {
        Command<Object> none = create("PING").arg("k");
        assertThat(none.keyCount()).isZero();
        assertThatThrownBy(() -> none.keyPosition(0)).isInstanceOf(IndexOutOfBoundsException.class);

        Command<Object> one = create("GET").key("k");
        assertThat(one.keyCount()).isEqualTo(1);
        assertThat(one.keyPosition(0)).isEqualTo(1);
        assertThatThrownBy(() -> one.keyPosition(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> one.keyPosition(-1)).isInstanceOf(IndexOutOfBoundsException.class);

        Command<Object> eval = create("EVAL").arg("return 1").arg(2).keys(List.of("a", "b")).value("x");
        assertThat(eval.keyCount()).isEqualTo(2);
        assertThat(eval.keyPosition(0)).isEqualTo(3);
        assertThat(eval.keyPosition(1)).isEqualTo(4);

        Command<Object> mixed = create("CONFIG GET").arg("x").key("k0");
        for (int i = 1; i < 20; i++) {
            mixed.value("v").key("k" + i);
        }
        mixed.keys(List.of("m1", "m2", "m3")).keys(() -> List.of("i1", "i2").iterator());
        assertThat(mixed.keyCount()).isEqualTo(25);
        for (int i = 0; i < 20; i++) {
            assertThat(mixed.argumentText(mixed.keyPosition(i))).isEqualTo("k" + i);
        }
        assertThat(mixed.argumentText(mixed.keyPosition(20))).isEqualTo("m1");
        assertThat(mixed.argumentText(mixed.keyPosition(24))).isEqualTo("i2");
        assertThat(mixed.keyPosition(0)).isEqualTo(3);
    }

    @Test
    void keysAddedAfterAFailedKeyListStillCount() {
        Command<Object> cmd = create("DEL");
        assertThatThrownBy(() -> cmd.keys(java.util.Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
        assertThat(cmd.keyCount()).isEqualTo(1);
        cmd.key("b");
        assertThat(cmd.keyCount()).isEqualTo(2);
        assertThat(cmd.argumentText(cmd.keyPosition(1))).isEqualTo("b");
    }

    /** The charset the connection decodes this command's bulk reply with straight from the read buffer. */
    private static java.nio.charset.Charset bulkText(Command<?> command) {
        return io.respkit.internal.commands.Decoders.bulkTextCharset(command.decoder(), command.codec());
    }
}
