package io.respkit.internal.connection;

import io.respkit.TransactionResult;
import io.respkit.exceptions.RedisServerException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.internal.CredentialArguments;
import io.respkit.protocol.ErrorReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) for the secret argument positions of every credential-carrying command
 * ({@link CredentialArguments}) and for {@link SecretScrubber}'s masking of error texts, including texts no server
 * sends today (a password echoed without quotes), and for command names and results that must not show secrets.
 */
class SecretScrubberTests {

    private static final String CONFIGURED = "Configured-Pw-1";

    private static Command<Object> cmd(String... words) {
        Command<Object> c = Command.create(StringCodec.UTF8, words[0], ReplyDecoders.raw());
        for (int i = 1; i < words.length; i++) {
            c.arg(words[i]);
        }
        return c;
    }

    @Test
    void secretPositionsOfEveryCredentialCommand() {
        assertThat(CredentialArguments.positions(cmd("AUTH", "pw"))).containsExactly(1);
        assertThat(CredentialArguments.positions(cmd("auth", "user", "pw"))).containsExactly(1, 2);
        assertThat(CredentialArguments.positions(cmd("HELLO", "3", "AUTH", "u", "pw", "SETNAME", "n")))
                .containsExactly(3, 4);
        // a client name spelled AUTH is a value, not the token
        assertThat(CredentialArguments.positions(cmd("hello", "3", "setname", "AUTH", "auth", "u", "pw")))
                .containsExactly(5, 6);
        assertThat(CredentialArguments.positions(cmd("ACL", "SETUSER", "bob", "on", ">a", "<b", "#c", "!d", "~k",
                "+@all", "resetpass"))).containsExactly(4, 5, 6, 7);
        assertThat(CredentialArguments.positions(cmd("ACL", "GETUSER", ">x"))).isEmpty();
        assertThat(CredentialArguments.positions(cmd("MIGRATE", "h", "1", "", "0", "10", "COPY", "AUTH", "pw",
                "KEYS", "AUTH", "k"))).containsExactly(8);
        assertThat(CredentialArguments.positions(cmd("MIGRATE", "h", "1", "k", "0", "10", "auth2", "u", "pw")))
                .containsExactly(7, 8);
        assertThat(CredentialArguments.positions(cmd("CONFIG", "SET", "maxmemory", "1", "RequirePass", "a",
                "masterauth", "b", "MASTERUSER", "c"))).containsExactly(5, 7, 9);
        assertThat(CredentialArguments.positions(cmd("CONFIG", "SET", "primaryauth", "a"))).containsExactly(3);
        assertThat(CredentialArguments.positions(cmd("SENTINEL", "SET", "m", "quorum", "2", "auth-pass", "a")))
                .containsExactly(6);
        assertThat(CredentialArguments.positions(cmd("SENTINEL", "CONFIG", "SET", "sentinel-pass", "a")))
                .containsExactly(4);
        assertThat(CredentialArguments.positions(cmd("SET", "AUTH", "pw"))).isEmpty();
        assertThat(CredentialArguments.positions(cmd("AUTH"))).isEmpty();

        assertThat(CredentialArguments.carriesCredentials(cmd("ACL", "WHOAMI"))).isTrue();
        assertThat(CredentialArguments.carriesCredentials(cmd("CONFIG", "SET", "maxmemory", "1"))).isFalse();
        assertThat(CredentialArguments.carriesCredentials(cmd("CONFIG", "GET", "requirepass"))).isFalse();
        assertThat(CredentialArguments.carriesCredentials(cmd("GET", "k"))).isFalse();
    }

    @Test
    void secretArgumentsAreMaskedEvenWhereTheServerDoesNotQuoteThem() {
        SecretScrubber scrubber = new SecretScrubber(CONFIGURED);
        ErrorReply echoed = new ErrorReply("ERR bad password NewPw-1 for user bob (NewPw-1)");
        assertThat(scrubber.scrub(cmd("AUTH", "bob", "NewPw-1"), echoed).message())
                .isEqualTo("ERR bad password **** for user **** (****)");
        assertThat(scrubber.scrub(cmd("ACL", "SETUSER", "bob", ">NewPw-2"),
                new ErrorReply("ERR rule >NewPw-2 and password NewPw-2 refused")).message())
                .isEqualTo("ERR rule **** and password **** refused");
        assertThat(scrubber.scrub(cmd("MIGRATE", "h", "1", "", "0", "10", "AUTH2", "u", "NewPw-3", "KEYS", "k"),
                new ErrorReply("IOERR NewPw-3")).message()).isEqualTo("IOERR ****");
        assertThat(scrubber.scrub(cmd("config", "set", "masterauth", "NewPw-4"),
                new ErrorReply("ERR value NewPw-4 rejected")).message()).isEqualTo("ERR value **** rejected");
        // longest first: a secret that contains another is masked whole
        assertThat(scrubber.scrub(cmd("AUTH", "pw", "pw-longer"), new ErrorReply("ERR pw-longer")).message())
                .isEqualTo("ERR ****");
    }

    @Test
    void quotedPartsOfCredentialCommandErrorsAreMaskedButTheCommandNameIsKept() {
        SecretScrubber scrubber = new SecretScrubber(null);
        assertThat(scrubber.scrub(cmd("ACL", "SETUSER", "bob", "NotAPrefixedPw"),
                new ErrorReply("ERR Error in ACL SETUSER modifier 'NotAPrefixedPw': Syntax error")).message())
                .isEqualTo("ERR Error in ACL SETUSER modifier '****': Syntax error");
        assertThat(scrubber.scrub(cmd("ACL", "SETUSER", "bob", ">pw"), new ErrorReply(
                "NOPERM User x has no permissions to run the 'acl|setuser' command")).message())
                .isEqualTo("NOPERM User x has no permissions to run the 'acl|setuser' command");
        assertThat(scrubber.scrub(cmd("HELLO", "3", "SETNAME", "x", "Pw"),
                new ErrorReply("ERR Syntax error in HELLO option 'Pw")).message())
                .as("an unbalanced quote masks to the end").isEqualTo("ERR Syntax error in HELLO option '****");
        ErrorReply untouched = new ErrorReply("ERR unknown key 'k'");
        assertThat(scrubber.scrub(cmd("GET", "k"), untouched)).isSameAs(untouched);
        ErrorReply noSecret = new ErrorReply("WRONGPASS invalid username-password pair or user is disabled.");
        assertThat(scrubber.scrub(cmd("AUTH", "pw"), noSecret)).isSameAs(noSecret);
    }

    @Test
    void theConfiguredPasswordIsMaskedInEveryError() {
        SecretScrubber scrubber = new SecretScrubber(CONFIGURED);
        assertThat(scrubber.scrub(cmd("EVAL", "x", "0"), new ErrorReply("ERR " + CONFIGURED + " x")).message())
                .isEqualTo("ERR **** x");
        assertThat(scrubber.scrub(new ErrorReply("ERR '" + CONFIGURED + "'")).message()).isEqualTo("ERR '****'");
    }

    /**
     * A rule holding a quote pairs with the server's own quotes; the part after it must not show (found by an
     * independent test: {@code '****'LEAKLEAKLEAK'****}).
     */
    @Test
    void anArgumentHoldingAQuoteIsMaskedWhole() {
        SecretScrubber scrubber = new SecretScrubber(null);
        assertThat(scrubber.scrub(cmd("ACL", "SETUSER", "alice", "on", "x'LEAKLEAKLEAK"),
                new ErrorReply("ERR Error in ACL SETUSER modifier 'x'LEAKLEAKLEAK': Syntax error")).message())
                .doesNotContain("LEAK").isEqualTo("ERR Error in ACL SETUSER modifier '****': Syntax error");
        assertThat(scrubber.scrub(cmd("ACL", "SETUSER", "alice", "on", ">pa'ss'word"),
                new ErrorReply("ERR Error in ACL SETUSER modifier '>pa'ss'word': Syntax error")).message())
                .doesNotContain("ss").doesNotContain("word");
    }

    /** Names split on any white space, so that a tab cannot hide a credential command's secret in its name. */
    @Test
    void aTabSeparatedCommandLineShowsOnlyItsCommandWords() {
        Command<Object> auth = Command.create(StringCodec.UTF8, "AUTH\tLEAKpw", ReplyDecoders.raw());
        assertThat(auth.name()).isEqualTo("AUTH");
        assertThat(auth.toString()).doesNotContain("LEAK");
        assertThat(auth.argumentCount()).isEqualTo(2);
        assertThat(new SecretScrubber(null).scrub(auth, new ErrorReply("WRONGPASS bad LEAKpw")).message())
                .doesNotContain("LEAK");
    }

    /** A newline (a text block), a carriage return, a form feed or a vertical tab are white space too. */
    @Test
    void anyWhiteSpaceSeparatesTheWordsOfACommandLine() {
        for (String blank : new String[] {"\n", "\r", "\r\n", "\f", "\u000B", " \n\t"}) {
            Command<Object> auth = Command.create(StringCodec.UTF8, "AUTH" + blank + "LEAKpw", ReplyDecoders.raw());
            assertThat(auth.name()).as("%s", blank.codePoints().boxed().toList()).isEqualTo("AUTH");
            assertThat(auth.toString()).doesNotContain("LEAK");
            assertThat(auth.argumentCount()).isEqualTo(2);
            assertThat(new SecretScrubber(null).scrub(auth, new ErrorReply("WRONGPASS bad LEAKpw")).message())
                    .doesNotContain("LEAK");
        }
        assertThat(Command.create(StringCodec.UTF8, "acl\nsetuser bob\non >LEAK", ReplyDecoders.raw()).name())
                .isEqualTo("acl setuser");
    }

    @Test
    void commandLinesPassedAsNamesShowOnlyTheirCommandWords() {
        assertThat(Command.create(StringCodec.UTF8, "AUTH user NewPw-6", ReplyDecoders.raw()).name())
                .isEqualTo("AUTH");
        assertThat(Command.create(StringCodec.UTF8, "acl setuser bob on >NewPw-7", ReplyDecoders.raw()).toString())
                .isEqualTo("Command[acl setuser]");
        assertThat(Command.create(StringCodec.UTF8, "CONFIG SET requirepass NewPw-8", ReplyDecoders.raw()).name())
                .isEqualTo("CONFIG SET");
        assertThat(Command.create(StringCodec.UTF8, "HELLO 3 AUTH u NewPw-9", ReplyDecoders.raw()).name())
                .isEqualTo("HELLO");
        // other names are kept as given, and every word is still sent
        Command<Object> get = Command.create(StringCodec.UTF8, "CONFIG GET", ReplyDecoders.raw());
        assertThat(get.name()).isEqualTo("CONFIG GET");
        Command<Object> auth = Command.create(StringCodec.UTF8, "AUTH user NewPw-6", ReplyDecoders.raw());
        assertThat(auth.argumentCount()).isEqualTo(3);
        assertThat(auth.argumentText(2)).isEqualTo("NewPw-6");
    }

    @Test
    void transactionResultShowsNoValues() {
        TransactionResult result = new TransactionResult(List.of("NewPw-10",
                new RedisServerException("ERR", "x", "ERR x (command GET on h:1)")), false);
        assertThat(result.toString()).isEqualTo("TransactionResult[2 results, failed: #1 RedisServerException]")
                .doesNotContain("NewPw-10");
        assertThat(new TransactionResult(List.of(), true).toString()).isEqualTo("TransactionResult[aborted]");
    }
}
