package io.respkit.spring.listener.adapter;

import io.respkit.spring.listener.ListenerExecutionFailedException;
import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisMessage;
import io.respkit.spring.listener.RedisStreamHandler;
import io.respkit.spring.listener.annotation.Channel;
import io.respkit.spring.listener.annotation.Pattern;
import io.respkit.stream.StreamMessage;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Calls a {@code @RedisListener(stream = ...)} method: works out once, from the method's signature, what each
 * parameter receives, then per entry (or per batch) converts and invokes.
 *
 * <p>Parameters may be: the entry's fields as {@code Map<String, String>}; the entry as
 * {@code StreamMessage<String>} (stream, id, fields, delivery count); the payload (see {@link StreamPayloads}) as
 * {@code String}, {@code CharSequence}, {@code Object} or {@code byte[]}, or converted from JSON by a
 * {@link PayloadConverter} to any other type, at most one; a {@code @Channel String} (the stream's key). A method
 * whose parameter is a {@code List} of fields, messages or payloads is a batch method: it gets each read's entries
 * at once, and may declare only that parameter and a {@code @Channel String}.
 *
 * <p>Thread-safe: the analysis is immutable and the method is invoked concurrently when the container does so.
 */
public final class StreamMethodInvoker implements RedisStreamHandler {

    private enum Source { FIELDS, MESSAGE, PAYLOAD, STREAM }

    private enum Conversion { NONE, STRING, BYTES, JSON }

    private record Slot(Source source, Conversion conversion, Type type) {
    }

    /** What a stream listener method may declare, for error messages. */
    static final String SUPPORTED = "A @RedisListener(stream = ...) method may declare: the fields as "
            + "Map<String, String>, the entry as StreamMessage<String>, at most one payload parameter (String, "
            + "CharSequence, Object or byte[] for the payload field's text, any other type read from JSON), a "
            + "@Channel String (the stream's key); or, for batches, one List of fields, entries or payloads (and "
            + "a @Channel String).";

    private final String listenerId;
    private final Object bean;
    private final Method method;
    private final PayloadConverter converter;
    private final Charset charset;
    private final String payloadField;
    private final Slot[] slots;
    private final boolean batch;

    /**
     * Analyses the method.
     *
     * @param listenerId the listener id, for messages
     * @param bean the bean to invoke the method on
     * @param method the method, invocable on the bean
     * @param converter converts JSON payloads, or {@code null} when none is available
     * @param charset encodes {@code byte[]} payloads
     * @param payloadField the payload's field, or {@code null} for the default rule of {@link StreamPayloads}
     * @throws RedisListenerDefinitionException naming the method and the parameter when a parameter cannot be
     *         supplied, when there are several payload parameters, when a batch method declares more than its
     *         list, or when a payload needs JSON conversion and no converter is available
     */
    public StreamMethodInvoker(String listenerId, Object bean, Method method, PayloadConverter converter,
            Charset charset, String payloadField) {
        this.listenerId = Objects.requireNonNull(listenerId, "listenerId");
        this.bean = Objects.requireNonNull(bean, "bean");
        this.method = Objects.requireNonNull(method, "method");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.converter = converter;
        this.payloadField = payloadField;
        Parameter[] params = method.getParameters();
        Slot[] result = new Slot[params.length];
        int payloadIndex = -1;
        int listIndex = -1;
        for (int i = 0; i < params.length; i++) {
            ResolvableType type = ResolvableType.forMethodParameter(method, i);
            if (params[i].isAnnotationPresent(Pattern.class)) {
                throw invalid("has " + describe(i) + " annotated @Pattern, but stream entries match no pattern",
                        "Remove " + name(i) + ". " + SUPPORTED);
            }
            if (params[i].isAnnotationPresent(Channel.class)) {
                if (!params[i].getType().isAssignableFrom(String.class)) {
                    throw invalid("has " + describe(i) + " annotated @Channel, which supplies a String",
                            "Declare " + name(i) + " as String, or remove @Channel. " + SUPPORTED);
                }
                result[i] = new Slot(Source.STREAM, Conversion.NONE, String.class);
                continue;
            }
            if (params[i].getType() == List.class) {
                listIndex = i;
                result[i] = element(i, type.getGeneric(0));
            } else {
                result[i] = element(i, type);
            }
            if (result[i].source() == Source.PAYLOAD) {
                if (payloadIndex >= 0) {
                    throw invalid("has an unsupported " + describe(i) + ": it would be a second payload, but "
                            + describe(payloadIndex) + " already receives the payload", "Remove " + name(i)
                            + ", or take the whole StreamMessage<String> or the fields as Map<String, String>. "
                            + SUPPORTED);
                }
                payloadIndex = i;
            }
        }
        if (listIndex >= 0) {
            for (int i = 0; i < params.length; i++) {
                if (i != listIndex && result[i].source() != Source.STREAM) {
                    throw invalid("has an unsupported " + describe(i) + ": a batch method (taking "
                            + describe(listIndex) + ") gets its entries through that list only",
                            "Remove " + name(i) + ", or take StreamMessage<String> elements in the list. "
                                    + SUPPORTED);
                }
            }
        }
        this.slots = result;
        this.batch = listIndex >= 0;
        ReflectionUtils.makeAccessible(method);
    }

    /** What one parameter (or one list element) receives. */
    private Slot element(int i, ResolvableType type) {
        Class<?> raw = type.resolve();
        if (raw == null) {
            throw invalid("has " + describe(i) + " whose type cannot be resolved", "Declare a concrete type. "
                    + SUPPORTED);
        }
        if (raw == List.class || raw == RedisMessage.class || raw.isPrimitive()) {
            throw invalid("has an unsupported " + describe(i) + (raw == List.class ? ": lists do not nest"
                    : raw == RedisMessage.class ? ": stream entries come as StreamMessage<String>" : ""),
                    "Change or remove " + name(i) + ". " + SUPPORTED);
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (raw != Map.class || !stringOrUnset(type.getGeneric(0)) || !stringOrUnset(type.getGeneric(1))) {
                throw invalid("has an unsupported " + describe(i) + ": the fields come as Map<String, String>",
                        "Declare " + name(i) + " as Map<String, String>. " + SUPPORTED);
            }
            return new Slot(Source.FIELDS, Conversion.NONE, Map.class);
        }
        if (raw == StreamMessage.class) {
            if (!stringOrUnset(type.getGeneric(0))) {
                throw invalid("has an unsupported " + describe(i) + ": entries come as StreamMessage<String>",
                        "Declare " + name(i) + " as StreamMessage<String>, or take the payload converted from JSON "
                                + "as a separate parameter. " + SUPPORTED);
            }
            return new Slot(Source.MESSAGE, Conversion.NONE, StreamMessage.class);
        }
        if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
            return new Slot(Source.PAYLOAD, Conversion.STRING, raw);
        }
        if (raw == byte[].class) {
            return new Slot(Source.PAYLOAD, Conversion.BYTES, raw);
        }
        if (converter == null) {
            throw invalid("has " + describe(i) + ", which needs the payload converted from JSON to "
                    + type.getType().getTypeName() + ", but no PayloadConverter is available", "Add "
                    + "tools.jackson.core:jackson-databind to the application, define a PayloadConverter bean, or "
                    + "take the payload as String.");
        }
        return new Slot(Source.PAYLOAD, Conversion.JSON, type.getType());
    }

    private static boolean stringOrUnset(ResolvableType t) {
        Class<?> c = t.resolve();
        return c == null || c == String.class || c == Object.class;
    }

    private String describe(int i) {
        Parameter p = method.getParameters()[i];
        return "parameter " + i + (p.isNamePresent() ? " '" + p.getName() + "'" : "") + " of type "
                + method.getGenericParameterTypes()[i].getTypeName();
    }

    private String name(int i) {
        Parameter p = method.getParameters()[i];
        return p.isNamePresent() ? "'" + p.getName() + "'" : "the parameter";
    }

    private RedisListenerDefinitionException invalid(String problem, String action) {
        return new RedisListenerDefinitionException("@RedisListener method "
                + MessagingMethodInvoker.describe(method) + " " + problem, action);
    }

    @Override
    public boolean isBatch() {
        return batch;
    }

    /**
     * Converts the entry and invokes the method.
     *
     * @param message the entry
     * @throws ListenerExecutionFailedException when the payload is missing or cannot be converted
     * @throws Exception whatever the method threw, unwrapped
     */
    @Override
    public void handle(StreamMessage<String> message) throws Exception {
        Object[] args = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            args[i] = slots[i].source() == Source.STREAM ? message.stream() : value(message, slots[i]);
        }
        invoke(args);
    }

    /**
     * Converts each entry of the batch and invokes the method once.
     *
     * @param messages the entries, in stream order
     * @throws ListenerExecutionFailedException when a payload is missing or cannot be converted
     * @throws Exception whatever the method threw, unwrapped
     */
    @Override
    public void handleBatch(List<StreamMessage<String>> messages) throws Exception {
        Object[] args = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].source() == Source.STREAM) {
                args[i] = messages.isEmpty() ? null : messages.get(0).stream();
            } else {
                List<Object> values = new ArrayList<>(messages.size());
                for (StreamMessage<String> m : messages) {
                    values.add(value(m, slots[i]));
                }
                args[i] = values;
            }
        }
        invoke(args);
    }

    private Object value(StreamMessage<String> message, Slot slot) {
        switch (slot.source()) {
            case FIELDS:
                return message.fields();
            case MESSAGE:
                return message;
            default:
                break;
        }
        String payload = StreamPayloads.payload(message, payloadField);
        if (payload == null) {
            throw new ListenerExecutionFailedException("Listener '" + listenerId + "': entry " + message.id()
                    + " of '" + message.stream() + "' has " + (payloadField != null ? "no field '" + payloadField
                    + "'" : "no field '" + StreamPayloads.DEFAULT_FIELD + "' and not exactly one field"), null);
        }
        switch (slot.conversion()) {
            case STRING:
                return payload;
            case BYTES:
                return payload.getBytes(charset);
            default:
                try {
                    return converter.convert(payload.getBytes(charset), slot.type());
                } catch (RuntimeException e) {
                    // The payload itself stays out of the message: it may carry personal data.
                    throw new ListenerExecutionFailedException("Listener '" + listenerId + "' could not convert "
                            + "entry " + message.id() + " of '" + message.stream() + "' to "
                            + slot.type().getTypeName() + ": " + e.getClass().getSimpleName(), e);
                }
        }
    }

    private void invoke(Object[] args) throws Exception {
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
                    + MessagingMethodInvoker.describe(method), e);
        }
    }

    @Override
    public String toString() {
        return "StreamMethodInvoker[" + listenerId + " -> " + MessagingMethodInvoker.describe(method)
                + (batch ? ", batch" : "") + "]";
    }
}
