package chapters

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

func fieldName(f string) string {
	if f == "" {
		return "value"
	}
	return fmt.Sprintf("%q", f)
}

func jsonKind(goType string) string {
	switch {
	case strings.Contains(goType, "bool"):
		return "a boolean"
	case strings.Contains(goType, "Number"), strings.Contains(goType, "int"), strings.Contains(goType, "float"):
		return "a number"
	case strings.Contains(goType, "string"):
		return "a string"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	}
	return "an object"
}

// skipJSONSpace returns the offset of the next value after off, skipping
// white space and a separating comma.
func skipJSONSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// jsonArray decodes the elements of the array that starts at the decoder's
// position, calling elem with each element's bytes and offset. A type
// error in an element is recorded and the next element is read; a syntax
// error stops the array. The input must be valid JSON (see jsonSyntax).
func jsonArray(data []byte, dec *json.Decoder, e *errs, what string, elem func(raw []byte, off int) error) bool {
	start := skipJSONSpace(data, int(dec.InputOffset()))
	tok, err := dec.Token()
	if err != nil {
		e.at(start, "%v", err)
		return false
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		e.at(start, "%s must be a JSON array, found %s", what, tokenKind(tok))
		return false
	}
	n := 0
	for dec.More() {
		off := skipJSONSpace(data, int(dec.InputOffset()))
		if n++; n > MaxChapters {
			e.at(off, "more than %d chapters", MaxChapters)
			return false
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			e.at(off, "%v", err)
			return false
		}
		if err := elem(raw, off); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				at := off
				field := te.Field[strings.LastIndexByte(te.Field, '.')+1:]
				if end := int(te.Offset); end <= len(raw) && field != "" {
					if i := bytes.LastIndex(raw[:end], []byte(`"`+field+`"`)); i >= 0 {
						at += i
					}
				}
				e.at(at, "%s is a JSON %s, want %s", fieldName(te.Field), te.Value, jsonKind(te.Type.String()))
				continue
			}
			e.at(off, "%v", err)
		}
	}
	if _, err := dec.Token(); err != nil {
		e.at(int(dec.InputOffset()), "%v", err)
		return false
	}
	return true
}

// jsonSyntax checks that data is one valid JSON document and records the
// first syntax error at its exact offset.
func jsonSyntax(data []byte, e *errs) bool {
	if json.Valid(data) {
		return true
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset)
		if off > 0 {
			off-- // the offending byte, not the one after it
		}
		e.at(off, "JSON: %s", se.Error())
		return false
	}
	e.at(len(data), "JSON: %v", err)
	return false
}

func tokenKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return fmt.Sprintf("%q", string(t))
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "something else"
}

func newJSONDecoder(data []byte) *json.Decoder {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec
}

// --- Podlove JSON -----------------------------------------------------

type podloveIn struct {
	Start json.RawMessage `json:"start"`
	Title string          `json:"title"`
	Href  string          `json:"href"`
	Image string          `json:"image"`
	// Keys that belong to Podcasting 2.0, accepted as fallbacks.
	URL string `json:"url"`
	Img string `json:"img"`
}

type podloveOut struct {
	Start string `json:"start"`
	Title string `json:"title"`
	Href  string `json:"href,omitempty"`
	Image string `json:"image,omitempty"`
}

func decodePodloveJSON(data []byte) ([]Chapter, error) {
	e := &errs{data: data}
	dec := newJSONDecoder(data)
	chs := []Chapter{}
	if !jsonSyntax(data, e) {
		return nil, e.err()
	}
	jsonArray(data, dec, e, "a Podlove JSON chapter list", func(raw []byte, off int) error {
		var in podloveIn
		if err := json.Unmarshal(raw, &in); err != nil {
			return err
		}
		c := Chapter{Title: in.Title, URL: firstOf(in.Href, in.URL), Image: firstOf(in.Image, in.Img)}
		ms, err := nptValue(in.Start)
		if err != nil {
			e.at(off, "chapter %d: %v", len(chs)+1, err)
		}
		c.Start = ms
		chs = append(chs, c)
		return nil
	})
	return chs, e.err()
}

// nptValue reads a Podlove "start": an NPT string, or a number of seconds.
func nptValue(raw json.RawMessage) (int64, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, errors.New(`missing "start": want an NPT time like "00:12:34.000"`)
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, fmt.Errorf("bad \"start\": %w", err)
		}
		return parseNPT(s)
	}
	ms, err := parseJSONSeconds(string(raw))
	if err != nil {
		return 0, fmt.Errorf("bad \"start\" %s: want an NPT time like \"00:12:34.000\"", raw)
	}
	return ms, nil
}

// parseNPT reads Normal Play Time: [[H+:]MM:]SS[.f*], 1-digit minutes
// and seconds accepted.
func parseNPT(s string) (int64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(t, "npt:")
	ms, err := parseClock(t)
	if err != nil {
		return 0, fmt.Errorf("bad start %q: want [[HH:]MM:]SS[.mmm]", s)
	}
	return ms, nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func encodePodloveJSON(b *bytes.Buffer, chs []Chapter) error {
	writePodloveJSON(b, chs)
	return nil
}

// --- Podcasting 2.0 JSON ----------------------------------------------

type pciIn struct {
	StartTime json.RawMessage `json:"startTime"`
	EndTime   json.RawMessage `json:"endTime"`
	Title     string          `json:"title"`
	Img       string          `json:"img"`
	URL       string          `json:"url"`
	TOC       *bool           `json:"toc"`
	Location  *pciLocation    `json:"location"`
	// Keys that belong to Podlove, accepted as fallbacks.
	Image string `json:"image"`
	Href  string `json:"href"`
}

type pciLocation struct {
	Name string `json:"name"`
	Geo  string `json:"geo"`
	OSM  string `json:"osm,omitempty"`
}

type pciOut struct {
	StartTime json.Number  `json:"startTime"`
	Title     *string      `json:"title,omitempty"`
	Img       string       `json:"img,omitempty"`
	URL       string       `json:"url,omitempty"`
	TOC       *bool        `json:"toc,omitempty"`
	EndTime   json.Number  `json:"endTime,omitempty"`
	Location  *pciLocation `json:"location,omitempty"`
}

type pciFile struct {
	Version  string   `json:"version"`
	Chapters []pciOut `json:"chapters"`
}

// PodcastJSONVersion is the version written in Podcasting 2.0 chapter files.
const PodcastJSONVersion = "1.2.0"

func decodePodcastJSON(data []byte) ([]Chapter, error) {
	e := &errs{data: data}
	if !jsonSyntax(data, e) {
		return nil, e.err()
	}
	dec := newJSONDecoder(data)
	start := skipJSONSpace(data, 0)
	tok, err := dec.Token()
	if err != nil {
		e.at(start, "%v", err)
		return nil, e.err()
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		e.at(start, "a Podcasting 2.0 chapters file must be a JSON object, found %s", tokenKind(tok))
		return nil, e.err()
	}
	var chs []Chapter
	seen := false
	for dec.More() {
		keyOff := skipJSONSpace(data, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			e.at(keyOff, "%v", err)
			return chs, e.err()
		}
		key, _ := tok.(string)
		if key != "chapters" || seen {
			if key == "chapters" {
				e.at(keyOff, `duplicate "chapters" key`)
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				e.at(keyOff, "%v", err)
				return chs, e.err()
			}
			continue
		}
		seen = true
		chs = []Chapter{}
		ok := jsonArray(data, dec, e, `"chapters"`, func(raw []byte, off int) error {
			var in pciIn
			if err := json.Unmarshal(raw, &in); err != nil {
				return err
			}
			n := len(chs) + 1
			c := Chapter{Title: in.Title, URL: firstOf(in.URL, in.Href), Image: firstOf(in.Img, in.Image), TOC: in.TOC}
			if ms, err := secondsValue("startTime", in.StartTime, true); err != nil {
				e.at(off, "chapter %d: %v", n, err)
			} else {
				c.Start = ms
			}
			if ms, err := secondsValue("endTime", in.EndTime, false); err != nil {
				e.at(off, "chapter %d: %v", n, err)
			} else {
				c.End = ms
			}
			if in.Location != nil {
				l := Location(*in.Location)
				c.Location = &l
			}
			chs = append(chs, c)
			return nil
		})
		if !ok {
			return chs, e.err()
		}
	}
	if !seen {
		e.at(start, `missing "chapters" array`)
	}
	return chs, e.err()
}

// secondsValue reads a Podcasting 2.0 time: a JSON number of seconds.
func secondsValue(key string, raw json.RawMessage, required bool) (int64, error) {
	if len(raw) == 0 || string(raw) == "null" {
		if required {
			return 0, fmt.Errorf("missing %q: want a number of seconds", key)
		}
		return 0, nil
	}
	if raw[0] == '"' {
		return 0, fmt.Errorf("%q is the string %s: want a number of seconds, like 754.5", key, raw)
	}
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return 0, fmt.Errorf("%q is %s: want a number of seconds, like 754.5", key, raw)
	}
	ms, err := parseJSONSeconds(string(raw))
	if err != nil {
		return 0, fmt.Errorf("bad %q %s: want a number of seconds from 0", key, raw)
	}
	return ms, nil
}

func encodePodcastJSON(b *bytes.Buffer, chs []Chapter) error {
	writePodcastJSON(b, chs)
	return nil
}
