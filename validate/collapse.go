package validate

import (
	"strconv"
	"strings"
)

// Findings of one kind (one code, severity and message shape) collapse:
// the first Config.MaxDetails keep their message, the ones after that only
// their positions (up to Config.MaxPositions) and an exact count. A feed
// that repeats one defect on a million items then costs a few megabytes,
// not gigabytes, and the messages past the cap are never formatted.

// maxKinds bounds the kinds one rule can have; past it, findings of new
// shapes join one catch-all kind per severity.
const maxKinds = 64

// kind counts the findings of one shape and severity of one rule.
type kind struct {
	shape string
	sev   Severity
	item  bool
	n     int      // findings so far
	more  *Repeats // those past the cap; nil while under it
}

// kindSet holds a rule's kinds. Rules have a handful of message formats,
// so a linear scan (equal format strings are usually the same pointer)
// beats a map.
type kindSet struct{ ks []*kind }

func (s *kindSet) find(shape string, sev Severity) *kind {
	for _, k := range s.ks {
		if k.sev == sev && k.shape == shape {
			return k
		}
	}
	if len(s.ks) >= maxKinds && shape != "" {
		return s.find("", sev)
	}
	k := &kind{shape: shape, sev: sev}
	s.ks = append(s.ks, k)
	return k
}

// keep counts a finding at pos and reports whether it keeps its message.
func (k *kind) keep(pos Pos, cfg *Config) bool {
	k.n++
	maxDetails := cfg.MaxDetails
	if maxDetails == 0 {
		maxDetails = DefaultMaxDetails
	}
	if maxDetails < 0 || k.n <= maxDetails {
		return true
	}
	if k.more == nil {
		k.more = &Repeats{}
	}
	k.more.Count++
	maxPos := cfg.MaxPositions
	if maxPos == 0 {
		maxPos = DefaultMaxPositions
	}
	if len(k.more.Positions) < maxPos {
		k.more.Positions = append(k.more.Positions, pos)
	}
	k.more.Last = pos
	return false
}

// overflow returns the findings that stand for the kinds past their cap.
func (s *kindSet) overflow(code string, r *Rule, cfg *Config, url string) []Diagnostic {
	var out []Diagnostic
	for _, k := range s.ks {
		if k.more == nil {
			continue
		}
		pos := k.more.Last
		if len(k.more.Positions) > 0 {
			pos = k.more.Positions[0]
		}
		maxDetails := cfg.MaxDetails
		if maxDetails <= 0 {
			maxDetails = DefaultMaxDetails
		}
		d := Diagnostic{
			Code:     code,
			Severity: k.sev,
			Message: "and " + strconv.Itoa(k.more.Count) + " more findings of this kind (past the first " +
				strconv.Itoa(maxDetails) + ", only their positions are kept)",
			Pos:   pos,
			URL:   url,
			Shape: k.shape,
			Item:  k.item,
			More:  k.more,
		}
		if r != nil {
			d.Hint = r.Hint
			d.Profiles = r.Profiles
		}
		out = append(out, d)
	}
	return out
}

// shapeOf is the shape of a finding the engine reports with a finished
// message: quoted values and numbers become placeholders, so "&nbsp; at
// 3:4" and "&nbsp; at 9:1" are one kind.
func shapeOf(msg string) string {
	var sb strings.Builder
	sb.Grow(len(msg))
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(msg) && msg[j] != '"' {
				if msg[j] == '\\' {
					j++
				}
				j++
			}
			sb.WriteString("%q")
			i = j
		case c >= '0' && c <= '9':
			for i+1 < len(msg) && msg[i+1] >= '0' && msg[i+1] <= '9' {
				i++
			}
			sb.WriteString("%d")
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}
