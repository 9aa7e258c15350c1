package io.respkit.spring.listener.adapter;

import io.respkit.spring.listener.ListenerExecutionFailedException;
import io.respkit.spring.listener.RedisMessage;
import io.respkit.spring.listener.RedisMessageHandler;
import io.respkit.spring.listener.annotation.Channel;
import io.respkit.spring.listener.annotation.Pattern;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Calls a listener method for each message: works out once, from the method's signature, what each parameter
 * receives, then per message converts the payload and invokes the method.
 *
 * <p>Parameters may be: the payload ({@code String}, {@code CharSequence} or {@code Object} decoded as text with the
 * connection charset, {@code byte[]} as is, or any other type read from JSON by a {@link PayloadConverter}), at most
 * one; a {@code String} annotated
 * {@link Channel} (the channel or queue key) or {@link Pattern} (the matching pattern, or {@code null}); or a
 * {@link RedisMessage}, whose type argument selects the payload conversion the same way.
 *
 * <p>Thread-safe: the analysis is immutable and the method is invoked concurrently when the container does so.
 */
public final class MessagingMethodInvoker implements RedisMessageHandler {

    private enum Source { PAYLOAD, MESSAGE, CHANNEL, PATTERN }

    private enum Conversion { STRING, BYTES, JSON }

    private record Slot(Source source, Conversion conversion, Type type) {
    }

    private final String listenerId;
    private final Object bean;
    private final Method method;
    private final Charset charset;
    private final PayloadConverter converter;
    private final Slot[] slots;

    /**
     * Analyses the method.
     *
     * @param listenerId the listener id, for messages
     * @param bean the bean to invoke the method on
     * @param method the method, invocable on the bean (for proxies, the proxy's method)
     * @param converter converts JSON payloads, or {@code null} when none is available
     * @param charset decodes {@code String} payloads
     * @throws IllegalStateException naming the method when a parameter cannot be supplied, when there are several
     *         payload parameters, or when a payload needs JSON conversion and no converter is available
     */
    public MessagingMethodInvoker(String listenerId, Object bean, Method method, PayloadConverter converter,
            Charset charset) {
        this.listenerId = Objects.requireNonNull(listenerId, "listenerId");
        this.bean = Objects.requireNonNull(bean, "bean");
        this.method = Objects.requireNonNull(method, "method");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.converter = converter;
        this.slots = analyse(method);
        ReflectionUtils.makeAccessible(method);
    }

    private Slot[] analyse(Method m) {
        Parameter[] params = m.getParameters();
        Slot[] result = new Slot[params.length];
        boolean payloadSeen = false;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            boolean channel = p.isAnnotationPresent(Channel.class);
            boolean pattern = p.isAnnotationPresent(Pattern.class);
            if (channel || pattern) {
                if (channel && pattern) {
                    throw invalid("parameter " + i + " cannot be both @Channel and @Pattern");
                }
                if (!p.getType().isAssignableFrom(String.class)) {
                    throw invalid("parameter " + i + " annotated @" + (channel ? "Channel" : "Pattern")
                            + " must be a String");
                }
                result[i] = new Slot(channel ? Source.CHANNEL : Source.PATTERN, null, null);
            } else if (p.getType() == RedisMessage.class) {
                ResolvableType generic = ResolvableType.forMethodParameter(m, i).getGeneric(0);
                Type payloadType = generic.resolve() == null ? Object.class : generic.getType();
                result[i] = new Slot(Source.MESSAGE, conversionFor(payloadType), payloadType);
            } else {
                if (payloadSeen) {
                    throw invalid("declares more than one payload parameter; annotate channel and pattern "
                            + "parameters with @Channel and @Pattern");
                }
                payloadSeen = true;
                Type type = m.getGenericParameterTypes()[i];
                result[i] = new Slot(Source.PAYLOAD, conversionFor(type), type);
            }
            if (result[i].conversion() == Conversion.JSON && converter == null) {
                throw invalid("needs its payload converted from JSON to " + result[i].type().getTypeName()
                        + ", but Jackson 3 (tools.jackson.core:jackson-databind) is not on the classpath and no "
                        + "PayloadConverter bean is defined; add Jackson or take the payload as String or byte[]");
            }
        }
        return result;
    }

    private static Conversion conversionFor(Type type) {
        if (type == String.class || type == Object.class || type == CharSequence.class) {
            return Conversion.STRING;
        }
        if (type == byte[].class) {
            return Conversion.BYTES;
        }
        return Conversion.JSON;
    }

    private IllegalStateException invalid(String problem) {
        return new IllegalStateException("@RedisListener method " + describe(method) + " " + problem);
    }

    /**
     * Describes a method for error messages: {@code com.example.Orders.onOrder(Order, String)}.
     *
     * @param method the method
     * @return the description
     */
    public static String describe(Method method) {
        StringBuilder sb = new StringBuilder(ClassUtils.getUserClass(method.getDeclaringClass()).getName())
                .append('.').append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i > 0 ? ", " : "").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    /**
     * Converts the payload and invokes the method.
     *
     * @param message the message with its raw payload
     * @throws ListenerExecutionFailedException when the payload could not be converted
     * @throws Exception whatever the method threw, unwrapped
     */
    @Override
    public void handle(RedisMessage<byte[]> message) throws Exception {
        Object[] args = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            Slot slot = slots[i];
            args[i] = switch (slot.source()) {
                case CHANNEL -> message.source();
                case PATTERN -> message.pattern();
                case PAYLOAD -> convert(message, slot);
                case MESSAGE -> message.withPayload(convert(message, slot));
            };
        }
        try {
            method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            Throwable target = e.getTargetException();
            if (target instanceof Exception ex) {
                throw ex;
            }
            if (target instanceof Error error) {
                throw error;
            }
            throw new ListenerExecutionFailedException("Listener '" + listenerId + "' failed", target);
        } catch (IllegalAccessException e) {
            throw new ListenerExecutionFailedException("Listener '" + listenerId + "' cannot invoke "
                    + describe(method), e);
        }
    }

    private Object convert(RedisMessage<byte[]> message, Slot slot) {
        byte[] payload = message.payload();
        if (payload == null) {
            return null;
        }
        switch (slot.conversion()) {
            case STRING:
                return new String(payload, charset);
            case BYTES:
                return payload;
            default:
                try {
                    return converter.convert(payload, slot.type());
                } catch (RuntimeException e) {
                    // The payload itself stays out of the message: it may carry personal data.
                    throw new ListenerExecutionFailedException("Listener '" + listenerId + "' could not convert a "
                            + payload.length + "-byte payload from '" + message.source() + "' to "
                            + slot.type().getTypeName() + ": " + e.getClass().getSimpleName(), e);
                }
        }
    }

    @Override
    public String toString() {
        return "MessagingMethodInvoker[" + listenerId + " -> " + describe(method) + "]";
    }
}
