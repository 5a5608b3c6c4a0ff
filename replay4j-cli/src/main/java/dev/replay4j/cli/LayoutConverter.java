// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.Layout;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class LayoutConverter implements ITypeConverter<Layout> {
    @Override
    public Layout convert(String value) {
        try {
            return Layout.fromName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
