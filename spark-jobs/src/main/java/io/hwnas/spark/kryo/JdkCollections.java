package io.hwnas.spark.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Kryo registrations for the JDK collections hwnas's records hold.
 *
 * <p>The unmodifiable collections of {@code List.of}/{@code copyOf}, {@code Set.of}, {@code Map.of}/{@code copyOf}
 * and {@code Stream.toList} are private classes of {@code java.util.ImmutableCollections}, so they are
 * looked up by name. Kryo's default serializers cannot restore them: {@code CollectionSerializer} and
 * {@code MapSerializer} create an empty instance and call {@code add}/{@code put}, which these refuse
 * ({@code UnsupportedOperationException}; {@code MapN} even fails earlier on its unset hash table).
 * The serializers here write the elements and rebuild with the public factories, which pick the same
 * implementation class again ({@code List12} for one or two elements, {@code ListN} otherwise, ...).
 */
public final class JdkCollections {
    private static final Logger LOG = LoggerFactory.getLogger(JdkCollections.class);

    /** Lists, in registration order (the order fixes Kryo's class ids, so it never changes between JVMs). */
    static final List<String> IMMUTABLE_LISTS = List.of("java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$SubList");
    static final List<String> IMMUTABLE_SETS = List.of("java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Set12");
    static final List<String> IMMUTABLE_MAPS = List.of("java.util.ImmutableCollections$MapN",
            "java.util.ImmutableCollections$Map1");

    private JdkCollections() {
    }

    /**
     * Registers the immutable collections with the serializers below, and the mutable ones Kryo's
     * defaults handle (they have no-argument constructors). A name this JDK does not have is skipped
     * with a warning: the ids stay consistent as long as driver and executors run the same JDK, which
     * Spark needs anyway.
     */
    public static void register(Kryo kryo) {
        ImmutableListSerializer lists = new ImmutableListSerializer();
        IMMUTABLE_LISTS.forEach(name -> registerByName(kryo, name, lists));
        ImmutableSetSerializer sets = new ImmutableSetSerializer();
        IMMUTABLE_SETS.forEach(name -> registerByName(kryo, name, sets));
        ImmutableMapSerializer maps = new ImmutableMapSerializer();
        IMMUTABLE_MAPS.forEach(name -> registerByName(kryo, name, maps));
        for (Class<?> c : List.of(ArrayList.class, HashMap.class, LinkedHashMap.class, HashSet.class,
                LinkedHashSet.class, TreeMap.class)) {
            kryo.register(c);
        }
    }

    private static void registerByName(Kryo kryo, String name, Serializer<?> serializer) {
        Class<?> c;
        try {
            c = Class.forName(name);
        } catch (ClassNotFoundException e) {
            LOG.warn("JDK class {} not found in Java {}; not registered with Kryo", name,
                    System.getProperty("java.version"));
            return;
        }
        kryo.register(c, serializer);
    }

    /**
     * {@code List.of}/{@code copyOf} lists refuse nulls (even in {@code contains}), {@code Stream.toList}
     * lists allow them; a flag keeps the difference, probed through {@code indexOf(null)} because the
     * JDK offers no other public way to tell.
     */
    static final class ImmutableListSerializer extends Serializer<List<?>> {
        ImmutableListSerializer() {
            setImmutable(true);
            setAcceptsNull(false);
        }

        @Override
        public void write(Kryo kryo, Output output, List<?> list) {
            output.writeBoolean(allowsNulls(list));
            output.writeVarInt(list.size(), true);
            for (Object element : list) {
                kryo.writeClassAndObject(output, element);
            }
        }

        @Override
        public List<?> read(Kryo kryo, Input input, Class<List<?>> type) {
            boolean nulls = input.readBoolean();
            Object[] elements = new Object[input.readVarInt(true)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = kryo.readClassAndObject(input);
            }
            return nulls ? Stream.of(elements).toList() : List.of(elements);
        }

        private static boolean allowsNulls(List<?> list) {
            try {
                list.indexOf(null);
                return true;
            } catch (NullPointerException e) {
                return false;
            }
        }
    }

    static final class ImmutableSetSerializer extends Serializer<Set<?>> {
        ImmutableSetSerializer() {
            setImmutable(true);
            setAcceptsNull(false);
        }

        @Override
        public void write(Kryo kryo, Output output, Set<?> set) {
            output.writeVarInt(set.size(), true);
            for (Object element : set) {
                kryo.writeClassAndObject(output, element);
            }
        }

        @Override
        public Set<?> read(Kryo kryo, Input input, Class<Set<?>> type) {
            Object[] elements = new Object[input.readVarInt(true)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = kryo.readClassAndObject(input);
            }
            return Set.of(elements);
        }
    }

    static final class ImmutableMapSerializer extends Serializer<Map<?, ?>> {
        ImmutableMapSerializer() {
            setImmutable(true);
            setAcceptsNull(false);
        }

        @Override
        public void write(Kryo kryo, Output output, Map<?, ?> map) {
            output.writeVarInt(map.size(), true);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                kryo.writeClassAndObject(output, e.getKey());
                kryo.writeClassAndObject(output, e.getValue());
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<?, ?> read(Kryo kryo, Input input, Class<Map<?, ?>> type) {
            Map.Entry<Object, Object>[] entries = new Map.Entry[input.readVarInt(true)];
            for (int i = 0; i < entries.length; i++) {
                Object key = kryo.readClassAndObject(input);
                entries[i] = Map.entry(key, kryo.readClassAndObject(input));
            }
            return Map.ofEntries(entries);
        }
    }
}
