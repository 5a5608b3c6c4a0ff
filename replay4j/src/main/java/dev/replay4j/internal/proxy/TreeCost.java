// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

/**
 * What the tree of a JSON body costs beyond what {@link MemoryBudget#FACTOR} counts it at. A body of mostly text (a
 * base64 image) makes a tree about its size; one of many small values ({@code [{},{},...]}) makes a tree twenty-five
 * times its size, which the budget must count before the body is parsed: a heap run out of during the parse fails
 * whichever thread allocates next, the server's acceptor or its idle connections' selector among them, and the
 * server then answers no one.
 */
final class TreeCost {
    /** About what one node of the tree takes: a Jackson node, its map or list entry, an empty map for an object. */
    static final int NODE_BYTES = 64;

    private TreeCost() {
    }

    /**
     * The bytes to count for the tree of {@code body} on top of its counted size, {@code 0} when the factor covers
     * it. The nodes are estimated from the bytes ({@code {}, {@code [} and {@code ,} outside strings), in one pass.
     */
    static long beyondFactor(byte[] body) {
        long nodes = 1;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[' || b == ',') {
                nodes++;
            }
        }
        long counted = (long) body.length * MemoryBudget.FACTOR;
        return Math.max(0, nodes * NODE_BYTES - counted);
    }
}
