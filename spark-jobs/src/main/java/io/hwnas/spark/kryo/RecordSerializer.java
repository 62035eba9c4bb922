package io.hwnas.spark.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;

/**
 * Kryo serializer for any Java record: writes the components in declaration order and reads them
 * back through the canonical constructor.
 *
 * <p>Kryo's own {@code FieldSerializer} cannot handle records in Spark's Kryo 4: it reaches fields
 * through {@code sun.misc.Unsafe}, which since Java 16 refuses field offsets of record classes
 * ({@code UnsupportedOperationException: can't get field offset on a record class}), so the
 * serializer cannot even be created; its reflective fallback fails too, because {@code Field.set}
 * on a record's final field is illegal even after {@code setAccessible}. Going through the
 * canonical constructor is what Java serialization does for records, and it means the receiving
 * side re-runs the compact constructor: validation, and normalisation such as {@code Map.copyOf},
 * so a record read back is always one its constructor accepts.
 *
 * <p>A component whose declared type is a final class (a record, an enum without constant bodies,
 * {@code String}) is written without its class; any other is written with it, so interface-typed
 * components ({@code Layer}, {@code List}) keep their concrete class. With
 * {@code spark.kryo.registrationRequired} each concrete class reached must be registered.
 */
public final class RecordSerializer<T extends Record> extends Serializer<T> {
    private final Class<T> type;
    private final Component[] components;
    private final Constructor<T> canonical;

    private record Component(String name, Class<?> type, Method accessor, boolean exactType) {
    }

    public RecordSerializer(Class<T> type) {
        if (type == null || !type.isRecord()) {
            throw new IllegalArgumentException("RecordSerializer needs a record class, got "
                    + (type == null ? "null" : type.getName()));
        }
        this.type = type;
        RecordComponent[] declared = type.getRecordComponents();
        components = new Component[declared.length];
        Class<?>[] parameterTypes = new Class<?>[declared.length];
        for (int i = 0; i < declared.length; i++) {
            RecordComponent rc = declared[i];
            Method accessor = rc.getAccessor();
            // accessors of records nested in non-public classes are not accessible without this
            accessor.setAccessible(true);
            Class<?> t = rc.getType();
            boolean exact = t.isPrimitive() || (Modifier.isFinal(t.getModifiers()) && !t.isArray());
            components[i] = new Component(rc.getName(), t, accessor, exact);
            parameterTypes[i] = t;
        }
        try {
            canonical = type.getDeclaredConstructor(parameterTypes);
            canonical.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
        for (Component c : components) {
            Object value;
            try {
                value = c.accessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new KryoException("cannot read component '" + c.name() + "' of record " + type.getName(), e);
            }
            try {
                writeComponent(kryo, output, c, value);
            } catch (KryoException e) {
                e.addTrace(c.name() + " (" + type.getName() + ")");
                throw e;
            }
        }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<T> ignored) {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                values[i] = readComponent(kryo, input, components[i]);
            } catch (KryoException e) {
                e.addTrace(components[i].name() + " (" + type.getName() + ")");
                throw e;
            }
        }
        try {
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            // the record's own validation refused what was read: say which record and why
            throw new KryoException("record " + type.getName() + " rejected the values read: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new KryoException("cannot construct record " + type.getName(), e);
        }
    }

    private static void writeComponent(Kryo kryo, Output output, Component c, Object value) {
        Class<?> t = c.type();
        if (t.isPrimitive()) {
            if (t == int.class) {
                output.writeVarInt((Integer) value, false);
            } else if (t == long.class) {
                output.writeVarLong((Long) value, false);
            } else if (t == double.class) {
                output.writeDouble((Double) value);
            } else if (t == boolean.class) {
                output.writeBoolean((Boolean) value);
            } else if (t == float.class) {
                output.writeFloat((Float) value);
            } else if (t == short.class) {
                output.writeShort((Short) value);
            } else if (t == byte.class) {
                output.writeByte((Byte) value);
            } else if (t == char.class) {
                output.writeChar((Character) value);
            } else {
                throw new KryoException("unsupported primitive component type " + t);
            }
        } else if (c.exactType()) {
            kryo.writeObjectOrNull(output, value, t);
        } else {
            kryo.writeClassAndObject(output, value);
        }
    }

    private static Object readComponent(Kryo kryo, Input input, Component c) {
        Class<?> t = c.type();
        if (t.isPrimitive()) {
            if (t == int.class) {
                return input.readVarInt(false);
            } else if (t == long.class) {
                return input.readVarLong(false);
            } else if (t == double.class) {
                return input.readDouble();
            } else if (t == boolean.class) {
                return input.readBoolean();
            } else if (t == float.class) {
                return input.readFloat();
            } else if (t == short.class) {
                return input.readShort();
            } else if (t == byte.class) {
                return input.readByte();
            } else if (t == char.class) {
                return input.readChar();
            }
            throw new KryoException("unsupported primitive component type " + t);
        }
        return c.exactType() ? kryo.readObjectOrNull(input, t) : kryo.readClassAndObject(input);
    }
}
