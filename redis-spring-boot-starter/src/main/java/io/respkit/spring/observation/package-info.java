/**
 * Micrometer Observation for respkit's clients: {@link io.respkit.spring.observation.MicrometerCommandObserver}.
 */
package io.respkit.spring.observation;
