// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest carries, as the build wrote it. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"replay4j " + (version != null ? version : "(development build)")};
    }
}
