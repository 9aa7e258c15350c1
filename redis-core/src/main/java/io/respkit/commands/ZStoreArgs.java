package io.respkit.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@code ZUNIONSTORE} and {@code ZINTERSTORE}: a {@code WEIGHTS} factor per source key, multiplied into
 * each member's score, and the {@code AGGREGATE} function combining the scores of a member found in several keys.
 *
 * <pre>{@code
 * redis.zunionstore("out", List.of("a", "b"), ZStoreArgs.NONE.withWeights(1, 2).withAggregate(Aggregate.MAX));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code with...} method returns a new instance.
 *
 * @param weights one weight per source key, in key order; empty for the server default (all 1)
 * @param aggregate how scores combine, or {@code null} for the server default ({@link Aggregate#SUM})
 */
public record ZStoreArgs(List<Double> weights, Aggregate aggregate) {

    /** No options: weights of 1, scores summed. */
    public static final ZStoreArgs NONE = new ZStoreArgs(List.of(), null);

    /**
     * Copies the weights into an unmodifiable list.
     *
     * @throws NullPointerException when the weights or one of them is null
     * @throws IllegalArgumentException when a weight is NaN
     */
    public ZStoreArgs {
        Objects.requireNonNull(weights, "weights");
        for (Double w : weights) {
            if (Objects.requireNonNull(w, "weight").isNaN()) {
                throw new IllegalArgumentException("a weight must not be NaN");
            }
        }
        weights = List.copyOf(weights);
    }

    /**
     * Returns a copy with {@code WEIGHTS}: one factor per source key, in the order the keys are given.
     *
     * @param newWeights the weights
     * @return the options
     * @throws IllegalArgumentException when a weight is NaN
     */
    public ZStoreArgs withWeights(double... newWeights) {
        List<Double> list = new ArrayList<>(newWeights.length);
        for (double w : newWeights) {
            list.add(w);
        }
        return new ZStoreArgs(Collections.unmodifiableList(list), aggregate);
    }

    /**
     * Returns a copy with {@code AGGREGATE}.
     *
     * @param newAggregate how scores combine
     * @return the options
     * @throws NullPointerException when the aggregate is null
     */
    public ZStoreArgs withAggregate(Aggregate newAggregate) {
        return new ZStoreArgs(weights, Objects.requireNonNull(newAggregate, "aggregate"));
    }

    /**
     * Appends the options to a command whose keys were just added.
     *
     * @param command the command
     * @param keyCount how many source keys the command names
     * @throws IllegalArgumentException when weights are given but not exactly one per key
     */
    public void appendTo(Command<?> command, int keyCount) {
        if (!weights.isEmpty()) {
            if (weights.size() != keyCount) {
                throw new IllegalArgumentException("WEIGHTS needs one weight per key: " + weights.size()
                        + " weights for " + keyCount + " keys");
            }
            command.arg("WEIGHTS");
            for (int i = 0; i < weights.size(); i++) {
                command.arg(weights.get(i).doubleValue());
            }
        }
        if (aggregate != null) {
            command.arg("AGGREGATE").arg(aggregate.name());
        }
    }
}
