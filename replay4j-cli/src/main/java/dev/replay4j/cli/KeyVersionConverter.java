// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.internal.key.KeyVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 1} or {@code 2}; anything else is a usage error. */
final class KeyVersionConverter implements ITypeConverter<KeyVersion> {
    @Override
    public KeyVersion convert(String value) {
        for (KeyVersion v : KeyVersion.values()) {
            if (String.valueOf(v.number()).equals(value.trim())) {
                return v;
            }
        }
        throw new TypeConversionException("the key version is 1 or 2, not '" + value + "'");
    }
}
