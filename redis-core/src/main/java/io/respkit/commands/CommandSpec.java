package io.respkit.commands;

import io.respkit.internal.commands.SpecText;

import java.util.Locale;
import java.util.Objects;

/**
 * What respkit knows about one Redis command (or subcommand, such as {@code CLIENT SETNAME}), as data: whether it
 * only reads, whether it blocks and which argument is its timeout, what it does to the connection it runs on, which
 * of its arguments carry credentials, whether it must run on a dedicated connection, what a blocking pop takes, and
 * how a Redis Cluster client routes it and merges its replies ({@link #requestPolicy()}, {@link #responsePolicy()}).
 * Immutable and thread-safe.
 *
 * <p>Every {@link Command} carries the spec of its name ({@link Command#spec()}): the typed commands get theirs from
 * respkit's catalog directly, and {@link Command#create(io.respkit.codec.RedisCodec, String, ReplyDecoder)} looks the
 * name up once, case-insensitively, falling back to a spec that {@linkplain #isKnown() knows nothing} (no flags) for
 * commands respkit does not know. The connection, the multiplexer, secret scrubbing, the retry of reads and the
 * put-back of blocking pops read these flags; {@link Command#readOnly()} and
 * {@link Command#blocking(java.time.Duration)} override the read-only and block-time defaults for one command.
 *
 * <p>A spec for a command respkit does not know (a module's command, say) can be built with {@link #builder(String)}
 * and passed to {@link Command#create(io.respkit.codec.RedisCodec, CommandSpec, ReplyDecoder)}.
 */
public final class CommandSpec {

    private static final int READ_ONLY = 1;
    private static final int WRITE = 1 << 1;
    private static final int BLOCKING = 1 << 2;
    private static final int DEDICATED = 1 << 3;
    private static final int STATE = 1 << 4;
    private static final int CREDENTIALS = 1 << 5;
    private static final int NO_REPLY = 1 << 6;
    private static final int NOT_QUEUEABLE = 1 << 7;
    private static final int CONTAINER = 1 << 8;
    private static final int KNOWN = 1 << 9;
    private static final int SUBCOMMAND = 1 << 10;
    // The cluster policies ride in the same int as their ordinals (3 bits for 5 request policies, 4 bits for 9
    // response policies, DEFAULT being 0), so that a spec stays as small as it was; CommandSpecTests checks they fit.
    private static final int REQUEST_SHIFT = 16;
    private static final int REQUEST_MASK = 0b111;
    private static final int RESPONSE_SHIFT = 20;
    private static final int RESPONSE_MASK = 0b1111;
    private static final RequestPolicy[] REQUEST_POLICIES = RequestPolicy.values();
    private static final ResponsePolicy[] RESPONSE_POLICIES = ResponsePolicy.values();

    /**
     * The spec of every command respkit does not know: no name and no flags ({@link #isKnown()} is {@code false}),
     * so such a command is shared, never retried, and its block time is only what {@link Command#blocking} says. A
     * spec built from the server's own {@code COMMAND INFO} (its {@code readonly}, {@code write} flags; a
     * {@code blocking} command {@linkplain Builder#dedicated() dedicated}, its timeout's place being unknown) may take
     * its place.
     */
    public static final CommandSpec UNKNOWN = new CommandSpec(new Builder());

    private final String name;
    private final String[] words;
    private final int flags;
    private final ConnectionEffect effect;
    private final BlockTimeout timeout;
    private final CredentialRule credentials;
    private final PopKind pop;

    private CommandSpec(Builder b) {
        this.name = b.name;
        this.words = b.name.isEmpty() ? new String[0] : b.name.split(" ");
        this.effect = b.effect;
        this.timeout = b.timeout;
        this.credentials = b.credentials;
        this.pop = b.pop;
        int f = b.flags;
        if (timeout != null) {
            f |= BLOCKING | DEDICATED;
        }
        if (effect != ConnectionEffect.NONE) {
            f |= STATE | DEDICATED; // what a command leaves on a connection must not reach the other callers on it
        }
        if (credentials != null) {
            f |= CREDENTIALS;
        }
        if (words.length > 1) {
            f |= SUBCOMMAND;
        }
        f |= b.request.ordinal() << REQUEST_SHIFT | b.response.ordinal() << RESPONSE_SHIFT;
        this.flags = f;
    }

    /**
     * Starts a spec for a command; unless told otherwise it neither reads nor writes, does not block and changes no
     * connection state.
     *
     * @param name the command name in capitals, one word or a command and its subcommand ({@code "CLIENT SETNAME"})
     * @return the builder
     * @throws IllegalArgumentException when the name is blank, is not one or two words separated by one space, or
     *         has lower-case letters
     * @throws NullPointerException when the name is null
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns the name, in capitals: {@code "GET"}, {@code "CLIENT SETNAME"}; empty for the spec of unknown commands.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the words of the name, as sent: {@code ["CLIENT", "SETNAME"]}. A copy, so callers may change it.
     *
     * @return the words
     */
    public String[] words() {
        return words.clone();
    }

    /** The words themselves, for {@link Command}, which only reads them. */
    String[] wordsShared() {
        return words;
    }

    /**
     * Returns whether this spec describes a command: {@code false} only for {@link #UNKNOWN}.
     *
     * @return {@code true} for a known command
     */
    public boolean isKnown() {
        return (flags & KNOWN) != 0;
    }

    /**
     * Returns whether the command changes nothing on the server, so that running it twice is harmless and it may be
     * retried after a connection failure. Broader than the server's {@code readonly} flag, which only keyspace
     * reads carry: {@code PING}, {@code INFO} and {@code CONFIG GET} are read-only here too.
     *
     * @return {@code true} for a read
     */
    public boolean isReadOnly() {
        return (flags & READ_ONLY) != 0;
    }

    /**
     * Returns whether the command may change the keyspace (the server's {@code write} flag).
     *
     * @return {@code true} for a write
     */
    public boolean isWrite() {
        return (flags & WRITE) != 0;
    }

    /**
     * Returns whether the command may block on the server (its {@link #timeout()} says for how long).
     *
     * @return {@code true} for a blocking command
     */
    public boolean isBlocking() {
        return (flags & BLOCKING) != 0;
    }

    /**
     * Returns where the block timeout is among the arguments of a {@linkplain #isBlocking() blocking} command.
     *
     * @return the timeout's layout, or {@code null} for a command that does not block
     */
    public BlockTimeout timeout() {
        return timeout;
    }

    /**
     * Returns whether the command must not share a connection with other callers' commands: it blocks, changes the
     * connection's state, or takes the connection over (replication, shutdown, cluster redirections).
     *
     * @return {@code true} when it runs on a dedicated connection
     */
    public boolean isDedicated() {
        return (flags & DEDICATED) != 0;
    }

    /**
     * Returns whether the command leaves state on its connection ({@link #effect()} is not
     * {@link ConnectionEffect#NONE}); a single bit test, cheap enough to run for every command.
     *
     * @return {@code true} when it changes connection state
     */
    public boolean changesConnectionState() {
        return (flags & STATE) != 0;
    }

    /**
     * Returns what the command leaves on its connection.
     *
     * @return the effect, {@link ConnectionEffect#NONE} for most commands
     */
    public ConnectionEffect effect() {
        return effect;
    }

    /**
     * Returns whether the server answers the command with something other than exactly one reply (the
     * subscribe family: their confirmations arrive as push messages, one per channel), so that it cannot run where
     * a caller waits for one reply per command.
     *
     * @return {@code true} when the command has no single reply
     */
    public boolean hasNoReply() {
        return (flags & NO_REPLY) != 0;
    }

    /**
     * Returns whether the server queues the command inside {@code MULTI}; {@code MULTI}, {@code EXEC},
     * {@code DISCARD}, {@code WATCH} and {@code RESET} run at once instead, so they cannot be part of a transaction.
     *
     * @return {@code false} for those five
     */
    public boolean isQueueable() {
        return (flags & NOT_QUEUEABLE) == 0;
    }

    /**
     * Returns whether some calls of the command carry credentials ({@link #credentials()} tells which).
     *
     * @return {@code true} when the command may carry credentials
     */
    public boolean mayCarryCredentials() {
        return (flags & CREDENTIALS) != 0;
    }

    /**
     * Returns which arguments of the command carry credentials.
     *
     * @return the rule, or {@code null} for a command that never carries any
     */
    public CredentialRule credentials() {
        return credentials;
    }

    /**
     * Returns whether this call of the command carries credentials.
     *
     * @param command a command with this spec
     * @return {@code true} when its error replies must be masked
     */
    public boolean carriesCredentials(Command<?> command) {
        return credentials != null && credentials.carriesCredentials(command);
    }

    /**
     * Returns what the command takes from the server when it is a blocking pop.
     *
     * @return the kind, {@link PopKind#NONE} for every command but the blocking pops
     */
    public PopKind popKind() {
        return pop;
    }

    /**
     * Returns where a Redis Cluster client sends the command: the server's {@code request_policy} tip, such as
     * {@link RequestPolicy#ALL_SHARDS} for {@code DBSIZE}.
     *
     * @return the policy, {@link RequestPolicy#DEFAULT} (route by key slot, or to any node without keys) for most
     *         commands and for {@link #UNKNOWN}
     */
    public RequestPolicy requestPolicy() {
        return REQUEST_POLICIES[(flags >>> REQUEST_SHIFT) & REQUEST_MASK];
    }

    /**
     * Returns how a Redis Cluster client merges the replies of the command when it sent it to several nodes: the
     * server's {@code response_policy} tip, such as {@link ResponsePolicy#AGG_SUM} for {@code DBSIZE}.
     *
     * @return the policy, {@link ResponsePolicy#DEFAULT} for most commands and for {@link #UNKNOWN}
     */
    public ResponsePolicy responsePolicy() {
        return RESPONSE_POLICIES[(flags >>> RESPONSE_SHIFT) & RESPONSE_MASK];
    }

    /**
     * Returns whether the command has subcommands (such as {@code CLIENT} or {@code CONFIG}), named by its second
     * word; this spec then stands for its subcommands that respkit does not know.
     *
     * @return {@code true} for a command with subcommands
     */
    public boolean hasSubcommands() {
        return (flags & CONTAINER) != 0;
    }

    /**
     * Returns whether this is the spec of a subcommand, such as {@code CONFIG SET}.
     *
     * @return {@code true} when the name has two words
     */
    public boolean isSubcommand() {
        return (flags & SUBCOMMAND) != 0;
    }

    /**
     * Returns the name and the flags that are set, for diagnostics.
     *
     * @return e.g. {@code "CommandSpec[BLPOP write blocking dedicated pop=LIST_HEAD]"}
     */
    @Override
    public String toString() {
        return SpecText.describe(this);
    }

    /** Builds a {@link CommandSpec}. Not thread-safe; build once, share the spec. */
    public static final class Builder {

        private final String name;
        private int flags = KNOWN;
        private ConnectionEffect effect = ConnectionEffect.NONE;
        private BlockTimeout timeout;
        private CredentialRule credentials;
        private PopKind pop = PopKind.NONE;
        private RequestPolicy request = RequestPolicy.DEFAULT;
        private ResponsePolicy response = ResponsePolicy.DEFAULT;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.equals(name.toUpperCase(Locale.ROOT)) || !name.matches("\\S+( \\S+)?")) {
                throw new IllegalArgumentException("a command spec's name is one or two words in capitals: " + name);
            }
            this.name = name;
        }

        /** The builder of {@link #UNKNOWN}. */
        private Builder() {
            this.name = "";
            this.flags = 0;
        }

        /**
         * Marks the command as changing nothing on the server (see {@link CommandSpec#isReadOnly()}).
         *
         * @return this builder
         */
        public Builder readOnly() {
            flags |= READ_ONLY;
            return this;
        }

        /**
         * Marks the command as changing the keyspace (the server's {@code write} flag).
         *
         * @return this builder
         */
        public Builder write() {
            flags |= WRITE;
            return this;
        }

        /**
         * Marks the command as blocking, with its timeout where {@code timeout} says; it then runs on a dedicated
         * connection.
         *
         * @param timeout where the timeout argument is
         * @return this builder
         * @throws NullPointerException when the timeout is null
         */
        public Builder blocking(BlockTimeout timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Marks the command as one that must run on a dedicated connection although it neither blocks nor changes
         * connection state as far as respkit tracks it (replication, shutdown, cluster redirections).
         *
         * @return this builder
         */
        public Builder dedicated() {
            flags |= DEDICATED;
            return this;
        }

        /**
         * Records what the command leaves on its connection; anything but {@link ConnectionEffect#NONE} makes it
         * dedicated.
         *
         * @param effect the effect
         * @return this builder
         * @throws NullPointerException when the effect is null
         */
        public Builder effect(ConnectionEffect effect) {
            this.effect = Objects.requireNonNull(effect, "effect");
            return this;
        }

        /**
         * Marks the command as having no single reply (see {@link CommandSpec#hasNoReply()}).
         *
         * @return this builder
         */
        public Builder noReply() {
            flags |= NO_REPLY;
            return this;
        }

        /**
         * Marks the command as one the server runs at once inside {@code MULTI} instead of queueing it.
         *
         * @return this builder
         */
        public Builder notQueueable() {
            flags |= NOT_QUEUEABLE;
            return this;
        }

        /**
         * Records which arguments carry credentials.
         *
         * @param rule the rule
         * @return this builder
         * @throws NullPointerException when the rule is null
         */
        public Builder credentials(CredentialRule rule) {
            this.credentials = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * Records what a blocking pop takes.
         *
         * @param kind the kind
         * @return this builder
         * @throws NullPointerException when the kind is null
         */
        public Builder pop(PopKind kind) {
            this.pop = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Records where a Redis Cluster client sends the command (the server's {@code request_policy} tip).
         *
         * @param policy the policy; {@link RequestPolicy#DEFAULT} unless told otherwise
         * @return this builder
         * @throws NullPointerException when the policy is null
         */
        public Builder requestPolicy(RequestPolicy policy) {
            this.request = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Records how a Redis Cluster client merges the command's replies from several nodes (the server's
         * {@code response_policy} tip).
         *
         * @param policy the policy; {@link ResponsePolicy#DEFAULT} unless told otherwise
         * @return this builder
         * @throws NullPointerException when the policy is null
         */
        public Builder responsePolicy(ResponsePolicy policy) {
            this.response = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Marks the command as having subcommands; the spec then stands for the subcommands no spec of their own
         * exists for.
         *
         * @return this builder
         */
        public Builder subcommands() {
            flags |= CONTAINER;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalStateException when a pop kind is given to a command that does not block
         */
        public CommandSpec build() {
            if (pop != PopKind.NONE && timeout == null) {
                throw new IllegalStateException(name + ": only a blocking command is a blocking pop");
            }
            return new CommandSpec(this);
        }
    }
}
