// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The public signatures of a module's exported packages (unqualified exports only, as its descriptor says), one
 * line each, sorted: what a user can compile against.
 */
final class ApiListing {
    private final String moduleName;
    private final List<String> types;
    private final String text;

    private ApiListing(String moduleName, List<String> types, String text) {
        this.moduleName = moduleName;
        this.types = types;
        this.text = text;
    }

    /** The listing of the module (jar or class folder) that holds {@code anchor}. */
    static ApiListing of(Class<?> anchor) throws IOException {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ModuleReference module = ModuleFinder.of(location).findAll().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no module descriptor in " + location));
        ModuleDescriptor descriptor = module.descriptor();
        Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        Set<String> classNames = new TreeSet<>();
        try (ModuleReader reader = module.open()) {
            reader.list().filter(r -> r.endsWith(".class") && !r.equals("module-info.class")).forEach(r -> {
                String name = r.substring(0, r.length() - ".class".length()).replace('/', '.');
                if (exported.contains(name.substring(0, name.lastIndexOf('.')))) {
                    classNames.add(name);
                }
            });
        }
        StringBuilder text = new StringBuilder();
        text.append("module ").append(descriptor.name()).append('\n');
        exported.stream().sorted().forEach(p -> text.append("  exports ").append(p).append('\n'));
        List<String> types = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type = load(name, anchor.getClassLoader());
            if (!isVisible(type)) {
                continue;
            }
            types.add(type.getName());
            text.append('\n').append(declaration(type)).append('\n');
            Set<String> members = new TreeSet<>();
            for (Field f : type.getDeclaredFields()) {
                if (isVisible(f) && !f.isSynthetic()) {
                    members.add(f.toGenericString() + constantValue(f));
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (isVisible(c) && !c.isSynthetic()) {
                    members.add(signature(c));
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (isVisible(m) && !m.isSynthetic() && !m.isBridge()) {
                    members.add(signature(m));
                }
            }
            members.forEach(m -> text.append("  ").append(m).append('\n'));
        }
        return new ApiListing(descriptor.name(), List.copyOf(types), text.toString());
    }

    String moduleName() {
        return moduleName;
    }

    int typeCount() {
        return types.size();
    }

    String text() {
        return text;
    }

    /** The lines only one side has, marked {@code -} (expected) and {@code +} (actual). */
    static String diff(String expected, String actual) {
        Set<String> was = new TreeSet<>(List.of(expected.split("\n")));
        Set<String> is = new TreeSet<>(List.of(actual.split("\n")));
        StringBuilder out = new StringBuilder();
        was.stream().filter(l -> !is.contains(l)).forEach(l -> out.append("- ").append(l).append('\n'));
        is.stream().filter(l -> !was.contains(l)).forEach(l -> out.append("+ ").append(l).append('\n'));
        return out.toString();
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException("cannot load " + name, e));
        }
    }

    /** Public or protected, and (for a nested type) inside a visible type. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (c.isAnonymousClass() || c.isLocalClass() || !isVisible(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(Member member) {
        return isVisible(member.getModifiers());
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** A compile-time constant is inlined into users' code: its value is API too. */
    private static String constantValue(Field f) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || !(f.getType().isPrimitive() || f.getType() == String.class)) {
            return "";
        }
        try {
            Object value = f.get(null);
            return " = " + (value instanceof String ? "\"" + value + "\"" : value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String declaration(Class<?> type) {
        String generic = type.toGenericString();
        StringBuilder out = new StringBuilder();
        for (java.lang.annotation.Annotation a : type.getDeclaredAnnotations()) {
            out.append(annotationText(a)).append(' ');
        }
        out.append(generic);
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum() && !type.isRecord()) {
            out.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0 && !type.isAnnotation()) {
            out.append(type.isInterface() ? " extends " : " implements ");
            for (int i = 0; i < type.getGenericInterfaces().length; i++) {
                out.append(i > 0 ? ", " : "").append(type.getGenericInterfaces()[i].getTypeName());
            }
        }
        return out.toString();
    }

    /** An annotation in a form of our own: {@code Annotation.toString()} differs between JDK versions. */
    private static String annotationText(java.lang.annotation.Annotation a) {
        StringBuilder out = new StringBuilder("@").append(a.annotationType().getName()).append('(');
        Method[] elements = a.annotationType().getDeclaredMethods();
        java.util.Arrays.sort(elements, java.util.Comparator.comparing(Method::getName));
        for (int i = 0; i < elements.length; i++) {
            try {
                out.append(i > 0 ? ", " : "").append(elements[i].getName()).append('=').append(valueText(elements[i].invoke(a)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.append(')').toString();
    }

    private static String valueText(Object value) {
        if (value instanceof String) {
            return "\"" + value + "\"";
        }
        if (value instanceof Enum) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof Class) {
            return ((Class<?>) value).getName() + ".class";
        }
        if (value.getClass().isArray()) {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                out.append(i > 0 ? ", " : "").append(valueText(java.lang.reflect.Array.get(value, i)));
            }
            return out.append('}').toString();
        }
        return String.valueOf(value);
    }

    private static String signature(Executable e) {
        String s = e.toGenericString();
        Object defaultValue = e instanceof Method ? ((Method) e).getDefaultValue() : null;
        if (defaultValue != null) {
            s += " default " + valueText(defaultValue);
        }
        return s;
    }
}
