package io.respkit.spring.listener;

/**
 * The running side of one {@code @RedisListener} endpoint, as returned by
 * {@code RedisListenerEndpointRegistry#getListenerContainer(String)}: start and stop it independently of the
 * application context. Containers are not Spring beans; the registry owns them.
 *
 * <p>Implementations are thread-safe.
 */
public interface RedisListenerContainer {

    /**
     * Returns the listener id.
     *
     * @return the id
     */
    String getListenerId();

    /**
     * Starts delivering messages; does nothing when running.
     */
    void start();

    /**
     * Stops taking new messages, lets in-flight ones finish within the shutdown timeout, and returns; does nothing
     * when stopped.
     */
    void stop();

    /**
     * Asks the container to stop taking new messages without waiting, so that several containers can wind down in
     * parallel before {@link #stop()} waits for each. Does nothing when stopped.
     */
    default void requestStop() {
    }

    /**
     * Returns whether the container is running.
     *
     * @return {@code true} between {@link #start()} and {@link #stop()}
     */
    boolean isRunning();

    /**
     * Returns whether the registry starts this container with the application context.
     *
     * @return the auto-startup flag
     */
    boolean isAutoStartup();
}
