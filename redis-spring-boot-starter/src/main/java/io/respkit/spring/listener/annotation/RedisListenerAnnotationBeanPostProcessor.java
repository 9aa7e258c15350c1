package io.respkit.spring.listener.annotation;

import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.config.MethodRedisListenerEndpoint;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds {@link RedisListener} methods on beans and describes each as a {@link MethodRedisListenerEndpoint}, with
 * {@code ${...}} placeholders and {@code #{...}} expressions resolved and the annotation validated (errors name
 * the method and fail the context). Once all singletons exist it hands the endpoints to the
 * {@link RedisListenerEndpointRegistry}, which has each endpoint's container factory build its container and owns
 * the containers; this class starts nothing itself.
 *
 * <p>Thread-safe.
 */
public final class RedisListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, Ordered {

    /** Spring's message for a missing placeholder: {@code Could not resolve placeholder 'x' in value "${x}"}. */
    private static final java.util.regex.Pattern MISSING_PLACEHOLDER =
            java.util.regex.Pattern.compile("placeholder '([^']+)'");

    /** A placeholder left in a resolved value: its name, up to a default separator or the closing brace. */
    private static final java.util.regex.Pattern LEFT_PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{([^}:]+)");

    private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();
    private final List<MethodRedisListenerEndpoint> pending = new ArrayList<>();
    private BeanFactory beanFactory;
    private BeanExpressionContext expressionContext;
    private RedisListenerEndpointRegistry registry;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        if (beanFactory instanceof ConfigurableBeanFactory cbf) {
            this.expressionContext = new BeanExpressionContext(cbf, null);
        }
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    /**
     * Describes the bean's {@code @RedisListener} methods.
     *
     * @param bean the bean
     * @param beanName its name
     * @return the bean, unchanged
     * @throws BeanInitializationException naming the method when an annotation is invalid; its cause is a
     *         {@link RedisListenerDefinitionException} saying how to fix it
     */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (nonAnnotatedClasses.contains(targetClass)) {
            return bean;
        }
        Map<Method, Set<RedisListener>> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<Set<RedisListener>>) method -> {
                    Set<RedisListener> found = AnnotatedElementUtils.findMergedRepeatableAnnotations(method,
                            RedisListener.class, RedisListeners.class);
                    return found.isEmpty() ? null : found;
                });
        if (annotated.isEmpty()) {
            nonAnnotatedClasses.add(targetClass);
            return bean;
        }
        for (Map.Entry<Method, Set<RedisListener>> entry : annotated.entrySet()) {
            Method invocable = AopUtils.selectInvocableMethod(entry.getKey(), bean.getClass());
            int n = 0;
            for (RedisListener annotation : entry.getValue()) {
                MethodRedisListenerEndpoint endpoint;
                try {
                    endpoint = describe(annotation, bean, beanName, invocable, n++);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    throw new BeanInitializationException(e.getMessage(), e);
                }
                register(endpoint);
            }
        }
        return bean;
    }

    private void register(MethodRedisListenerEndpoint endpoint) {
        RedisListenerEndpointRegistry r;
        synchronized (pending) {
            r = registry;
            if (r == null) {
                pending.add(endpoint);
                return;
            }
        }
        // A bean created after startup (lazy or prototype): register at once.
        r.registerListenerContainer(endpoint);
    }

    /**
     * Hands every endpoint found so far to the registry.
     *
     * @throws IllegalStateException when the registry bean is missing or refuses an endpoint
     */
    @Override
    public void afterSingletonsInstantiated() {
        RedisListenerEndpointRegistry r = beanFactory.getBean(RedisListenerEndpointRegistry.class);
        List<MethodRedisListenerEndpoint> found;
        synchronized (pending) {
            found = new ArrayList<>(pending);
            pending.clear();
            registry = r;
        }
        for (MethodRedisListenerEndpoint endpoint : found) {
            r.registerListenerContainer(endpoint);
        }
    }

    private MethodRedisListenerEndpoint describe(RedisListener a, Object bean, String beanName, Method method,
            int index) {
        String where = "@RedisListener on " + io.respkit.spring.listener.adapter.MessagingMethodInvoker
                .describe(method);
        String id = resolveString(where, "id", a.id());
        if (id == null || id.isEmpty()) {
            id = beanName + "." + method.getName() + (index > 0 ? "#" + index : "");
        }
        return new MethodRedisListenerEndpoint(id, bean, method, resolveNames(where, "channels", a.channels()),
                resolveNames(where, "patterns", a.patterns()), resolveString(where, "queue", a.queue()),
                resolveBoolean(where, "autoStartup", a.autoStartup()),
                resolveInteger(where, "concurrency", a.concurrency()),
                resolveString(where, "errorHandler", a.errorHandler()), a.reliable(),
                resolveString(where, "deadLetterQueue", a.deadLetterQueue()),
                resolveInteger(where, "maxAttempts", a.maxAttempts()),
                resolveInteger(where, "batchSize", a.batchSize()),
                resolveString(where, "containerFactory", a.containerFactory()),
                new MethodRedisListenerEndpoint.StreamOptions(resolveString(where, "stream", a.stream()),
                        resolveString(where, "group", a.group()), resolveString(where, "consumer", a.consumer()),
                        resolveString(where, "startId", a.startId()),
                        resolveString(where, "deadLetterStream", a.deadLetterStream()),
                        resolveString(where, "payloadField", a.payloadField())));
    }

    private Object resolve(String where, String attribute, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (!(beanFactory instanceof ConfigurableBeanFactory cbf)) {
            return value;
        }
        String resolved;
        try {
            resolved = cbf.resolveEmbeddedValue(value);
        } catch (IllegalArgumentException e) {
            java.util.regex.Matcher missing = MISSING_PLACEHOLDER.matcher(String.valueOf(e.getMessage()));
            throw unresolvable(where, attribute, value, missing.find() ? missing.group(1) : null, e.getMessage(), e);
        }
        java.util.regex.Matcher left = resolved == null ? null : LEFT_PLACEHOLDER.matcher(resolved);
        if (left != null && left.find()) {
            // Without a PropertySourcesPlaceholderConfigurer Spring leaves unknown placeholders as they are: a
            // listener would then subscribe to a channel literally named "${app.channel}".
            throw unresolvable(where, attribute, value, left.group(1), "Could not resolve placeholder '"
                    + left.group(1) + "'", null);
        }
        BeanExpressionResolver expressions = cbf.getBeanExpressionResolver();
        if (resolved == null || expressions == null || expressionContext == null) {
            return resolved;
        }
        try {
            return expressions.evaluate(resolved, expressionContext);
        } catch (BeansException | IllegalStateException | IllegalArgumentException e) {
            throw new RedisListenerDefinitionException(where + " has " + attribute + " = '" + value + "', whose "
                    + "expression cannot be evaluated: " + e.getMessage(), "Fix the SpEL expression in '" + attribute
                    + "': refer to beans as @beanName (e.g. #{@queues.orders}) and to properties through "
                    + "placeholders (e.g. #{'${app.channels}'.split(',')}).", e);
        }
    }

    private static RedisListenerDefinitionException unresolvable(String where, String attribute, String value,
            String name, String problem, Throwable cause) {
        return new RedisListenerDefinitionException(where + " has " + attribute + " = '" + value + "', which "
                + "cannot be resolved: " + problem, name == null
                ? "Define the properties the placeholders in '" + attribute + "' name, or give them defaults "
                        + "(${name:default})."
                : "Define the property '" + name + "' (in application.properties or .yml, as an environment "
                        + "variable or a system property), or give the placeholder a default: ${" + name
                        + ":default-value}.", cause);
    }

    private String resolveString(String where, String attribute, String value) {
        Object resolved = resolve(where, attribute, value);
        return resolved == null ? null : resolved.toString().trim();
    }

    private List<String> resolveNames(String where, String attribute, String[] values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            addNames(names, resolve(where, attribute, value));
        }
        return names;
    }

    private static void addNames(List<String> names, Object resolved) {
        if (resolved instanceof String[] array) {
            for (String s : array) {
                addNames(names, s);
            }
        } else if (resolved instanceof Collection<?> collection) {
            for (Object o : collection) {
                addNames(names, o);
            }
        } else if (resolved != null && !resolved.toString().isBlank()) {
            // Not split on commas: a name may contain one. Lists come from SpEL, e.g. "#{'${app.ch}'.split(',')}".
            names.add(resolved.toString().trim());
        }
    }

    private Boolean resolveBoolean(String where, String attribute, String value) {
        Object resolved = resolve(where, attribute, value);
        if (resolved instanceof Boolean b) {
            return b;
        }
        String text = resolved == null ? "" : resolved.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new RedisListenerDefinitionException(where + " has " + attribute + " = " + shown(value, text)
                + ", not true or false", "Set " + attribute + " to \"true\" or \"false\" (or a placeholder that resolves to one), "
                + "or leave it empty for the default.");
    }

    /**
     * The value as the message shows it: as written, and resolved only when it was written literally. A placeholder
     * or expression may resolve to anything, a password included ({@code ${redis.password}}), so its result is never
     * printed.
     */
    private static String shown(String written, String resolved) {
        return written.trim().equals(resolved) ? "'" + resolved + "'"
                : "'" + written + "' (its resolved value is not shown)";
    }

    private Integer resolveInteger(String where, String attribute, String value) {
        Object resolved = resolve(where, attribute, value);
        if (resolved instanceof Number number) {
            return number.intValue();
        }
        String text = resolved == null ? "" : resolved.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new RedisListenerDefinitionException(where + " has " + attribute + " = " + shown(value, text)
                    + ", not a number", "Set " + attribute + " to a whole number, e.g. " + attribute + " = \"4\", or a "
                    + "placeholder that resolves to one; leave it empty for the default.");
        }
    }
}
