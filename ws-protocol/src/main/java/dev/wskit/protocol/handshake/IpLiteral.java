package dev.wskit.protocol.handshake;

import java.util.Objects;

/**
 * Whether a URI's host is an IP address rather than a name (RFC 3986 §3.2.2): TLS sends a server
 * name only for names (RFC 6066 §3), so a client asks this before it sets SNI. Pure text, no
 * lookup.
 */
public final class IpLiteral {
    private static final int IPV6_GROUPS = 8;

    private IpLiteral() {
    }

    /**
     * Whether {@code host} is an IPv4 address ({@code 192.0.2.1}: four decimal octets, 0 to 255,
     * no leading zeros, as RFC 3986 writes them) or an IPv6 address (RFC 4291 §2.2, {@code ::}
     * and a trailing IPv4 part included, an optional {@code %zone}), the IPv6 one with or without
     * the URI's brackets. Anything else, {@code 1.2.3} or {@code 256.1.1.1} too, is a name.
     *
     * @param host a URI's host, with or without IPv6 brackets; not {@code null}
     * @return {@code true} for an IP address literal, {@code false} for a registered name
     */
    public static boolean matches(String host) {
        Objects.requireNonNull(host, "host");
        if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
            return isIpv6(host.substring(1, host.length() - 1));
        }
        return isIpv4(host) || isIpv6(host);
    }

    private static boolean isIpv4(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (!isDecimalOctet(octet)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 dec-octet: 0 to 255 in at most three digits, without a leading zero. */
    private static boolean isDecimalOctet(String s) {
        if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(s) <= 255;
    }

    private static boolean isIpv6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            // RFC 4007 §11: a zone names the interface of a link-local address; it is never empty.
            if (zone == s.length() - 1) {
                return false;
            }
            s = s.substring(0, zone);
        }
        int gap = s.indexOf("::");
        if (gap < 0) {
            return groups(s, true) == IPV6_GROUPS;
        }
        if (s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String before = s.substring(0, gap);
        String after = s.substring(gap + 2);
        int left = before.isEmpty() ? 0 : groups(before, false);
        int right = after.isEmpty() ? 0 : groups(after, true);
        // "::" stands for at least one group of zeros.
        return left >= 0 && right >= 0 && left + right < IPV6_GROUPS;
    }

    /**
     * How many 16-bit groups {@code s} holds ({@code h16} separated by colons, a trailing IPv4
     * part counting two when {@code mayEndInIpv4}), or -1 when it is not such a list.
     */
    private static int groups(String s, boolean mayEndInIpv4) {
        String[] parts = s.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            if (isHexGroup(parts[i])) {
                count++;
            } else if (mayEndInIpv4 && i == parts.length - 1 && isIpv4(parts[i])) {
                count += 2;
            } else {
                return -1;
            }
        }
        return count;
    }

    /** RFC 3986 h16: one to four hexadecimal digits. */
    private static boolean isHexGroup(String s) {
        if (s.isEmpty() || s.length() > 4) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // ASCII only: Character.digit would also take other scripts' digits.
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
