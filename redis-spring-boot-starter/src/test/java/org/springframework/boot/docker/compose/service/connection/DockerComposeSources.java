package org.springframework.boot.docker.compose.service.connection;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.env.Environment;

/** Test access to Boot's package-private {@link DockerComposeConnectionSource} constructor, for stubbed services. */
public final class DockerComposeSources {

    private DockerComposeSources() {
    }

    public static DockerComposeConnectionSource of(RunningService service, Environment environment) {
        return new DockerComposeConnectionSource(service, environment);
    }
}
