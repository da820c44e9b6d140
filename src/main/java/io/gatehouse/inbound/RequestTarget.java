package io.gatehouse.inbound;

import java.util.Optional;

/**
 * A request target as the client sent it (RFC 9112 section 3.2), reduced to origin form. An absolute-form target
 * names the host itself, which then counts instead of the Host header (section 3.2.2).
 *
 * @param originForm the path and query, sent upstream unchanged
 * @param path the path alone, which routes match
 * @param authority the authority of an absolute-form target, or null
 */
record RequestTarget(String originForm, String path, String authority) {

    /** Parses a request target; empty when it is not origin or absolute form, or has dot segments. */
    static Optional<RequestTarget> parse(String uri) {
        String originForm;
        String authority = null;
        if (uri.startsWith("/")) {
            originForm = uri;
        } else if (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8)) {
            int start = uri.indexOf("//") + 2;
            int end = firstOf(uri, start, "/?#");
            authority = uri.substring(start, end);
            String rest = uri.substring(end);
            originForm = rest.startsWith("/") ? rest : "/" + rest;
        } else {
            return Optional.empty();
        }
        int hash = originForm.indexOf('#');
        if (hash >= 0) {
            originForm = originForm.substring(0, hash);
        }
        int query = originForm.indexOf('?');
        String path = query < 0 ? originForm : originForm.substring(0, query);
        if (authority != null && authority.isEmpty() || hasDotSegment(path)) {
            return Optional.empty();
        }
        return Optional.of(new RequestTarget(originForm, path, authority));
    }

    /**
     * Whether the path has a {@code .} or {@code ..} segment, plain or percent-encoded. Routes match the path as
     * sent, so {@code /pay/../admin} would match {@code /pay} and reach another resource of its upstream; such a
     * path is refused rather than normalized, since the path must go upstream unchanged.
     */
    static boolean hasDotSegment(String path) {
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            return false;
        }
        String decoded = path.replace("%2e", ".").replace("%2E", ".");
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static int firstOf(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
