package io.respkit.spring.listener.adapter;

import io.respkit.spring.listener.ListenerExecutionFailedException;
import io.respkit.spring.listener.RedisListenerDefinitionException;
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
     * @throws RedisListenerDefinitionException naming the method and the parameter when a parameter cannot be
     *         supplied, when there are several payload parameters, or when a payload needs JSON conversion and no
     *         converter is available
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

    /** What a listener method may declare, for error messages. */
    static final String SUPPORTED = "A @RedisListener method may declare: at most one payload parameter (String, "
            + "CharSequence or Object for the text, byte[] for the raw bytes, or any other type read from JSON), "
            + "a @Channel String (the channel, or the queue key), a @Pattern String (the matching pattern, or "
            + "null), and RedisMessage<T> (payload, channel and pattern together, T converted like a payload).";

    private Slot[] analyse(Method m) {
        Parameter[] params = m.getParameters();
        Slot[] result = new Slot[params.length];
        int payloadIndex = -1;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            boolean channel = p.isAnnotationPresent(Channel.class);
            boolean pattern = p.isAnnotationPresent(Pattern.class);
            if (channel || pattern) {
                if (channel && pattern) {
                    throw invalid("has " + describe(m, i) + " annotated both @Channel and @Pattern",
                            "Annotate " + name(p) + " with @Channel (the channel or queue key) or @Pattern (the "
                                    + "matching pattern), not both.");
                }
                String annotation = channel ? "@Channel" : "@Pattern";
                if (!p.getType().isAssignableFrom(String.class)) {
                    throw invalid("has " + describe(m, i) + " annotated " + annotation + ", which supplies a String",
                            "Declare " + name(p) + " as String, or remove " + annotation + ". " + SUPPORTED);
                }
                result[i] = new Slot(channel ? Source.CHANNEL : Source.PATTERN, null, null);
            } else if (p.getType() == RedisMessage.class) {
                ResolvableType generic = ResolvableType.forMethodParameter(m, i).getGeneric(0);
                Type payloadType = generic.resolve() == null ? Object.class : generic.getType();
                result[i] = new Slot(Source.MESSAGE, conversionFor(payloadType), payloadType);
            } else {
                if (payloadIndex >= 0) {
                    throw invalid("has an unsupported " + describe(m, i) + ": it has no @Channel or @Pattern "
                                    + "annotation and is not a RedisMessage, so it would be a second payload, but "
                                    + "a listener method takes at most one payload parameter and "
                                    + describe(m, payloadIndex) + " already receives the payload",
                            "Remove " + name(p) + ", or take the whole RedisMessage, or put what it should carry "
                                    + "into the payload. " + SUPPORTED);
                }
                payloadIndex = i;
                Type type = m.getGenericParameterTypes()[i];
                result[i] = new Slot(Source.PAYLOAD, conversionFor(type), type);
            }
            if (result[i].conversion() == Conversion.JSON && converter == null) {
                throw invalid("needs its payload converted from JSON to " + result[i].type().getTypeName()
                        + ", but Jackson 3 (tools.jackson.core:jackson-databind) is not on the classpath and no "
                        + "PayloadConverter bean is defined", "Add tools.jackson.core:jackson-databind to the "
                        + "application, define a PayloadConverter bean, or take the payload as String or byte[].");
            }
        }
        return result;
    }

    /** Describes a parameter: {@code parameter 1 'when' of type java.time.Instant}. */
    private static String describe(Method m, int i) {
        Parameter p = m.getParameters()[i];
        return "parameter " + i + (p.isNamePresent() ? " '" + p.getName() + "'" : "") + " of type "
                + m.getGenericParameterTypes()[i].getTypeName();
    }

    private static String name(Parameter p) {
        return p.isNamePresent() ? "'" + p.getName() + "'" : "the parameter";
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

    private RedisListenerDefinitionException invalid(String problem, String action) {
        return new RedisListenerDefinitionException("@RedisListener method " + describe(method) + " " + problem,
                action);
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
