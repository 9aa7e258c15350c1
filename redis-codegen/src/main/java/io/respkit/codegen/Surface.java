package io.respkit.codegen;

/**
 * The two forms generated from each synchronous command family: queued in a pipeline or transaction, and sent
 * asynchronously. Both return a {@code Response<T>} and call {@code enqueue}; they differ in name, base interface
 * and documentation.
 *
 * <p>Immutable, so thread-safe.
 */
enum Surface {

    /** {@code XPipelineCommands}: what {@code Pipeline} and {@code Transaction} offer. */
    PIPELINE("Pipeline", "Queues", "a handle to the result, available once the pipeline or transaction has run",
            "The handle fails with"),

    /** {@code XAsyncCommands}: what {@code RedisClient.async()} offers. */
    ASYNC("Async", "Sends", "a future completed with the result, or exceptionally with the command's error",
            "The future completes exceptionally with");

    private final String infix;
    private final String verb;
    private final String returnPrefix;
    private final String failurePrefix;

    Surface(String infix, String verb, String returnPrefix, String failurePrefix) {
        this.infix = infix;
        this.verb = verb;
        this.returnPrefix = returnPrefix;
        this.failurePrefix = failurePrefix;
    }

    /**
     * Returns the name of this form of a synchronous interface: {@code StringCommands} becomes
     * {@code StringPipelineCommands} or {@code StringAsyncCommands}, {@code BaseCommands} becomes
     * {@code BasePipelineCommands} or {@code BaseAsyncCommands}.
     *
     * @param syncName the simple name of the synchronous interface, ending in {@code Commands}
     * @return the simple name of its counterpart
     * @throws IllegalArgumentException when the name does not end in {@code Commands}
     */
    String nameFor(String syncName) {
        if (!syncName.endsWith("Commands")) {
            throw new IllegalArgumentException(syncName + " does not end in Commands");
        }
        return syncName.substring(0, syncName.length() - "Commands".length()) + infix + "Commands";
    }

    /**
     * Returns how a method's first sentence starts: {@code "Queues"} or {@code "Sends"}.
     *
     * @return the verb
     */
    String verb() {
        return verb;
    }

    /**
     * Returns the words that open a generated {@code @return}, before the synchronous method's description.
     *
     * @return the prefix
     */
    String returnPrefix() {
        return returnPrefix;
    }

    /**
     * Returns the words that open a sentence about an error the command reports through its result.
     *
     * @return the prefix
     */
    String failurePrefix() {
        return failurePrefix;
    }

    /**
     * Returns the adverb that follows the command name in a method's first sentence.
     *
     * @return {@code ""} or {@code " asynchronously"}
     */
    String manner() {
        return this == ASYNC ? " asynchronously" : "";
    }
}
