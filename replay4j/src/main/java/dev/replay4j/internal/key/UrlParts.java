// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

/**
 * The host and path of a URL or bare path, split as Python's {@code urllib.parse.urlparse} splits
 * them (leniently: no validation, no decoding), since the key hashes the path exactly as written.
 */
public record UrlParts(String netloc, String path) {
    private static final java.util.Set<String> USES_PARAMS = java.util.Set.of(
            "", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtspu", "sip", "sips", "mms", "sftp", "tel");

    public static UrlParts of(String urlOrPath) {
        String rest = urlOrPath;
        String scheme = "";
        int colon = rest.indexOf(':');
        if (colon > 0 && isScheme(rest, colon)) {
            scheme = rest.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            rest = rest.substring(colon + 1);
        }
        String netloc = "";
        if (rest.startsWith("//")) {
            int end = indexOfAny(rest, 2, "/?#");
            netloc = rest.substring(2, end);
            rest = rest.substring(end);
        }
        String path = rest.substring(0, indexOfAny(rest, 0, "?#"));
        if (USES_PARAMS.contains(scheme)) {
            // urlparse (unlike urlsplit) cuts ";params" off the last path segment.
            int semicolon = path.indexOf(';', path.lastIndexOf('/') + 1);
            if (semicolon >= 0) {
                path = path.substring(0, semicolon);
            }
        }
        return new UrlParts(netloc, path);
    }

    /** The host rule: Bedrock's API rejects {@code stream_options}, so it is not part of their keys. */
    public boolean isBedrock() {
        return netloc.contains("bedrock");
    }

    private static boolean isScheme(String s, int colon) {
        if (!Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7f) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
