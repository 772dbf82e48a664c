package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
)

// ErrBlocked is wrapped by every error caused by the address guard.
var ErrBlocked = errors.New("address not allowed")

// BlockedError says which address the guard refused.
type BlockedError struct {
	Addr   netip.Addr // the resolved address that was refused
	Reason string     // e.g. "loopback", "private"
}

// Error names the refused address and why it was refused.
func (e *BlockedError) Error() string {
	return fmt.Sprintf("refusing to connect to %s address %s (--allow-private allows it)", e.Reason, e.Addr)
}

// Is reports whether target is ErrBlocked.
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }

// reservedPrefixes are ranges that are neither private nor loopback by
// netip's predicates but are not public either.
func reservedPrefixes() []netip.Prefix {
	return []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
		netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (CGNAT)
		netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
		netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
		netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
		netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
		netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
		netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast included
		netip.MustParsePrefix("100::/64"),        // discard-only
		netip.MustParsePrefix("2001:db8::/32"),   // documentation
	}
}

// BlockReason says why the guard refuses addr, or "" when addr is a public
// unicast address that may be contacted.
func BlockReason(addr netip.Addr) string {
	addr = addr.Unmap()
	// Addresses that embed an IPv4 address are judged by it.
	if addr.Is6() {
		b := addr.As16()
		if netip.MustParsePrefix("64:ff9b::/96").Contains(addr) { // NAT64
			if r := BlockReason(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})); r != "" {
				return r + " (NAT64)"
			}
		}
		if netip.MustParsePrefix("2002::/16").Contains(addr) { // 6to4
			if r := BlockReason(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})); r != "" {
				return r + " (6to4)"
			}
		}
	}
	switch {
	case !addr.IsValid():
		return "invalid"
	case addr.IsUnspecified():
		return "unspecified"
	case addr.IsLoopback():
		return "loopback"
	case addr.IsPrivate():
		return "private"
	case addr.IsLinkLocalUnicast():
		return "link-local"
	case addr.IsMulticast(), addr.IsLinkLocalMulticast(), addr.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, p := range reservedPrefixes() {
		if p.Contains(addr) {
			return "reserved"
		}
	}
	return ""
}

// checkAddr returns a *BlockedError when the dialled address is refused.
func checkAddr(hostport string) error {
	ap, err := netip.ParseAddrPort(hostport)
	if err != nil {
		host, _, serr := net.SplitHostPort(hostport)
		if serr != nil {
			host = hostport
		}
		a, perr := netip.ParseAddr(host)
		if perr != nil {
			return &BlockedError{Reason: "unparsable", Addr: netip.Addr{}}
		}
		ap = netip.AddrPortFrom(a, 0)
	}
	if r := BlockReason(ap.Addr()); r != "" {
		return &BlockedError{Addr: ap.Addr().Unmap(), Reason: r}
	}
	return nil
}

// guardedDialer returns a dialer that refuses blocked addresses at
// connect time, after resolution.
func guardedDialer() *net.Dialer {
	return &net.Dialer{
		Timeout:   DefaultTimeout,
		KeepAlive: DefaultTimeout,
		Control: func(network, address string, _ syscall.RawConn) error {
			return checkAddr(address)
		},
	}
}

// guardTransport marks a transport this package built, with the guard
// setting it was built with, so it is not wrapped twice.
type guardTransport struct {
	http.RoundTripper
	allowPrivate bool
}

// resolveGuard guards a RoundTripper this package cannot reach into (not
// an *http.Transport) by resolving the host before each request. It is a
// best effort: the transport resolves again when it dials.
type resolveGuard struct {
	next http.RoundTripper
}

func (g resolveGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Hostname()
	addrs, err := net.DefaultResolver.LookupNetIP(req.Context(), "ip", host)
	if err != nil {
		return nil, fmt.Errorf("resolve %q: %w", host, err)
	}
	for _, a := range addrs {
		if r := BlockReason(a); r != "" {
			return nil, &BlockedError{Addr: a.Unmap(), Reason: r}
		}
	}
	return g.next.RoundTrip(req)
}

// NewClient returns a client whose connections pass the address guard
// (unless opt.AllowPrivate). It starts from opt.Client when set: an
// *http.Transport is cloned and its dialer replaced, so its TLS settings
// survive; any other RoundTripper is wrapped with a check before each
// request. A client NewClient made is returned unchanged when its guard
// setting matches. Proxies are not used when the guard is on, since the
// guard checks the address actually dialled. Close idle connections
// (CloseIdleConnections) when done with a client made from scratch.
func NewClient(opt Options) *http.Client {
	var c http.Client
	if opt.Client != nil {
		if g, ok := opt.Client.Transport.(*guardTransport); ok && g.allowPrivate == opt.AllowPrivate {
			return opt.Client
		}
		c = *opt.Client
	}
	c.Timeout = 0 // each call sets its own deadline through its context
	c.CheckRedirect = nil
	c.Transport = guardedTransport(c.Transport, opt.AllowPrivate)
	return &c
}

func guardedTransport(rt http.RoundTripper, allowPrivate bool) http.RoundTripper {
	if g, ok := rt.(*guardTransport); ok {
		rt = g.RoundTripper
	}
	var t *http.Transport
	switch v := rt.(type) {
	case nil:
		t = &http.Transport{
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          32,
			MaxIdleConnsPerHost:   8,
			IdleConnTimeout:       30e9,
			TLSHandshakeTimeout:   10e9,
			ExpectContinueTimeout: 1e9,
		}
	case *http.Transport:
		t = v.Clone()
	default:
		if allowPrivate {
			return &guardTransport{RoundTripper: rt, allowPrivate: true}
		}
		return &guardTransport{RoundTripper: resolveGuard{next: rt}}
	}
	if !allowPrivate {
		d := guardedDialer()
		t.Proxy = nil
		t.DialContext = d.DialContext
		t.DialTLSContext = nil
		// DialContext takes priority over the deprecated Dial, but a
		// caller's DialTLS would still be used for https with
		// DialTLSContext nil, so it is cleared: the guarded DialContext is
		// the only way out.
		//lint:ignore SA1019 clearing the deprecated field is what keeps a caller's dialer from bypassing the guard
		t.DialTLS = nil
	} else if t.DialContext == nil {
		t.DialContext = (&net.Dialer{Timeout: DefaultTimeout, KeepAlive: DefaultTimeout}).DialContext
	}
	return &guardTransport{RoundTripper: t, allowPrivate: allowPrivate}
}

// CloseIdleConnections closes idle connections of the underlying transport.
func (g *guardTransport) CloseIdleConnections() {
	type closer interface{ CloseIdleConnections() }
	if c, ok := g.RoundTripper.(closer); ok {
		c.CloseIdleConnections()
	}
}
