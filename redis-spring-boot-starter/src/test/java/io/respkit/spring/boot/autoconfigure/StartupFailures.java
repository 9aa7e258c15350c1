package io.respkit.spring.boot.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a context that must fail and analyzes the failure as Spring Boot does: every registered analyzer, in order. */
final class StartupFailures {

    private StartupFailures() {
    }

    /**
     * Starts the context, asserts that it failed, and returns the first analysis of the registered analyzers.
     *
     * @param runner the runner, with its properties
     * @param properties the same properties, for the analyzers' environment
     * @return the analysis, never null
     */
    static FailureAnalysis analyze(ApplicationContextRunner runner, String... properties) {
        Throwable[] failure = new Throwable[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            failure[0] = context.getStartupFailure();
        });
        MockEnvironment environment = new MockEnvironment();
        for (String p : properties) {
            int eq = p.indexOf('=');
            environment.setProperty(p.substring(0, eq), p.substring(eq + 1));
        }
        FailureAnalysis analysis = analyze(failure[0], environment);
        assertThat(analysis).as("analysis of %s", failure[0]).isNotNull();
        assertThat(analysis.getDescription()).isNotBlank();
        assertThat(analysis.getAction()).isNotBlank();
        return analysis;
    }

    /**
     * Analyzes a failure with every analyzer registered in {@code spring.factories}, in Spring Boot's order.
     *
     * @param failure the failure
     * @param environment the environment
     * @return the first analysis, or {@code null}
     */
    static FailureAnalysis analyze(Throwable failure, Environment environment) {
        List<FailureAnalyzer> analyzers = new ArrayList<>(SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.of(Environment.class, environment)
                                .and(BeanFactory.class, new DefaultListableBeanFactory()),
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { })));
        AnnotationAwareOrderComparator.sort(analyzers);
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }
}
