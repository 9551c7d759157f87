package io.p2proxy.proxy.internal;

import io.p2proxy.common.ResourceAddress;
import java.util.List;
import java.util.Locale;

/**
 * Where a request goes and what the target must see (RFC 9112 section 3.2): CONNECT names an
 * authority; absolute-form ({@code http://web.garage.p2p/x}) is rewritten to origin-form
 * ({@code /x}); origin-form is routed by its Host field. The port a client names is ignored: the
 * publishing peer's config decides the target, and nothing on the wire may name one.
 *
 * @param to the resource
 * @param forwardedHead the head to send to the target, or null for CONNECT (the tunnel starts after it)
 */
public record HttpRoute(ResourceAddress to, String forwardedHead) {

    /** @throws HttpHeadException 400 for requests no proxy could route; @throws RefusedException NOT_P2P */
    public static HttpRoute of(HttpHead head) throws HttpHeadException, RefusedException {
        String target = head.target();
        if (head.isConnect()) {
            return new HttpRoute(P2pNames.parse(host(target)), null);
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            String rest = target.substring("http://".length());
            int pathAt = indexOfAny(rest, "/?#");
            String authority = pathAt < 0 ? rest : rest.substring(0, pathAt);
            String path = pathAt < 0 ? "/" : rest.substring(pathAt);
            if (path.startsWith("?")) {
                path = "/" + path;
            }
            int fragment = path.indexOf('#');
            if (fragment >= 0) {
                path = path.substring(0, fragment);
            }
            if (authority.indexOf('@') >= 0) {
                throw new HttpHeadException(400, "user information in the request target");
            }
            return new HttpRoute(P2pNames.parse(host(authority)), head.forward(path.isEmpty() ? "/" : path));
        }
        if (lower.contains("://")) {
            throw new HttpHeadException(400, "only http:// requests are forwarded; use CONNECT for https");
        }
        if (!target.startsWith("/") && !target.equals("*")) {
            throw new HttpHeadException(400, "malformed request target");
        }
        List<String> hosts = head.values("Host");
        if (hosts.size() != 1) {
            throw new HttpHeadException(400, hosts.isEmpty() ? "no Host field" : "more than one Host field");
        }
        return new HttpRoute(P2pNames.parse(host(hosts.get(0))), head.forward(target));
    }

    /** The host of {@code host[:port]} or {@code [v6][:port]}; brackets are kept (an IP literal). */
    static String host(String authority) throws HttpHeadException {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new HttpHeadException(400, "malformed authority");
            }
            return authority.substring(0, close + 1);
        }
        int colon = authority.indexOf(':');
        if (colon >= 0) {
            String port = authority.substring(colon + 1);
            if (port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
                throw new HttpHeadException(400, "malformed port");
            }
            return authority.substring(0, colon);
        }
        return authority;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
