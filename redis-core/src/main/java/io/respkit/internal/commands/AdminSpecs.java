package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;
import io.respkit.commands.ConnectionEffect;

import static io.respkit.commands.RequestPolicy.ALL_NODES;
import static io.respkit.commands.RequestPolicy.ALL_SHARDS;
import static io.respkit.commands.ResponsePolicy.AGG_SUM;
import static io.respkit.commands.ResponsePolicy.ALL_SUCCEEDED;
import static io.respkit.commands.ResponsePolicy.SPECIAL;
import static io.respkit.internal.commands.CommandSpecs.add;
import static io.respkit.internal.commands.CommandSpecs.b;
import static io.respkit.internal.commands.CommandSpecs.read;

/**
 * The catalog entries of the server, admin, connection and pub/sub introspection commands typed by {@link AclDefs},
 * {@link ClientDefs}, {@link AdminDefs}, {@link ClusterDefs} and {@link PubSubDefs} (those already in {@link CommandSpecs}, such as
 * {@code ACL SETUSER}, {@code CONFIG SET}, {@code CLIENT TRACKING} or {@code SWAPDB}, stay there). Flags follow the
 * server's {@code COMMAND INFO}: these commands are neither {@code readonly} nor {@code write} on the server, except
 * {@code MEMORY USAGE} (a key read). Every {@code ACL} subcommand keeps the {@code ACL} credential rule: the server
 * quotes back arguments it cannot parse, so their errors are masked. Every {@code CLIENT} subcommand is dedicated.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class AdminSpecs {

    // ACL
    public static final CommandSpec ACL_CAT = acl("ACL CAT");
    public static final CommandSpec ACL_DELUSER = acl("ACL DELUSER");
    public static final CommandSpec ACL_DRYRUN = acl("ACL DRYRUN");
    public static final CommandSpec ACL_GENPASS = acl("ACL GENPASS");
    public static final CommandSpec ACL_GETUSER = acl("ACL GETUSER");
    public static final CommandSpec ACL_LIST = acl("ACL LIST");
    public static final CommandSpec ACL_LOAD = acl("ACL LOAD");
    public static final CommandSpec ACL_LOG = acl("ACL LOG");
    public static final CommandSpec ACL_SAVE = acl("ACL SAVE");
    public static final CommandSpec ACL_USERS = acl("ACL USERS");
    public static final CommandSpec ACL_WHOAMI = acl("ACL WHOAMI");

    // CONFIG
    public static final CommandSpec CONFIG_RESETSTAT = add(b("CONFIG RESETSTAT"));
    public static final CommandSpec CONFIG_REWRITE = add(b("CONFIG REWRITE"));

    // CLIENT (dedicated, as every CLIENT subcommand)
    public static final CommandSpec CLIENT_KILL = add(b("CLIENT KILL"));
    public static final CommandSpec CLIENT_INFO = add(b("CLIENT INFO"));
    public static final CommandSpec CLIENT_PAUSE = add(b("CLIENT PAUSE"));
    public static final CommandSpec CLIENT_UNPAUSE = add(b("CLIENT UNPAUSE"));
    public static final CommandSpec CLIENT_TRACKINGINFO = add(b("CLIENT TRACKINGINFO"));
    public static final CommandSpec CLIENT_GETREDIR = add(b("CLIENT GETREDIR"));
    /** Changes whether the connection's next read is tracked: the connection is left in a tracking state. */
    public static final CommandSpec CLIENT_CACHING = add(b("CLIENT CACHING").effect(ConnectionEffect.TRACKING));

    // Diagnostics: per node, so the server's tips send them to every node (or master) of a cluster
    public static final CommandSpec SLOWLOG = add(b("SLOWLOG").subcommands());
    public static final CommandSpec SLOWLOG_GET = add(b("SLOWLOG GET", ALL_NODES));
    public static final CommandSpec SLOWLOG_LEN = add(b("SLOWLOG LEN", ALL_NODES, AGG_SUM));
    public static final CommandSpec SLOWLOG_RESET = add(b("SLOWLOG RESET", ALL_NODES, ALL_SUCCEEDED));
    public static final CommandSpec MEMORY = add(b("MEMORY").subcommands());
    public static final CommandSpec MEMORY_USAGE = read("MEMORY USAGE");
    public static final CommandSpec MEMORY_STATS = add(b("MEMORY STATS", ALL_SHARDS, SPECIAL));
    public static final CommandSpec MEMORY_DOCTOR = add(b("MEMORY DOCTOR", ALL_SHARDS, SPECIAL));
    public static final CommandSpec MEMORY_MALLOC_STATS = add(b("MEMORY MALLOC-STATS", ALL_SHARDS, SPECIAL));
    public static final CommandSpec MEMORY_PURGE = add(b("MEMORY PURGE", ALL_SHARDS, ALL_SUCCEEDED));
    public static final CommandSpec LATENCY = add(b("LATENCY").subcommands());
    public static final CommandSpec LATENCY_LATEST = add(b("LATENCY LATEST", ALL_NODES, SPECIAL));
    public static final CommandSpec LATENCY_HISTORY = add(b("LATENCY HISTORY", ALL_NODES, SPECIAL));
    public static final CommandSpec LATENCY_RESET = add(b("LATENCY RESET", ALL_NODES, ALL_SUCCEEDED));
    public static final CommandSpec LATENCY_DOCTOR = add(b("LATENCY DOCTOR", ALL_NODES, SPECIAL));
    public static final CommandSpec LATENCY_GRAPH = add(b("LATENCY GRAPH", ALL_NODES, SPECIAL));
    public static final CommandSpec LATENCY_HISTOGRAM = add(b("LATENCY HISTOGRAM", ALL_NODES, SPECIAL));

    // Persistence and replication
    public static final CommandSpec ROLE = add(b("ROLE"));
    public static final CommandSpec LASTSAVE = add(b("LASTSAVE"));
    public static final CommandSpec SAVE = add(b("SAVE"));
    public static final CommandSpec BGSAVE = add(b("BGSAVE"));
    public static final CommandSpec BGREWRITEAOF = add(b("BGREWRITEAOF"));
    public static final CommandSpec REPLICAOF = add(b("REPLICAOF"));
    public static final CommandSpec FAILOVER = add(b("FAILOVER"));

    // COMMAND and MODULE introspection
    public static final CommandSpec COMMAND = add(b("COMMAND").subcommands());
    public static final CommandSpec COMMAND_COUNT = add(b("COMMAND COUNT"));
    public static final CommandSpec COMMAND_DOCS = add(b("COMMAND DOCS"));
    public static final CommandSpec COMMAND_INFO = add(b("COMMAND INFO"));
    public static final CommandSpec COMMAND_LIST = add(b("COMMAND LIST"));
    public static final CommandSpec COMMAND_GETKEYS = add(b("COMMAND GETKEYS"));
    public static final CommandSpec COMMAND_GETKEYSANDFLAGS = add(b("COMMAND GETKEYSANDFLAGS"));
    public static final CommandSpec MODULE = add(b("MODULE").subcommands());
    public static final CommandSpec MODULE_LIST = add(b("MODULE LIST"));
    public static final CommandSpec MODULE_LOAD = add(b("MODULE LOAD"));
    public static final CommandSpec MODULE_LOADEX = add(b("MODULE LOADEX"));
    public static final CommandSpec MODULE_UNLOAD = add(b("MODULE UNLOAD"));

    // CLUSTER introspection (the subcommands that change the cluster are issue 12's)
    public static final CommandSpec CLUSTER = add(b("CLUSTER").subcommands());
    public static final CommandSpec CLUSTER_INFO = add(b("CLUSTER INFO"));
    public static final CommandSpec CLUSTER_MYID = add(b("CLUSTER MYID"));
    public static final CommandSpec CLUSTER_NODES = add(b("CLUSTER NODES"));
    public static final CommandSpec CLUSTER_SLOTS = add(b("CLUSTER SLOTS"));
    public static final CommandSpec CLUSTER_SHARDS = add(b("CLUSTER SHARDS"));
    public static final CommandSpec CLUSTER_LINKS = add(b("CLUSTER LINKS"));
    public static final CommandSpec CLUSTER_REPLICAS = add(b("CLUSTER REPLICAS"));
    public static final CommandSpec CLUSTER_KEYSLOT = add(b("CLUSTER KEYSLOT"));
    public static final CommandSpec CLUSTER_COUNTKEYSINSLOT = add(b("CLUSTER COUNTKEYSINSLOT"));
    public static final CommandSpec CLUSTER_GETKEYSINSLOT = add(b("CLUSTER GETKEYSINSLOT"));

    // Pub/sub introspection and sharded publishing
    public static final CommandSpec PUBSUB_NUMPAT = add(b("PUBSUB NUMPAT"));
    public static final CommandSpec PUBSUB_SHARDCHANNELS = add(b("PUBSUB SHARDCHANNELS"));
    public static final CommandSpec PUBSUB_SHARDNUMSUB = add(b("PUBSUB SHARDNUMSUB"));
    public static final CommandSpec SPUBLISH = add(b("SPUBLISH"));

    private AdminSpecs() {
    }

    /** Registers the constants above (called from {@link CommandSpecs}' static block). */
    static void load() {
    }

    private static CommandSpec acl(String name) {
        return add(b(name).credentials(CredentialRules.ACL));
    }
}
