package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;

/**
 * Binds {@code space.type} to a space class through the {@link SpaceKinds} registry, so every
 * mapper reads and writes every registered kind with nothing to register. An unknown type resolves
 * to nothing, which Jackson reports as an invalid type id listing {@link #getDescForKnownTypeIds}.
 */
final class SpaceTypeIdResolver extends TypeIdResolverBase {
    private JavaType baseType;

    @Override
    public void init(JavaType baseType) {
        this.baseType = baseType;
    }

    @Override
    public String idFromValue(Object value) {
        return ((SearchSpace) value).type();
    }

    @Override
    @SuppressWarnings("unchecked")
    public String idFromValueAndType(Object value, Class<?> suggestedType) {
        return value != null ? idFromValue(value) : SpaceKinds.of((Class<? extends SearchSpace>) suggestedType).type();
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) {
        return SpaceKinds.find(id).map(kind -> context.constructSpecializedType(baseType, kind.spaceClass()))
                .orElse(null);
    }

    /** The registered types, comma-separated: what configs may write as {@code space.type}. */
    @Override
    public String getDescForKnownTypeIds() {
        return String.join(", ", SpaceKinds.types());
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}
