// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.Mode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class ModeConverter implements ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
        try {
            return Mode.fromName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
