package io.respkit.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.respkit.AsyncCommands;
import io.respkit.Pipeline;
import io.respkit.Response;
import io.respkit.Transaction;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated pipeline ({@code XPipelineCommands}) and async ({@code XAsyncCommands}) forms agree with the
 * synchronous families they are generated from: the same methods with the same parameters, each returning
 * {@code Response} of the boxed synchronous return type, nothing extra, and nothing missing except the lazy
 * {@code Stream}s, which only the synchronous API can follow.
 */
class SurfaceGenerationTests {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(long.class, Long.class, boolean.class, Boolean.class,
            double.class, Double.class, int.class, Integer.class);

    /** Every family {@link RedisCommands} is made of, found by walking its super-interfaces. */
    static Set<Class<?>> families() {
        Set<Class<?>> families = new LinkedHashSet<>();
        List<Class<?>> todo = new ArrayList<>(List.of(RedisCommands.class.getInterfaces()));
        while (!todo.isEmpty()) {
            Class<?> c = todo.remove(0);
            if (c != BaseCommands.class && families.add(c)) {
                todo.addAll(List.of(c.getInterfaces()));
            }
        }
        return families;
    }

    static Stream<Arguments> counterparts() throws ClassNotFoundException {
        List<Arguments> args = new ArrayList<>();
        for (Class<?> family : families()) {
            for (String form : List.of("Pipeline", "Async")) {
                args.add(Arguments.of(family, counterpart(family, form)));
            }
        }
        return args.stream();
    }

    private static Class<?> counterpart(Class<?> sync, String form) throws ClassNotFoundException {
        String name = sync.getName();
        return Class.forName(name.substring(0, name.length() - "Commands".length()) + form + "Commands");
    }

    @Test
    void theFamiliesAreTheOnesExpected() {
        assertThat(families()).containsExactlyInAnyOrder(KeyCommands.class, StringCommands.class,
                HashCommands.class, ListCommands.class, SetCommands.class, SortedSetCommands.class,
                SortedSetRangeCommands.class, ScriptingCommands.class, ServerCommands.class,
                // geobits families
                HyperLogLogCommands.class, BitmapCommands.class, GeoCommands.class,
                KeyspaceCommands.class, SortedSetAlgebraCommands.class, SortedSetLexCommands.class,
                FunctionCommands.class, ListMoveCommands.class,
                StreamCommands.class, StreamGroupCommands.class, StreamInfoCommands.class, // streams family
                // admin families
                AdminCommands.class, AclCommands.class, ClientCommands.class, ClusterCommands.class,
                ClusterAdminCommands.class); // clusteradmin
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("counterparts")
    void everySynchronousMethodHasItsCounterpartReturningAResponse(Class<?> sync, Class<?> generated) {
        List<String> problems = new ArrayList<>();
        for (Method m : commands(sync)) {
            Method g;
            try {
                g = generated.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                if (m.getReturnType() != Stream.class) {
                    problems.add("missing " + m);
                }
                continue;
            }
            if (m.getReturnType() == Stream.class) {
                problems.add("a lazy stream has a queued form: " + g);
            }
            if (!g.isDefault() || g.isVarArgs() != m.isVarArgs()
                    || !Arrays.equals(names(g.getGenericParameterTypes()), names(m.getGenericParameterTypes()))) {
                problems.add("parameters differ: " + g.toGenericString() + " vs " + m.toGenericString());
            }
            Type returned = g.getGenericReturnType();
            if (!(returned instanceof ParameterizedType p) || p.getRawType() != Response.class
                    || !p.getActualTypeArguments()[0].getTypeName().equals(boxed(m.getGenericReturnType()))) {
                problems.add("return type " + returned.getTypeName() + " is not Response<"
                        + boxed(m.getGenericReturnType()) + ">: " + g);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("counterparts")
    void noGeneratedMethodLacksASynchronousOne(Class<?> sync, Class<?> generated) {
        Set<String> extra = new TreeSet<>();
        for (Method g : commands(generated)) {
            try {
                sync.getDeclaredMethod(g.getName(), g.getParameterTypes());
            } catch (NoSuchMethodException e) {
                extra.add(g.toGenericString());
            }
        }
        assertThat(extra).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("counterparts")
    void theHierarchyMirrorsTheSynchronousOne(Class<?> sync, Class<?> generated) throws ClassNotFoundException {
        String form = generated.getSimpleName().contains("Pipeline") ? "Pipeline" : "Async";
        List<Class<?>> expected = new ArrayList<>();
        for (Class<?> s : sync.getInterfaces()) {
            expected.add(counterpart(s, form));
        }
        assertThat(generated.getInterfaces()).containsExactlyElementsOf(expected);
    }

    @Test
    void theAggregatesExtendEveryFamilyAndTheImplementationsTheRightAggregate() throws ClassNotFoundException {
        for (Class<?> family : families()) {
            assertThat(counterpart(family, "Pipeline")).isAssignableFrom(RedisPipelineCommands.class);
            assertThat(counterpart(family, "Async")).isAssignableFrom(RedisAsyncCommands.class);
        }
        assertThat(RedisPipelineCommands.class).isAssignableFrom(Pipeline.class)
                .isAssignableFrom(Transaction.class);
        assertThat(RedisAsyncCommands.class).isAssignableFrom(AsyncCommands.class);
        assertThat(RedisPipelineCommands.class.isAssignableFrom(AsyncCommands.class))
                .as("AsyncCommands sends at once; it is no pipeline").isFalse();
    }

    /** The command methods an interface declares: not the helpers the compiler made for its lambdas. */
    private static List<Method> commands(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !Modifier.isStatic(m.getModifiers())
                        && !Modifier.isPrivate(m.getModifiers()))
                .toList();
    }

    private static String[] names(Type[] types) {
        return Arrays.stream(types).map(Type::getTypeName).toArray(String[]::new);
    }

    private static String boxed(Type type) {
        return type instanceof Class<?> c && c.isPrimitive() ? BOXES.get(c).getName() : type.getTypeName();
    }
}
