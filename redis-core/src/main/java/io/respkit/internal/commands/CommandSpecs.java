package io.respkit.internal.commands;

import io.respkit.commands.BlockTimeout;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.ConnectionEffect;
import io.respkit.commands.PopKind;
import io.respkit.commands.RequestPolicy;
import io.respkit.commands.ResponsePolicy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.respkit.commands.RequestPolicy.ALL_NODES;
import static io.respkit.commands.RequestPolicy.ALL_SHARDS;
import static io.respkit.commands.RequestPolicy.MULTI_SHARD;
import static io.respkit.commands.ResponsePolicy.AGG_LOGICAL_AND;
import static io.respkit.commands.ResponsePolicy.AGG_MIN;
import static io.respkit.commands.ResponsePolicy.AGG_SUM;
import static io.respkit.commands.ResponsePolicy.ALL_SUCCEEDED;

/**
 * The catalog: one {@link CommandSpec} per command respkit knows, every command the {@code *Defs} build and every
 * command whose effect on a connection respkit must know, with subcommands ({@code CLIENT SETNAME},
 * {@code CONFIG SET}) as entries of their own, each constant named after its command. The typed definitions pass
 * these constants to {@code Command.create(codec, spec, decoder)}; {@link #lookup(String)} finds them by name for
 * commands created by name. {@code CommandSpecIntegrationTests} checks every entry against the server's
 * {@code COMMAND INFO}. A command the server gives {@code request_policy}/{@code response_policy} tips (Redis 7+)
 * carries them as its spec's cluster policies, set where it is declared ({@code b(name, request, response)});
 * {@code CommandPolicyIntegrationTests} checks them against the server's tips.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class CommandSpecs {

    private static final Map<String, CommandSpec> BY_NAME = new HashMap<>();
    private static final List<CommandSpec> ALL = new ArrayList<>();
    private static final BlockTimeout LAST_SECONDS = new BlockTimeout(-1, null, TimeUnit.SECONDS);
    private static final BlockTimeout FIRST_SECONDS = new BlockTimeout(1, null, TimeUnit.SECONDS);
    private static final BlockTimeout BLOCK_MILLIS = new BlockTimeout(0, "BLOCK", TimeUnit.MILLISECONDS);

    /** The spec of every command respkit does not know: {@link CommandSpec#UNKNOWN}. */
    public static final CommandSpec UNKNOWN = CommandSpec.UNKNOWN;

    // Strings
    public static final CommandSpec APPEND = write("APPEND");
    public static final CommandSpec DECR = write("DECR");
    public static final CommandSpec DECRBY = write("DECRBY");
    public static final CommandSpec GET = read("GET");
    public static final CommandSpec GETDEL = write("GETDEL");
    public static final CommandSpec GETEX = write("GETEX");
    public static final CommandSpec GETRANGE = read("GETRANGE");
    public static final CommandSpec GETSET = write("GETSET");
    public static final CommandSpec INCR = write("INCR");
    public static final CommandSpec INCRBY = write("INCRBY");
    public static final CommandSpec INCRBYFLOAT = write("INCRBYFLOAT");
    public static final CommandSpec MGET = add(b("MGET", MULTI_SHARD).readOnly());
    public static final CommandSpec MSET = add(b("MSET", MULTI_SHARD, ALL_SUCCEEDED).write());
    public static final CommandSpec MSETNX = add(b("MSETNX", MULTI_SHARD, AGG_MIN).write());
    public static final CommandSpec PSETEX = write("PSETEX");
    public static final CommandSpec SET = write("SET");
    public static final CommandSpec SETEX = write("SETEX");
    public static final CommandSpec SETNX = write("SETNX");
    public static final CommandSpec SETRANGE = write("SETRANGE");
    public static final CommandSpec STRLEN = read("STRLEN");

    // Keys
    public static final CommandSpec DBSIZE = add(b("DBSIZE", ALL_SHARDS, AGG_SUM).readOnly());
    public static final CommandSpec DEL = add(b("DEL", MULTI_SHARD, AGG_SUM).write());
    public static final CommandSpec EXISTS = add(b("EXISTS", MULTI_SHARD, AGG_SUM).readOnly());
    public static final CommandSpec EXPIRE = write("EXPIRE");
    public static final CommandSpec EXPIREAT = write("EXPIREAT");
    public static final CommandSpec FLUSHALL = add(b("FLUSHALL", ALL_SHARDS, ALL_SUCCEEDED).write());
    public static final CommandSpec FLUSHDB = add(b("FLUSHDB", ALL_SHARDS, ALL_SUCCEEDED).write());
    public static final CommandSpec KEYS = add(b("KEYS", ALL_SHARDS).readOnly());
    public static final CommandSpec PERSIST = write("PERSIST");
    public static final CommandSpec PEXPIRE = write("PEXPIRE");
    public static final CommandSpec PEXPIREAT = write("PEXPIREAT");
    public static final CommandSpec PTTL = read("PTTL");
    public static final CommandSpec RANDOMKEY = add(b("RANDOMKEY", ALL_SHARDS).readOnly());
    public static final CommandSpec RENAME = write("RENAME");
    public static final CommandSpec RENAMENX = write("RENAMENX");
    public static final CommandSpec SCAN = add(b("SCAN", RequestPolicy.SPECIAL).readOnly());
    public static final CommandSpec TTL = read("TTL");
    public static final CommandSpec TYPE = read("TYPE");
    public static final CommandSpec UNLINK = add(b("UNLINK", MULTI_SHARD, AGG_SUM).write());

    // Hashes
    public static final CommandSpec HDEL = write("HDEL");
    public static final CommandSpec HEXISTS = read("HEXISTS");
    public static final CommandSpec HGET = read("HGET");
    public static final CommandSpec HGETALL = read("HGETALL");
    public static final CommandSpec HINCRBY = write("HINCRBY");
    public static final CommandSpec HINCRBYFLOAT = write("HINCRBYFLOAT");
    public static final CommandSpec HKEYS = read("HKEYS");
    public static final CommandSpec HLEN = read("HLEN");
    public static final CommandSpec HMGET = read("HMGET");
    public static final CommandSpec HMSET = write("HMSET");
    public static final CommandSpec HRANDFIELD = read("HRANDFIELD");
    public static final CommandSpec HSCAN = read("HSCAN");
    public static final CommandSpec HSET = write("HSET");
    public static final CommandSpec HSETNX = write("HSETNX");
    public static final CommandSpec HSTRLEN = read("HSTRLEN");
    public static final CommandSpec HVALS = read("HVALS");

    // Lists
    public static final CommandSpec LINDEX = read("LINDEX");
    public static final CommandSpec LINSERT = write("LINSERT");
    public static final CommandSpec LLEN = read("LLEN");
    public static final CommandSpec LMOVE = write("LMOVE");
    public static final CommandSpec LMPOP = write("LMPOP");
    public static final CommandSpec LPOP = write("LPOP");
    public static final CommandSpec LPOS = read("LPOS");
    public static final CommandSpec LPUSH = write("LPUSH");
    public static final CommandSpec LPUSHX = write("LPUSHX");
    public static final CommandSpec LRANGE = read("LRANGE");
    public static final CommandSpec LREM = write("LREM");
    public static final CommandSpec LSET = write("LSET");
    public static final CommandSpec LTRIM = write("LTRIM");
    public static final CommandSpec RPOP = write("RPOP");
    public static final CommandSpec RPOPLPUSH = write("RPOPLPUSH");
    public static final CommandSpec RPUSH = write("RPUSH");
    public static final CommandSpec RPUSHX = write("RPUSHX");

    // Sets
    public static final CommandSpec SADD = write("SADD");
    public static final CommandSpec SCARD = read("SCARD");
    public static final CommandSpec SDIFF = read("SDIFF");
    public static final CommandSpec SDIFFSTORE = write("SDIFFSTORE");
    public static final CommandSpec SINTER = read("SINTER");
    public static final CommandSpec SINTERSTORE = write("SINTERSTORE");
    public static final CommandSpec SISMEMBER = read("SISMEMBER");
    public static final CommandSpec SMEMBERS = read("SMEMBERS");
    public static final CommandSpec SMISMEMBER = read("SMISMEMBER");
    public static final CommandSpec SMOVE = write("SMOVE");
    public static final CommandSpec SPOP = write("SPOP");
    public static final CommandSpec SRANDMEMBER = read("SRANDMEMBER");
    public static final CommandSpec SREM = write("SREM");
    public static final CommandSpec SSCAN = read("SSCAN");
    public static final CommandSpec SUNION = read("SUNION");
    public static final CommandSpec SUNIONSTORE = write("SUNIONSTORE");

    // Sorted sets
    public static final CommandSpec ZADD = write("ZADD");
    public static final CommandSpec ZCARD = read("ZCARD");
    public static final CommandSpec ZCOUNT = read("ZCOUNT");
    public static final CommandSpec ZINCRBY = write("ZINCRBY");
    public static final CommandSpec ZINTERSTORE = write("ZINTERSTORE");
    public static final CommandSpec ZMSCORE = read("ZMSCORE");
    public static final CommandSpec ZPOPMAX = write("ZPOPMAX");
    public static final CommandSpec ZPOPMIN = write("ZPOPMIN");
    public static final CommandSpec ZRANGE = read("ZRANGE");
    public static final CommandSpec ZRANGEBYSCORE = read("ZRANGEBYSCORE");
    public static final CommandSpec ZRANK = read("ZRANK");
    public static final CommandSpec ZREM = write("ZREM");
    public static final CommandSpec ZREMRANGEBYRANK = write("ZREMRANGEBYRANK");
    public static final CommandSpec ZREMRANGEBYSCORE = write("ZREMRANGEBYSCORE");
    public static final CommandSpec ZREVRANGE = read("ZREVRANGE");
    public static final CommandSpec ZREVRANGEBYSCORE = read("ZREVRANGEBYSCORE");
    public static final CommandSpec ZREVRANK = read("ZREVRANK");
    public static final CommandSpec ZSCAN = read("ZSCAN");
    public static final CommandSpec ZSCORE = read("ZSCORE");
    public static final CommandSpec ZUNIONSTORE = write("ZUNIONSTORE");
    // Blocking pops and reads: dedicated connections, and their timeout read from their arguments
    public static final CommandSpec BLPOP = add(b("BLPOP").write().blocking(LAST_SECONDS).pop(PopKind.LIST_HEAD));
    public static final CommandSpec BRPOP = add(b("BRPOP").write().blocking(LAST_SECONDS).pop(PopKind.LIST_TAIL));
    public static final CommandSpec BLMOVE = add(b("BLMOVE").write().blocking(LAST_SECONDS).pop(PopKind.LIST_MOVE));
    public static final CommandSpec BRPOPLPUSH = add(b("BRPOPLPUSH").write().blocking(LAST_SECONDS)
            .pop(PopKind.LIST_MOVE_TAIL_TO_HEAD));
    public static final CommandSpec BLMPOP = add(b("BLMPOP").write().blocking(FIRST_SECONDS)
            .pop(PopKind.LIST_MANY));
    public static final CommandSpec BZPOPMIN = add(b("BZPOPMIN").write().blocking(LAST_SECONDS)
            .pop(PopKind.SORTED_SET));
    public static final CommandSpec BZPOPMAX = add(b("BZPOPMAX").write().blocking(LAST_SECONDS)
            .pop(PopKind.SORTED_SET));
    public static final CommandSpec BZMPOP = add(b("BZMPOP").write().blocking(FIRST_SECONDS)
            .pop(PopKind.SORTED_SET_MANY));
    public static final CommandSpec XREAD = add(b("XREAD").readOnly().blocking(BLOCK_MILLIS));
    public static final CommandSpec XREADGROUP = add(b("XREADGROUP").write().blocking(BLOCK_MILLIS));
    public static final CommandSpec WAIT = add(b("WAIT", ALL_SHARDS, AGG_MIN)
            .blocking(new BlockTimeout(2, null, TimeUnit.MILLISECONDS)));
    public static final CommandSpec WAITAOF = add(b("WAITAOF", ALL_SHARDS, AGG_MIN)
            .blocking(new BlockTimeout(3, null, TimeUnit.MILLISECONDS)));

    // Transactions
    public static final CommandSpec MULTI = add(b("MULTI").effect(ConnectionEffect.TRANSACTION_START).notQueueable());
    public static final CommandSpec EXEC = add(b("EXEC").effect(ConnectionEffect.TRANSACTION_END).notQueueable());
    public static final CommandSpec DISCARD = add(b("DISCARD").effect(ConnectionEffect.TRANSACTION_END).notQueueable());
    public static final CommandSpec WATCH = add(b("WATCH").effect(ConnectionEffect.WATCH).notQueueable());
    public static final CommandSpec UNWATCH = add(b("UNWATCH").effect(ConnectionEffect.UNWATCH));

    // Pub/sub
    public static final CommandSpec PUBLISH = add(b("PUBLISH"));
    public static final CommandSpec SUBSCRIBE = add(b("SUBSCRIBE").effect(ConnectionEffect.SUBSCRIBE).noReply());
    public static final CommandSpec PSUBSCRIBE = add(b("PSUBSCRIBE").effect(ConnectionEffect.SUBSCRIBE).noReply());
    public static final CommandSpec SSUBSCRIBE = add(b("SSUBSCRIBE").effect(ConnectionEffect.SUBSCRIBE).noReply());
    public static final CommandSpec UNSUBSCRIBE = add(b("UNSUBSCRIBE").effect(ConnectionEffect.UNSUBSCRIBE).noReply());
    public static final CommandSpec PUNSUBSCRIBE = add(b("PUNSUBSCRIBE").effect(ConnectionEffect.UNSUBSCRIBE)
            .noReply());
    public static final CommandSpec SUNSUBSCRIBE = add(b("SUNSUBSCRIBE").effect(ConnectionEffect.UNSUBSCRIBE)
            .noReply());
    public static final CommandSpec PUBSUB = add(b("PUBSUB").subcommands());
    public static final CommandSpec PUBSUB_CHANNELS = read("PUBSUB CHANNELS");
    public static final CommandSpec PUBSUB_NUMSUB = read("PUBSUB NUMSUB");

    // Scripting
    public static final CommandSpec EVAL = add(b("EVAL"));
    public static final CommandSpec EVALSHA = add(b("EVALSHA"));
    public static final CommandSpec SCRIPT = add(b("SCRIPT").subcommands());
    public static final CommandSpec SCRIPT_LOAD = add(b("SCRIPT LOAD", ALL_NODES, ALL_SUCCEEDED));
    public static final CommandSpec SCRIPT_EXISTS = add(b("SCRIPT EXISTS", ALL_SHARDS, AGG_LOGICAL_AND)
            .readOnly());
    public static final CommandSpec SCRIPT_FLUSH = add(b("SCRIPT FLUSH", ALL_NODES, ALL_SUCCEEDED));

    // Connection
    public static final CommandSpec PING = add(b("PING", ALL_SHARDS, ALL_SUCCEEDED).readOnly());
    public static final CommandSpec ECHO = read("ECHO");
    public static final CommandSpec SELECT = add(b("SELECT").effect(ConnectionEffect.DATABASE));
    public static final CommandSpec SWAPDB = add(b("SWAPDB").write().dedicated());
    public static final CommandSpec AUTH = add(b("AUTH").effect(ConnectionEffect.AUTH)
            .credentials(CredentialRules.ALL_ARGUMENTS));
    public static final CommandSpec HELLO = add(b("HELLO").effect(ConnectionEffect.PROTOCOL)
            .credentials(CredentialRules.HELLO));
    public static final CommandSpec RESET = add(b("RESET").effect(ConnectionEffect.RESET).notQueueable());
    public static final CommandSpec QUIT = add(b("QUIT").effect(ConnectionEffect.QUIT));
    public static final CommandSpec READONLY = add(b("READONLY").dedicated());
    public static final CommandSpec READWRITE = add(b("READWRITE").dedicated());
    public static final CommandSpec ASKING = add(b("ASKING").dedicated());

    // CLIENT: every subcommand runs on a dedicated connection, as it concerns the connection it is sent on
    public static final CommandSpec CLIENT = add(b("CLIENT").subcommands().dedicated());
    public static final CommandSpec CLIENT_SETNAME = add(b("CLIENT SETNAME").effect(ConnectionEffect.NAME));
    public static final CommandSpec CLIENT_SETINFO = add(b("CLIENT SETINFO").effect(ConnectionEffect.NAME));
    public static final CommandSpec CLIENT_TRACKING = add(b("CLIENT TRACKING").effect(ConnectionEffect.TRACKING));
    public static final CommandSpec CLIENT_REPLY = add(b("CLIENT REPLY").effect(ConnectionEffect.REPLY_MODE));
    public static final CommandSpec CLIENT_NO_EVICT = add(b("CLIENT NO-EVICT").effect(ConnectionEffect.CLIENT_MODE));
    public static final CommandSpec CLIENT_NO_TOUCH = add(b("CLIENT NO-TOUCH").effect(ConnectionEffect.CLIENT_MODE));
    public static final CommandSpec CLIENT_GETNAME = add(b("CLIENT GETNAME").readOnly().dedicated());
    public static final CommandSpec CLIENT_ID = add(b("CLIENT ID").readOnly().dedicated());
    public static final CommandSpec CLIENT_LIST = add(b("CLIENT LIST").readOnly().dedicated());
    public static final CommandSpec CLIENT_UNBLOCK = add(b("CLIENT UNBLOCK").dedicated());

    // Server
    public static final CommandSpec INFO = add(b("INFO", ALL_SHARDS, ResponsePolicy.SPECIAL).readOnly());
    public static final CommandSpec TIME = read("TIME");
    public static final CommandSpec CONFIG = add(b("CONFIG").subcommands());
    public static final CommandSpec CONFIG_GET = read("CONFIG GET");
    public static final CommandSpec CONFIG_SET = add(b("CONFIG SET", ALL_NODES, ALL_SUCCEEDED)
            .credentials(CredentialRules.CONFIG_SET));
    public static final CommandSpec ACL = add(b("ACL").subcommands().credentials(CredentialRules.ACL));
    public static final CommandSpec ACL_SETUSER = add(b("ACL SETUSER").credentials(CredentialRules.ACL_SETUSER));
    public static final CommandSpec MIGRATE = add(b("MIGRATE").write().credentials(CredentialRules.MIGRATE));
    public static final CommandSpec SENTINEL = add(b("SENTINEL").subcommands()
            .credentials(CredentialRules.SENTINEL));
    public static final CommandSpec MONITOR = add(b("MONITOR").effect(ConnectionEffect.MONITOR));
    public static final CommandSpec DEBUG = add(b("DEBUG").dedicated());
    public static final CommandSpec SYNC = add(b("SYNC").dedicated());
    public static final CommandSpec PSYNC = add(b("PSYNC").dedicated());
    public static final CommandSpec SHUTDOWN = add(b("SHUTDOWN").dedicated());

    static {
        // Families whose specs live in files of their own (XSpecs, one per command family, built with b/read/write/add
        // below): touching each here registers its constants before any lookup by name. A family's class may also be
        // initialised first (by its Defs); it then initialises this class, which comes back here, finds that family's
        // initialisation under way on the same thread and goes on; the family registers its constants after.
        // One line per family:
        GeoSpecs.load();
        HyperLogLogSpecs.load();
        BitmapSpecs.load();
        StringMoreSpecs.load();
        KeyspaceSpecs.load();
        CollectionSpecs.load();
        FunctionSpecs.load();
        StreamSpecs.load();
        AdminSpecs.load();
        ClusterSpecs.load();
    }

    private CommandSpecs() {
    }

    /**
     * Finds the spec of a one-word command name, in any case.
     *
     * @param word the name, e.g. {@code "GET"}, {@code "get"} or {@code "CLIENT"}
     * @return the spec, {@link #UNKNOWN} when respkit does not know the name
     */
    public static CommandSpec lookup(String word) {
        CommandSpec spec = BY_NAME.get(word); // the names usually come in capitals: no conversion then
        if (spec == null) {
            spec = BY_NAME.get(word.toUpperCase(Locale.ROOT));
        }
        return spec == null || spec.isSubcommand() ? UNKNOWN : spec;
    }

    /**
     * Finds the spec of a command given as its words, in any case: the first word, and the second when the first
     * has subcommands.
     *
     * @param words the command's words (only the first two are looked at)
     * @return the spec, {@link #UNKNOWN} when respkit does not know the first word, the first word's spec when it
     *         does not know the subcommand
     */
    public static CommandSpec lookup(String[] words) {
        CommandSpec spec = lookup(words[0]);
        return spec.hasSubcommands() && words.length > 1 ? subcommand(spec, words[1]) : spec;
    }

    /**
     * Finds the spec of a subcommand.
     *
     * @param parent the spec of a command with subcommands
     * @param word the subcommand, in any case
     * @return its spec, or {@code parent} when respkit does not know it
     */
    public static CommandSpec subcommand(CommandSpec parent, String word) {
        CommandSpec spec = BY_NAME.get(parent.name() + " " + word.toUpperCase(Locale.ROOT));
        return spec == null ? parent : spec;
    }

    /**
     * Returns every spec in the catalog, for tests and tools.
     *
     * @return the specs, in declaration order, unmodifiable
     */
    public static List<CommandSpec> all() {
        return Collections.unmodifiableList(ALL);
    }

    static CommandSpec.Builder b(String name) {
        return CommandSpec.builder(name);
    }

    /**
     * Starts a spec with the cluster request policy the server's {@code request_policy} tip states, and no
     * {@code response_policy} tip.
     */
    static CommandSpec.Builder b(String name, RequestPolicy request) {
        return b(name).requestPolicy(request);
    }

    /** Starts a spec with the cluster policies the server's {@code request_policy}/{@code response_policy} tips state. */
    static CommandSpec.Builder b(String name, RequestPolicy request, ResponsePolicy response) {
        return b(name).requestPolicy(request).responsePolicy(response);
    }

    static CommandSpec read(String name) {
        return add(b(name).readOnly());
    }

    static CommandSpec write(String name) {
        return add(b(name).write());
    }

    /** Builds and registers a spec; a CLIENT subcommand is dedicated, as CLIENT is. */
    static CommandSpec add(CommandSpec.Builder builder) {
        CommandSpec probe = builder.build();
        CommandSpec spec = probe.name().startsWith("CLIENT ") ? builder.dedicated().build() : probe;
        if (BY_NAME.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("two specs for " + spec.name());
        }
        ALL.add(spec);
        return spec;
    }
}
