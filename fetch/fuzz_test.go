package fetch

import (
	"net/http"
	"net/netip"
	"strings"
	"testing"
)

// FuzzParseContentType: any Content-Type header a server sends gives a
// lower-case media type without parameters, and never a panic.
func FuzzParseContentType(f *testing.F) {
	for _, h := range []string{"", "audio/mpeg", "Text/XML; Charset=ISO-8859-1", "application/rss+xml;charset=\"utf-8\"", ";;", "a/b; c"} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		mt, cs := ParseContentType(h)
		if strings.ContainsRune(mt, ';') {
			t.Errorf("ParseContentType(%q) media type %q holds a parameter", h, mt)
		}
		if mt != strings.ToLower(mt) || cs != strings.ToLower(cs) {
			t.Errorf("ParseContentType(%q) = %q, %q, not lower-case", h, mt, cs)
		}
	})
}

// FuzzTotalLength: a Content-Range or Content-Length header of any shape
// gives a size that is -1 or not negative.
func FuzzTotalLength(f *testing.F) {
	f.Add("bytes 0-1/1234", int64(2), 206)
	f.Add("bytes */99", int64(-1), 416)
	f.Add("", int64(42), 200)
	f.Add("bytes 0-0/-5", int64(1), 206)
	f.Fuzz(func(t *testing.T, cr string, cl int64, status int) {
		r := &Response{Status: status, Header: http.Header{}, ContentLength: cl}
		if cr != "" {
			r.Header.Set("Content-Range", cr)
		}
		if n := r.TotalLength(); n < -1 || (n >= 0 && cr == "" && n != cl) {
			t.Errorf("TotalLength(Content-Range %q, Content-Length %d, %d) = %d", cr, cl, status, n)
		}
	})
}

// FuzzBlockReason: every address gets a verdict, and the verdict of an
// IPv4 address is the verdict of its IPv4-mapped IPv6 form.
func FuzzBlockReason(f *testing.F) {
	f.Add([]byte{127, 0, 0, 1})
	f.Add([]byte{0x20, 0x02, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Add([]byte{0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 192, 168, 1, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		a, ok := netip.AddrFromSlice(b)
		if !ok {
			return
		}
		r := BlockReason(a)
		if a.Is4() {
			if m := BlockReason(netip.AddrFrom16(a.As16())); m != r {
				t.Errorf("BlockReason(%s) = %q but %q for its mapped form", a, r, m)
			}
		}
		if a.IsLoopback() && r == "" {
			t.Errorf("BlockReason(%s) lets a loopback address through", a)
		}
	})
}
