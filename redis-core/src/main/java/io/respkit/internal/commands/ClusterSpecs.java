package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

import static io.respkit.internal.commands.CommandSpecs.add;
import static io.respkit.internal.commands.CommandSpecs.b;

/**
 * The catalog entries of the {@code CLUSTER} management subcommands typed by {@link ClusterAdminDefs} (slots,
 * nodes, epochs, failover; the parent {@code CLUSTER} entry and the introspection subcommands are in
 * {@link AdminSpecs}). The server flags none of them {@code readonly} or {@code write}, and none takes a key.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class ClusterSpecs {

    public static final CommandSpec CLUSTER_ADDSLOTS = add(b("CLUSTER ADDSLOTS"));
    public static final CommandSpec CLUSTER_ADDSLOTSRANGE = add(b("CLUSTER ADDSLOTSRANGE"));
    public static final CommandSpec CLUSTER_DELSLOTS = add(b("CLUSTER DELSLOTS"));
    public static final CommandSpec CLUSTER_DELSLOTSRANGE = add(b("CLUSTER DELSLOTSRANGE"));
    public static final CommandSpec CLUSTER_FLUSHSLOTS = add(b("CLUSTER FLUSHSLOTS"));
    public static final CommandSpec CLUSTER_BUMPEPOCH = add(b("CLUSTER BUMPEPOCH"));
    public static final CommandSpec CLUSTER_COUNT_FAILURE_REPORTS = add(b("CLUSTER COUNT-FAILURE-REPORTS"));
    public static final CommandSpec CLUSTER_FAILOVER = add(b("CLUSTER FAILOVER"));
    public static final CommandSpec CLUSTER_FORGET = add(b("CLUSTER FORGET"));
    public static final CommandSpec CLUSTER_MEET = add(b("CLUSTER MEET"));
    public static final CommandSpec CLUSTER_REPLICATE = add(b("CLUSTER REPLICATE"));
    public static final CommandSpec CLUSTER_RESET = add(b("CLUSTER RESET"));
    public static final CommandSpec CLUSTER_SAVECONFIG = add(b("CLUSTER SAVECONFIG"));
    public static final CommandSpec CLUSTER_SET_CONFIG_EPOCH = add(b("CLUSTER SET-CONFIG-EPOCH"));
    public static final CommandSpec CLUSTER_SETSLOT = add(b("CLUSTER SETSLOT"));

    private ClusterSpecs() {
    }

    /** Touching this method initialises the class, registering its constants (see {@link CommandSpecs}). */
    static void load() {
    }
}
