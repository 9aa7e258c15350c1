package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;
import io.respkit.commands.ConnectionEffect;
import io.respkit.commands.PopKind;
import io.respkit.commands.RequestPolicy;
import io.respkit.commands.ResponsePolicy;

/**
 * How a {@link CommandSpec} shows itself in diagnostics ({@link CommandSpec#toString()}): its name and the flags
 * that are set, read through its public accessors. Stateless and thread-safe.
 */
public final class SpecText {

    private SpecText() {
    }

    /**
     * Describes a spec.
     *
     * @param spec the spec
     * @return e.g. {@code "CommandSpec[BLPOP write blocking dedicated pop=LIST_HEAD]"}
     */
    public static String describe(CommandSpec spec) {
        StringBuilder sb = new StringBuilder("CommandSpec[").append(spec.isKnown() ? spec.name() : "unknown");
        if (spec.isReadOnly()) {
            sb.append(" readonly");
        }
        if (spec.isWrite()) {
            sb.append(" write");
        }
        if (spec.isBlocking()) {
            sb.append(" blocking");
        }
        if (spec.isDedicated()) {
            sb.append(" dedicated");
        }
        if (spec.effect() != ConnectionEffect.NONE) {
            sb.append(" effect=").append(spec.effect());
        }
        if (spec.mayCarryCredentials()) {
            sb.append(" credentials");
        }
        if (spec.popKind() != PopKind.NONE) {
            sb.append(" pop=").append(spec.popKind());
        }
        if (spec.requestPolicy() != RequestPolicy.DEFAULT) {
            sb.append(" request=").append(spec.requestPolicy());
        }
        if (spec.responsePolicy() != ResponsePolicy.DEFAULT) {
            sb.append(" response=").append(spec.responsePolicy());
        }
        return sb.append(']').toString();
    }
}
