// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Refuses requests whose {@code Host} is not the address the server listens on: a page on another site that
 * gets the browser to call this port under its own name (DNS rebinding) must not read recordings. Allowed: the
 * bound address and port, {@code localhost} when bound to loopback, and any address literal (never a name) on
 * the port when bound to every interface.
 */
public final class HostCheck {
    private final InetAddress bound;
    private final int port;

    public HostCheck(InetAddress bound, int port) {
        this.bound = bound;
        this.port = port;
    }

    public boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith("]")) {
            return false; // the port is always in the URL the server prints
        }
        if (!host.substring(colon + 1).equals(String.valueOf(port))) {
            return false;
        }
        String name = host.substring(0, colon);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost")) {
            return bound.isLoopbackAddress() || bound.isAnyLocalAddress();
        }
        if (!isAddressLiteral(name)) {
            return false;
        }
        if (bound.isAnyLocalAddress()) {
            return true;
        }
        try {
            return InetAddress.getByName(name).equals(bound);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isAddressLiteral(String name) {
        return name.matches("[0-9.]+") && name.chars().filter(c -> c == '.').count() == 3 || name.matches("[0-9a-f:.]+") && name.contains(":");
    }
}
