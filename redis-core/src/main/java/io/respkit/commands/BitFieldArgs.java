package io.respkit.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sub-operations of one {@code BITFIELD} (or {@code BITFIELD_RO}) call, in order: {@code GET}, {@code SET},
 * {@code INCRBY} on typed fields, and {@code OVERFLOW} changing how the {@code SET}s and {@code INCRBY}s after it
 * treat overflows. The reply has one entry per {@code GET}, {@code SET} and {@code INCRBY}.
 *
 * <pre>{@code
 * BitFieldArgs ops = BitFieldArgs.NONE
 *         .set(BitFieldType.unsigned(8), 0, 200)                    // SET u8 0 200    -> old value
 *         .overflow(BitFieldOverflow.FAIL)
 *         .incrby(BitFieldType.unsigned(8), 0, 100)                 // INCRBY u8 0 100 -> null: it would overflow
 *         .get(BitFieldType.signed(4), BitFieldArgs.Offset.index(1)); // GET i4 #1      -> bits 4..7
 * redis.bitfield("key", ops);                                         // [0, null, ...]
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param operations the sub-operations, in order
 */
public record BitFieldArgs(List<Operation> operations) {

    /** No sub-operation: {@code BITFIELD key} answers an empty list. Start here. */
    public static final BitFieldArgs NONE = new BitFieldArgs(List.of());

    /**
     * Copies the operations.
     *
     * @throws NullPointerException when the list or an operation is null
     */
    public BitFieldArgs {
        operations = List.copyOf(operations);
    }

    /**
     * Adds {@code GET type offset}.
     *
     * @param type the field's type
     * @param bitOffset the field's first bit, 0 being the most significant bit of the first byte
     * @return a copy with the operation added
     * @throws IllegalArgumentException when the offset is negative
     */
    public BitFieldArgs get(BitFieldType type, long bitOffset) {
        return get(type, Offset.bit(bitOffset));
    }

    /**
     * Adds {@code GET type offset}, the offset in bits or ({@link Offset#index(long)}) in fields of the type's width.
     *
     * @param type the field's type
     * @param offset where the field starts
     * @return a copy with the operation added
     */
    public BitFieldArgs get(BitFieldType type, Offset offset) {
        return with(new Get(type, offset));
    }

    /**
     * Adds {@code SET type offset value}; its reply is the field's old value.
     *
     * @param type the field's type
     * @param bitOffset the field's first bit
     * @param value the new value
     * @return a copy with the operation added
     * @throws IllegalArgumentException when the offset is negative
     */
    public BitFieldArgs set(BitFieldType type, long bitOffset, long value) {
        return set(type, Offset.bit(bitOffset), value);
    }

    /**
     * Adds {@code SET type offset value}; its reply is the field's old value.
     *
     * @param type the field's type
     * @param offset where the field starts
     * @param value the new value
     * @return a copy with the operation added
     */
    public BitFieldArgs set(BitFieldType type, Offset offset, long value) {
        return with(new Set(type, offset, value));
    }

    /**
     * Adds {@code INCRBY type offset increment}; its reply is the field's new value.
     *
     * @param type the field's type
     * @param bitOffset the field's first bit
     * @param increment the amount, may be negative
     * @return a copy with the operation added
     * @throws IllegalArgumentException when the offset is negative
     */
    public BitFieldArgs incrby(BitFieldType type, long bitOffset, long increment) {
        return incrby(type, Offset.bit(bitOffset), increment);
    }

    /**
     * Adds {@code INCRBY type offset increment}; its reply is the field's new value.
     *
     * @param type the field's type
     * @param offset where the field starts
     * @param increment the amount, may be negative
     * @return a copy with the operation added
     */
    public BitFieldArgs incrby(BitFieldType type, Offset offset, long increment) {
        return with(new IncrBy(type, offset, increment));
    }

    /**
     * Adds {@code OVERFLOW behaviour}, which applies to the {@code SET}s and {@code INCRBY}s after it.
     *
     * @param behaviour wrap, saturate or fail
     * @return a copy with the operation added
     */
    public BitFieldArgs overflow(BitFieldOverflow behaviour) {
        return with(new Overflow(behaviour));
    }

    /**
     * Tells whether every sub-operation only reads, so that {@code BITFIELD_RO} may send them.
     *
     * @return {@code true} when there are only {@code GET}s (or nothing)
     */
    public boolean isReadOnly() {
        for (Operation op : operations) {
            if (!(op instanceof Get)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the sub-operations to a command, in order.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        for (Operation op : operations) {
            op.appendTo(command);
        }
    }

    private BitFieldArgs with(Operation op) {
        List<Operation> all = new ArrayList<>(operations.size() + 1);
        all.addAll(operations);
        all.add(op);
        return new BitFieldArgs(all);
    }

    /**
     * Where a field starts: a bit offset ({@code 17}), or an index in fields of the type's width ({@code #2}, bit
     * {@code 2 * width}).
     *
     * <p>Immutable and thread-safe.
     *
     * @param value the offset, not negative
     * @param typeWidth whether {@code value} counts fields of the type's width rather than bits
     */
    public record Offset(long value, boolean typeWidth) {

        /**
         * Validates the offset.
         *
         * @throws IllegalArgumentException when it is negative
         */
        public Offset {
            if (value < 0) {
                throw new IllegalArgumentException("BITFIELD offsets are not negative: " + value);
            }
        }

        /**
         * Returns an offset in bits.
         *
         * @param bits the first bit of the field
         * @return the offset
         * @throws IllegalArgumentException when it is negative
         */
        public static Offset bit(long bits) {
            return new Offset(bits, false);
        }

        /**
         * Returns an offset in fields of the type's width ({@code #index}).
         *
         * @param index the field's index
         * @return the offset
         * @throws IllegalArgumentException when it is negative
         */
        public static Offset index(long index) {
            return new Offset(index, true);
        }

        void appendTo(Command<?> command) {
            if (typeWidth) {
                command.arg("#" + value);
            } else {
                command.arg(value);
            }
        }
    }

    /**
     * One sub-operation of {@code BITFIELD}.
     *
     * <p>Implementations are immutable records and thread-safe.
     */
    public sealed interface Operation permits Get, Set, IncrBy, Overflow {

        /**
         * Appends the sub-operation's words to a command.
         *
         * @param command the command
         */
        void appendTo(Command<?> command);
    }

    /**
     * {@code GET type offset}.
     *
     * @param type the field's type
     * @param offset where the field starts
     */
    public record Get(BitFieldType type, Offset offset) implements Operation {

        /**
         * Checks the parts.
         *
         * @throws NullPointerException when one is null
         */
        public Get {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(offset, "offset");
        }

        @Override
        public void appendTo(Command<?> command) {
            command.arg("GET").arg(type.text());
            offset.appendTo(command);
        }
    }

    /**
     * {@code SET type offset value}.
     *
     * @param type the field's type
     * @param offset where the field starts
     * @param value the new value
     */
    public record Set(BitFieldType type, Offset offset, long value) implements Operation {

        /**
         * Checks the parts.
         *
         * @throws NullPointerException when one is null
         */
        public Set {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(offset, "offset");
        }

        @Override
        public void appendTo(Command<?> command) {
            command.arg("SET").arg(type.text());
            offset.appendTo(command);
            command.arg(value);
        }
    }

    /**
     * {@code INCRBY type offset increment}.
     *
     * @param type the field's type
     * @param offset where the field starts
     * @param increment the amount
     */
    public record IncrBy(BitFieldType type, Offset offset, long increment) implements Operation {

        /**
         * Checks the parts.
         *
         * @throws NullPointerException when one is null
         */
        public IncrBy {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(offset, "offset");
        }

        @Override
        public void appendTo(Command<?> command) {
            command.arg("INCRBY").arg(type.text());
            offset.appendTo(command);
            command.arg(increment);
        }
    }

    /**
     * {@code OVERFLOW WRAP|SAT|FAIL}.
     *
     * @param behaviour how later {@code SET}s and {@code INCRBY}s treat overflows
     */
    public record Overflow(BitFieldOverflow behaviour) implements Operation {

        /**
         * Checks the behaviour.
         *
         * @throws NullPointerException when it is null
         */
        public Overflow {
            Objects.requireNonNull(behaviour, "behaviour");
        }

        @Override
        public void appendTo(Command<?> command) {
            command.arg("OVERFLOW").arg(behaviour.name());
        }
    }
}
