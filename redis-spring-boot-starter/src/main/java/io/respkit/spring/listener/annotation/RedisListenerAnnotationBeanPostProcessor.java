package io.respkit.spring.listener.annotation;

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
 * {@link RedisListenerEndpointRegistry}, which owns the containers; this class starts nothing itself.
 *
 * <p>Thread-safe.
 */
public final class RedisListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, Ordered {

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
     * @throws BeanInitializationException naming the method when an annotation is invalid
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
        String id = resolveString(a.id());
        if (id == null || id.isEmpty()) {
            id = beanName + "." + method.getName() + (index > 0 ? "#" + index : "");
        }
        return new MethodRedisListenerEndpoint(id, bean, method, resolveNames(a.channels()),
                resolveNames(a.patterns()), resolveString(a.queue()), resolveBoolean(where, "autoStartup",
                        a.autoStartup()), resolveInteger(where, "concurrency", a.concurrency()),
                resolveString(a.errorHandler()), a.reliable(), resolveString(a.deadLetterQueue()),
                resolveInteger(where, "maxAttempts", a.maxAttempts()), resolveInteger(where, "batchSize",
                        a.batchSize()));
    }

    private Object resolve(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (!(beanFactory instanceof ConfigurableBeanFactory cbf)) {
            return value;
        }
        String resolved = cbf.resolveEmbeddedValue(value);
        BeanExpressionResolver expressions = cbf.getBeanExpressionResolver();
        if (resolved == null || expressions == null || expressionContext == null) {
            return resolved;
        }
        return expressions.evaluate(resolved, expressionContext);
    }

    private String resolveString(String value) {
        Object resolved = resolve(value);
        return resolved == null ? null : resolved.toString().trim();
    }

    private List<String> resolveNames(String[] values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            addNames(names, resolve(value));
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
        Object resolved = resolve(value);
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
        throw new IllegalStateException(where + " has " + attribute + " = '" + text + "', not true or false");
    }

    private Integer resolveInteger(String where, String attribute, String value) {
        Object resolved = resolve(value);
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
            throw new IllegalStateException(where + " has " + attribute + " = '" + text + "', not a number");
        }
    }
}
